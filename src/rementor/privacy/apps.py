from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "rementor.privacy"
    verbose_name = _("Personal data")

    def ready(self) -> None:
        from rementor.privacy import receivers  # noqa: F401  (an erased person cannot come back)
