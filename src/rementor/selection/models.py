"""Mentor applications and the programme manager's structured reviews (step 2 of the brief)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Commitment(models.IntegerChoices):
    """Time the candidate says they can give: one input to "willingness to share"."""

    CADENCE = 1, _("The programme's sessions, no more")
    SOME_EXTRA = 2, _("The sessions and some help in between")
    GENEROUS = 3, _("The sessions, help in between and sharing with other pairs")


def _rating(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class MentorApplication(models.Model):
    enrollment = models.OneToOneField(
        "programmes.Enrollment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="application",
    )
    motivation = models.TextField(_("motivation"), max_length=3000)
    commitment = models.PositiveSmallIntegerField(
        _("commitment"), choices=Commitment.choices, default=Commitment.CADENCE
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mentor application")
        verbose_name_plural = _("mentor applications")

    def __str__(self) -> str:
        return str(self.enrollment)


class MentorReview(models.Model):
    """A programme manager's short structured review of one candidate."""

    application = models.ForeignKey(
        MentorApplication, on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Communication: three questions, 1-5.
    clarity = _rating(_("explains clearly, without jargon"))
    listening = _rating(_("listens and asks questions"))
    adaptability = _rating(_("adapts to a senior colleague's pace"))
    # Willingness to share: one question, 1-5 (plus the candidate's stated commitment).
    willingness = _rating(_("keen to share what they know"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mentor review")
        verbose_name_plural = _("mentor reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} — {self.reviewer}"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("mentor decision", "Approved")
    DECLINED = "declined", pgettext_lazy("mentor decision", "Declined")


class MentorDecision(models.Model):
    """Every approve / decline, kept so that a changed decision still says who did what, when.

    Deleted with the reviews when the candidate withdraws: a withdrawal leaves no trace.
    """

    application = models.ForeignKey(
        MentorApplication, on_delete=models.CASCADE, related_name="decisions"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"))

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("mentor decision")
        verbose_name_plural = _("mentor decisions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision__in=["accepted", "declined"]),
                name="mentor_decision_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} — {self.get_decision_display()}"
