from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "rementor.training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from rementor.training import receivers  # noqa: F401  (connects programme_created)
