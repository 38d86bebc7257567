"""The pair's messages: a thread its members write in, and what each member has read of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Long enough for a paragraph and a few links, short enough to stay a message (a longer text
# belongs in the session's shared notes). Checked by the domain, not by the field, so that a
# message one word too long comes back whole with the error instead of being cut.
MESSAGE_MAX_LENGTH = 2000


class PairMessage(models.Model):
    """Read by the pair's members only: not the programme managers, not sponsors, never in an
    export made for the programme team. Deleted with the pair's private data."""

    pair = models.ForeignKey("matching.Pair", on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["pair", "created_at"])]

    def __str__(self) -> str:
        return f"message #{self.pk}"


class MessageThreadState(models.Model):
    """One member's place in their pair's thread: the last message they read (what the unread
    count starts from) and when they were last e-mailed about it (at most one e-mail an hour)."""

    pair = models.ForeignKey("matching.Pair", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_id = models.PositiveBigIntegerField(default=0)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pair", "user"], name="one_thread_state_per_member")
        ]

    def __str__(self) -> str:
        return f"thread state #{self.pk}"
