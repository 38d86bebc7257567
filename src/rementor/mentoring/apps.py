from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "rementor.mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        # Closes the calendar feeds of the people who leave (rementor.people.signals).
        from rementor.mentoring import receivers  # noqa: F401
