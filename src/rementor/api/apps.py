from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "rementor.api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        # Registers the Bearer scheme with drf-spectacular, and revokes the tokens of the
        # people who leave (rementor.people.signals).
        from rementor.api import receivers, schema  # noqa: F401
