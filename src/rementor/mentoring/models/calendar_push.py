"""CalDAV push: the one calendar of their own a person asked Rementor to write their sessions
into. The password is sealed (``core.sealed``), never stored or shown in clear."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarPush(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_push",
    )
    calendar_url = models.URLField(_("calendar address"), max_length=500)
    username = models.CharField(_("user name"), max_length=200, blank=True)
    password_sealed = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_pushed_at = models.DateTimeField(_("last written"), null=True, blank=True)
    # The last failure, as shown to the person (never a password); empty once a push works.
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("CalDAV calendar")
        verbose_name_plural = _("CalDAV calendars")

    def __str__(self) -> str:
        return f"CalDAV calendar of user {self.user_id}"
