"""Objectives for both parties (with their history) and hands-on practice tasks."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.mentoring.models.reciprocal import Phase


class ObjectiveOwner(models.TextChoices):
    MENTEE = "mentee", _("Mentee's learning objective")
    MENTOR = "mentor", _("Mentor's own objective")


class MentorGoalArea(models.TextChoices):
    """The brief's benefits for young mentors."""

    COMMUNICATION = "communication", _("Communication")
    PEDAGOGY = "pedagogy", _("Pedagogy")
    LEADERSHIP = "leadership", _("Leadership")


class ObjectiveStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class Objective(models.Model):
    pair = models.ForeignKey("matching.Pair", on_delete=models.CASCADE, related_name="objectives")
    owner = models.CharField(_("whose objective"), max_length=10, choices=ObjectiveOwner.choices)
    # Objectives of the reciprocal phase are the junior's, set with the senior: apart from the
    # reverse phase's (set from the pair's phase when added).
    phase = models.CharField(
        pgettext_lazy("pair phase", "phase"),
        max_length=10,
        choices=Phase.choices,
        default=Phase.REVERSE,
    )
    title = models.CharField(_("objective"), max_length=200)
    skill = models.ForeignKey(
        "skills.Skill",
        verbose_name=_("skill"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.CharField(_("area"), max_length=20, choices=MentorGoalArea.choices, blank=True)
    success_criterion = models.CharField(_("success criterion"), max_length=300, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ObjectiveStatus.choices,
        default=ObjectiveStatus.NOT_STARTED,
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["owner", "target_date", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="progress_0_100")
        ]

    def __str__(self) -> str:
        return self.title


class ObjectiveChange(models.Model):
    """An adjustment of an objective, with its reason (the brief's "adjust if needed")."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reason"), max_length=1000)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.objective}: {self.reason[:40]}"


class PracticeTask(models.Model):
    """Hands-on practice between sessions, with evidence; the mentor marks it done."""

    pair = models.ForeignKey("matching.Pair", on_delete=models.CASCADE, related_name="tasks")
    objective = models.ForeignKey(
        Objective, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks"
    )
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    evidence_link = models.URLField(_("evidence (link)"), blank=True)
    evidence_note = models.CharField(_("evidence (note)"), max_length=500, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "pk"]

    def __str__(self) -> str:
        return self.title
