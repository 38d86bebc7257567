"""Circles: a programme's participants grouped for debriefs, their meetings, the meetings'
shared note and attendance. Nothing here points at a pair: pair-private content (notes,
pulses, concerns, messages) has no way into a circle."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.people.models import validate_time_zone

NAME_MAX_LENGTH = 120
AGENDA_MAX_LENGTH = 3000
NOTE_MAX_LENGTH = 10000
MEETING_URL_MAX_LENGTH = 500


class Circle(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="circles",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("circle")
        verbose_name_plural = _("circles")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="one_circle_name_each")
        ]

    def __str__(self) -> str:
        return self.name


class CircleMember(models.Model):
    """A participant of the circle's programme, by their enrolment: withdrawing from the
    programme (or leaving the company) closes the circle to them without losing the row."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="members")
    enrollment = models.ForeignKey(
        "programmes.Enrollment", on_delete=models.CASCADE, related_name="circle_memberships"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["circle", "enrollment"], name="one_membership_each")
        ]

    def __str__(self) -> str:
        return f"circle member #{self.pk}"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting", "Planned")
    CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")


class CircleMeeting(models.Model):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts at"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Paris", validators=[validate_time_zone]
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    location = models.CharField(_("place"), max_length=500, blank=True)
    meeting_url = models.URLField(
        _("video call link"),
        max_length=MEETING_URL_MAX_LENGTH,
        blank=True,
        validators=[URLValidator(schemes=["https", "http"])],
    )
    agenda = models.TextField(_("agenda"), blank=True, max_length=AGENDA_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # Calendar invitations: a stable UID, SEQUENCE raised on every change sent.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    # Seen by the circle's members and the programme's managers.
    shared_note = models.TextField(_("shared note"), blank=True, max_length=NOTE_MAX_LENGTH)
    note_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note_updated_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "pk"]
        verbose_name = _("circle meeting")
        verbose_name_plural = _("circle meetings")

    def __str__(self) -> str:
        return f"{self.circle} — {self.starts_at:%Y-%m-%d}"


class Attendance(models.Model):
    """Who came to a meeting: one row per member present."""

    meeting = models.ForeignKey(CircleMeeting, on_delete=models.CASCADE, related_name="attendance")
    enrollment = models.ForeignKey(
        "programmes.Enrollment", on_delete=models.CASCADE, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "enrollment"], name="one_attendance_each")
        ]

    def __str__(self) -> str:
        return f"attendance #{self.pk}"
