"""Match runs (what the engine proposed, and from what), manager overrides, and pairs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The engine's documented default weights (docs/matchengine.md).
DEFAULT_WEIGHTS = {"skills": 0.6, "availability": 0.2, "preferences": 0.1, "cross_department": 0.1}


class RunStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("match run", "Queued")
    RUNNING = "running", pgettext_lazy("match run", "Running")
    DONE = "done", pgettext_lazy("match run", "Done")
    FAILED = "failed", pgettext_lazy("match run", "Failed")


class MatchRun(models.Model):
    """One run of the matching engine: its input, parameters, engine version and result."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="match_runs"
    )
    number = models.PositiveIntegerField(_("run number"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    weights = models.JSONField(default=dict)
    # The engine instance exactly as solved (person ids "p<pk>"), so a run can be replayed.
    instance = models.JSONField(default=dict)
    result = models.JSONField(default=dict, blank=True)
    # Accepted mentees and mentors not sent to the engine because they had left the company
    # when the run was taken ({"id": "p<pk>", "role": ...}): the run page names them.
    left_out = models.JSONField(default=list, blank=True)
    engine_version = models.CharField(max_length=40, blank=True)
    elapsed_s = models.FloatField(null=True, blank=True)
    matched = models.PositiveIntegerField(null=True, blank=True)
    unmatched = models.PositiveIntegerField(null=True, blank=True)
    total_score = models.FloatField(null=True, blank=True)
    optimal = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="one_run_number")
        ]

    def __str__(self) -> str:
        return f"{self.programme} — #{self.number}"

    @property
    def is_done(self) -> bool:
        return self.status == RunStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == RunStatus.FAILED

    @property
    def is_finished(self) -> bool:
        return self.is_done or self.is_failed


class OverrideKind(models.TextChoices):
    PIN = "pin", _("Pinned")
    FORBID = "forbid", _("Forbidden")


class PairOverride(models.Model):
    """A manager's decision the engine must respect: keep this pair, or never propose it."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="pair_overrides"
    )
    mentee = models.ForeignKey("programmes.Enrollment", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey("programmes.Enrollment", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=OverrideKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pin or ban of a pair")
        verbose_name_plural = _("pins and bans of pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "mentee", "mentor"], name="one_override_per_pair"
            ),
            # A mentee can be pinned to one mentor only.
            models.UniqueConstraint(
                fields=["programme", "mentee"],
                condition=Q(kind="pin"),
                name="one_pin_per_mentee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.mentee.person} — {self.mentor.person}"


class PairStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("pair", "Active")
    PAUSED = "paused", pgettext_lazy("pair", "Paused")
    COMPLETED = "completed", pgettext_lazy("pair", "Completed")
    ENDED = "ended", pgettext_lazy("pair", "Ended early")


# A paused pair still holds its mentee and its mentor's place.
OCCUPYING = ("active", "paused")
# Completed and ended pairs are read-only.
CLOSED = ("completed", "ended")


class Pair(models.Model):
    """A mentor and a mentee working together.

    The database guarantees that nobody is paired twice and no mentor exceeds capacity:
    one active pair per mentee, and each active pair holds one of its mentor's numbered
    places (``place`` from 1 to ``mentor_capacity``, unique per active mentor), so two
    managers publishing at the same moment cannot overfill a mentor.
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="pairs"
    )
    mentee = models.ForeignKey(
        "programmes.Enrollment", on_delete=models.CASCADE, related_name="pairs_as_mentee"
    )
    mentor = models.ForeignKey(
        "programmes.Enrollment", on_delete=models.CASCADE, related_name="pairs_as_mentor"
    )
    place = models.PositiveSmallIntegerField()
    mentor_capacity = models.PositiveSmallIntegerField()
    run = models.ForeignKey(
        MatchRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="pairs"
    )
    score = models.FloatField(null=True, blank=True)
    explanation = models.JSONField(default=dict, blank=True)
    covered_skills = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=PairStatus.choices, default=PairStatus.ACTIVE)
    status_reason = models.TextField(_("reason"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["mentee__person__sort_name", "mentee__person__last_name", "pk"]
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status__in=OCCUPYING),
                name="one_active_pair_per_mentee",
            ),
            models.UniqueConstraint(
                fields=["mentor", "place"],
                condition=Q(status__in=OCCUPYING),
                name="one_active_pair_per_mentor_place",
            ),
            models.CheckConstraint(
                condition=Q(place__gte=1) & Q(place__lte=models.F("mentor_capacity")),
                name="pair_place_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee.person} ← {self.mentor.person}"


class ProposalStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("proposed pair", "Waiting for answers")
    ACCEPTED = "accepted", pgettext_lazy("proposed pair", "Accepted")
    DECLINED = "declined", pgettext_lazy("proposed pair", "Declined")
    CANCELLED = "cancelled", pgettext_lazy("proposed pair", "Cancelled")
    EXPIRED = "expired", pgettext_lazy("proposed pair", "No answer in time")


class Answer(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("answer", "Accepted")
    DECLINED = "declined", pgettext_lazy("answer", "Declined")


class ProposalQuerySet(models.QuerySet):
    def holding(self, now=None):
        """Open proposals still within their time to answer: they hold the mentee and one of
        the mentor's places, so a run neither proposes them again nor fills that place."""
        from django.utils import timezone

        # A closed programme's proposals hold nobody and wait for no one.
        return self.filter(status=ProposalStatus.OPEN, deadline__gte=now or timezone.now()).exclude(
            programme__status="closed"
        )


class PairProposal(models.Model):
    """A pair a published run proposes when the programme asks both members to accept it.

    It becomes a ``Pair`` (active) only when both accept. A decline's reason is for the
    programme team only, never for the other member. Past its ``deadline`` an open proposal
    counts as unanswered (``is_expired``): nobody can answer it any more, its people go back
    to the pool, and the manager sees it; nothing is ever accepted silently.
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="pair_proposals"
    )
    run = models.ForeignKey(
        MatchRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    mentee = models.ForeignKey("programmes.Enrollment", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey("programmes.Enrollment", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(null=True, blank=True)
    explanation = models.JSONField(default=dict, blank=True)
    covered_skills = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    deadline = models.DateTimeField()
    mentee_answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    mentee_answered_at = models.DateTimeField(null=True, blank=True)
    mentor_answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    mentor_answered_at = models.DateTimeField(null=True, blank=True)
    # The member's reason for declining: shown to the programme team only.
    decline_reason = models.TextField(_("reason"), blank=True, max_length=2000)
    # A manager's reason for answering on someone's behalf or cancelling.
    override_reason = models.TextField(_("reason"), blank=True, max_length=2000)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pair = models.OneToOneField(
        Pair, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["mentee__person__sort_name", "mentee__person__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"], condition=Q(status="open"), name="one_open_proposal_per_mentee"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentee.person} ? {self.mentor.person}"

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.status == ProposalStatus.EXPIRED or (
            self.status == ProposalStatus.OPEN and self.deadline < timezone.now()
        )

    @property
    def is_open(self) -> bool:
        """Open and still within its time to answer."""
        return self.status == ProposalStatus.OPEN and not self.is_expired

    def answer_of(self, role: str) -> str:
        return self.mentee_answer if role == "mentee" else self.mentor_answer
