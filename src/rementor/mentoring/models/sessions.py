"""Sessions: planned (with a calendar invitation), then logged with shared and private notes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.mentoring.models.reciprocal import Phase
from rementor.people.models import validate_time_zone


class SessionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("session", "Planned")
    HELD = "held", pgettext_lazy("session", "Held")
    CANCELLED = "cancelled", pgettext_lazy("session", "Cancelled")
    NO_SHOW = "no_show", pgettext_lazy("session", "No-show")


class SessionMode(models.TextChoices):
    REMOTE = "remote", _("Video call")
    IN_PERSON = "in_person", _("In person")


# A typed video call link opens from a page, an e-mail and a calendar: web addresses only
# (never javascript:, data: or file: links).
MEETING_URL_SCHEMES = ("https", "http")
MEETING_URL_MAX_LENGTH = 500


def jitsi_url(room: str) -> str:
    """The address of the Jitsi room ``room`` on ``RM_JITSI_HOST``."""
    return f"https://{settings.RM_JITSI_HOST}/{room}"


class MentoringSession(models.Model):
    pair = models.ForeignKey("matching.Pair", on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    # The pair's time zone when planned: the invitation shows the time they agreed on.
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Paris", validators=[validate_time_zone]
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    mode = models.CharField(
        _("mode"), max_length=10, choices=SessionMode.choices, default=SessionMode.REMOTE
    )
    location = models.CharField(_("place or video link"), max_length=500, blank=True)
    # The video call link typed for the session (programme's video tool "link").
    meeting_url = models.URLField(
        _("video call link"),
        max_length=MEETING_URL_MAX_LENGTH,
        blank=True,
        validators=[URLValidator(schemes=list(MEETING_URL_SCHEMES))],
    )
    # The random name of the session's Jitsi room (programme's video tool "jitsi"): made once,
    # when the session is first planned as a video call, and kept through every change.
    video_room = models.CharField(max_length=64, blank=True, editable=False)
    agenda = models.TextField(_("agenda"), blank=True, max_length=3000)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    # Set from the pair's phase when the session is planned or recorded (``phases``).
    phase = models.CharField(
        pgettext_lazy("pair phase", "phase"),
        max_length=10,
        choices=Phase.choices,
        default=Phase.REVERSE,
    )
    # A group session (``groups``): the same key on the session of every pair of the group
    # that met together, so each pair's history stays its own. None for a pair's own session.
    group_key = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    # Calendar invitations: a stable UID, SEQUENCE raised on every change sent.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    skills = models.ManyToManyField(
        "skills.Skill", verbose_name=_("skills worked on"), blank=True, related_name="+"
    )
    # Seen by both members of the pair (and nobody else).
    shared_notes = models.TextField(_("shared notes"), blank=True, max_length=10000)
    logged_at = models.DateTimeField(null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["pair", "status", "starts_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["video_room"],
                condition=~models.Q(video_room=""),
                name="one_session_per_video_room",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pair} — {self.starts_at:%Y-%m-%d}"

    @property
    def meeting_link(self) -> str:
        """Where the video call is: the typed link, else the session's Jitsi room; "" for a
        session in person or without either. For the pair's members only, like the place."""
        if self.mode != SessionMode.REMOTE:
            return ""
        if self.meeting_url:
            return self.meeting_url
        if self.video_room:
            return jitsi_url(self.video_room)
        return ""


class PrivateNote(models.Model):
    """A note only its author can ever read: not the other member, not a manager, not an
    export, not the admin. Kept apart from the session so no query returns it by accident."""

    session = models.ForeignKey(
        MentoringSession, on_delete=models.CASCADE, related_name="private_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="private_notes"
    )
    text = models.TextField(max_length=10000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "author"], name="one_private_note_each")
        ]

    def __str__(self) -> str:
        return f"private note #{self.pk}"
