"""Pulses after each held session, and the longer mid-term and final check-ins."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def _one_to_five(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Pulse(models.Model):
    session = models.ForeignKey(
        "mentoring.MentoringSession", on_delete=models.CASCADE, related_name="pulses"
    )
    author = models.ForeignKey(
        "programmes.Enrollment", on_delete=models.CASCADE, related_name="pulses"
    )
    usefulness = _one_to_five(_("how useful was the session"))
    comfort = _one_to_five(_("how comfortable did you feel"))
    comment = models.CharField(_("one sentence (optional)"), max_length=280, blank=True)
    # The comment is its author's alone unless they ticked the box: then the programme team
    # reads it too (never the partner). Rows written before the box existed stay private.
    # Read through rementor.mentoring.queries.pulse_comment_visible, never directly.
    comment_shared = models.BooleanField(_("comment shared with the programme team"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "author"], name="one_pulse_each"),
            models.CheckConstraint(
                condition=models.Q(usefulness__gte=1, usefulness__lte=5)
                & models.Q(comfort__gte=1, comfort__lte=5),
                name="pulse_scores_1_5",
            ),
        ]
        indexes = [
            # The pages at risk look for the few low pulses (usefulness + comfort below twice
            # the threshold) among every pulse: found in this index instead of a full scan.
            models.Index(models.F("usefulness") + models.F("comfort"), name="pulse_score"),
            # Sponsors' figures read the oldest pulses first, by respondent
            # (analytics.queries.oldest_responses): read in this index's order, without a sort
            # of every pulse (SQLite, 50,000 people: 184 -> 80 ms).
            models.Index(fields=["created_at", "id", "author"], name="pulse_oldest_first"),
        ]

    def __str__(self) -> str:
        return f"pulse #{self.pk}"


class CheckInKind(models.TextChoices):
    MIDTERM = "midterm", _("Mid-term check-in")
    FINAL = "final", _("Final check-in")


class CheckIn(models.Model):
    pair = models.ForeignKey("matching.Pair", on_delete=models.CASCADE, related_name="check_ins")
    author = models.ForeignKey(
        "programmes.Enrollment", on_delete=models.CASCADE, related_name="check_ins"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CheckInKind.choices)
    progress = _one_to_five(_("progress on my objectives"))
    relationship = _one_to_five(_("quality of our relationship"))
    pace = _one_to_five(_("the pace suits me"))
    # Asked in the final check-in of a pair that had a reciprocal phase (both directions).
    reciprocal_progress = models.PositiveSmallIntegerField(
        _("what I gained in the reciprocal phase"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    # 0-10, for a net promoter score in the impact report.
    recommend = models.PositiveSmallIntegerField(
        _("would you recommend the programme to a colleague (0-10)"),
        validators=[MaxValueValidator(10)],
    )
    highlight = models.TextField(_("what worked best"), blank=True, max_length=2000)
    improve = models.TextField(_("what should change"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pair", "author", "kind"], name="one_check_in_each"),
            models.CheckConstraint(condition=models.Q(recommend__lte=10), name="recommend_0_10"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
