from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "rementor.sso"
    verbose_name = _("Single sign-on")

    def ready(self) -> None:
        from django.core import checks

        from rementor.sso.config import check_someone_can_sign_in

        checks.register(check_someone_can_sign_in, checks.Tags.security, deploy=False)
