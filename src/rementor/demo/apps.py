from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo company: a client of the other apps, written only through their domain
    functions and the HRIS import, so nothing else imports it."""

    name = "rementor.demo"
