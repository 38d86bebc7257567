"""A programme's team chat channels: the Teams and Slack webhook addresses, and how the last
delivery to each went.

A webhook address is a secret (whoever holds it can post to the channel): pages show only its
host and last four characters (``addresses.masked``); neither the API, the exports nor the
audit trail carry it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TEAMS = "teams", _("Microsoft Teams")
    SLACK = "slack", _("Slack")


class ProgrammeChannels(models.Model):
    programme = models.OneToOneField(
        "programmes.Programme", on_delete=models.CASCADE, related_name="channels"
    )
    teams_url = models.URLField(_("Teams Workflows webhook address"), max_length=2000, blank=True)
    slack_url = models.URLField(_("Slack incoming-webhook address"), max_length=2000, blank=True)
    # The last delivery to each channel: when it worked, when it failed and with what HTTP
    # status (0: no answer — timeout or network error). Never the address nor the answer body.
    teams_last_success_at = models.DateTimeField(null=True, blank=True)
    teams_last_failure_at = models.DateTimeField(null=True, blank=True)
    teams_last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    slack_last_success_at = models.DateTimeField(null=True, blank=True)
    slack_last_failure_at = models.DateTimeField(null=True, blank=True)
    slack_last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("team channels")
        verbose_name_plural = _("team channels")

    def __str__(self) -> str:
        # Never the addresses: this text may reach logs and the admin.
        return f"{self.programme} — {self._meta.verbose_name}"

    def url_of(self, kind: str) -> str:
        return getattr(self, f"{kind}_url")

    def configured(self) -> list[str]:
        """The kinds with an address, Teams first."""
        return [kind for kind in Kind.values if self.url_of(kind)]
