from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "rementor.channels"
    label = "channels"
    verbose_name = _("Team channels")

    def ready(self) -> None:
        # Connects to programme_status_changed, run_published and idea_logged.
        from rementor.channels import receivers  # noqa: F401
