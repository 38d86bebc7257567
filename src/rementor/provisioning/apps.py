from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvisioningConfig(AppConfig):
    name = "rementor.provisioning"
    verbose_name = _("SCIM provisioning")
