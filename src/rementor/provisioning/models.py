"""SCIM provisioning: the identity provider's tokens, and what SCIM alone knows of a person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScimToken(models.Model):
    """A bearer token of an identity provider. Only a SHA-256 digest of the secret is stored.

    It belongs to the company, not to the manager who made it: a token keeps working when
    that manager leaves (``created_by`` is kept for the trail only)."""

    name = models.CharField(_("name"), max_length=100)
    # The first characters of the secret: enough to recognise a token, useless to use it.
    prefix = models.CharField(_("prefix"), max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("SCIM token")
        verbose_name_plural = _("SCIM tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ScimIdentity(models.Model):
    """What the identity provider says of a person that the HRIS record has no field for:
    its own identifier (``externalId``), and whether it deleted the user (then deactivated
    here, and answered 404 as RFC 7644 §3.6 asks)."""

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="scim_identity",
    )
    external_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("SCIM identity")
        verbose_name_plural = _("SCIM identities")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.external_id or '-'}"
