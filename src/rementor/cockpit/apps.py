from django.apps import AppConfig


class CockpitConfig(AppConfig):
    """What runs a programme: the step tracker, checked transitions, who has answered, and the
    manager's attention list. It reads every app below it and writes only through their domain
    functions."""

    name = "rementor.cockpit"
