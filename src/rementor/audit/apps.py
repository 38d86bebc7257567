from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "rementor.audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from rementor.audit import receivers  # noqa: F401  (connects sign-ins and refusals)
