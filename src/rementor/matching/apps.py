from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "rementor.matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from rementor.matching import receivers  # noqa: F401  (connects programme_closing)
