"""What reminders were sent (so none is sent twice) and who opted out of which kind."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReminderLog(models.Model):
    kind = models.CharField(max_length=40)
    # What the reminder is about, e.g. "pair:12:after:2026-11-02" — one e-mail per key and user.
    key = models.CharField(max_length=120)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "user"], name="one_reminder_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class ReminderOptOut(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}"
