from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rementor.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Connects the sign-in stamp of the session limits before anyone can sign in.
        from rementor.core import session_limits  # noqa: F401
