"""A programme's moves along its life cycle, checked and explained before they happen.

``facts`` counts what a move depends on (a constant number of queries, whatever the
programme's size); ``blockers`` are what refuses a move, ``warnings`` what the manager should
know but may accept, ``consequences`` what the move will do. ``move_programme`` checks them
again and moves, closing the pairs first when the programme closes, in one transaction; the
status itself is written only by ``programmes.domain.change_programme_status``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rementor.matching.models import (
    OCCUPYING,
    MatchRun,
    Pair,
    PairProposal,
    PairStatus,
    ProposalStatus,
    RunStatus,
)
from rementor.mentoring.lifecycle import complete_pair, end_pair
from rementor.people.queries import still_in_company
from rementor.privacy.models import ProgrammePurge
from rementor.programmes.domain import change_programme_status
from rementor.programmes.models import (
    REOPEN_DAYS,
    STATUS_TRANSITIONS,
    EnrollmentStatus,
    Programme,
    ProgrammeStatus,
    ProgrammeStatusChange,
    Role,
)
from rementor.programmes.queries import closed_at, last_closing, reopen_deadline
from rementor.skills.models import Assessment, AssessmentKind
from rementor.training.queries import TRAINEE_STATUSES, finished_condition

# Mentees still expected to take part (not declined, withdrawn or finished).
EXPECTED = (EnrollmentStatus.INVITED, EnrollmentStatus.ACCEPTED)
# What closing does with the pairs still active or paused.
COMPLETE, END = "complete", "end"


@dataclass(frozen=True)
class Facts:
    """What a programme's next step depends on, counted once."""

    today: dt.date
    mentees: int  # invited or accepted mentees still in the company
    mentees_with_needs: int
    mentees_unpaired: int  # accepted mentees without an active or paused pair
    mentors_invited: int  # invited as mentors, no application yet
    applications_waiting: int  # mentor applications waiting for a decision
    mentors_accepted: int
    active_pairs: int
    paused_pairs: int
    completed_pairs: int
    ended_pairs: int
    published_runs: int
    unpublished_runs: int  # finished runs nobody published
    trainees: int
    trainees_behind: int  # taking part, with training modules left
    closing: ProgrammeStatusChange | None = None  # the last recorded closing
    closed_at: dt.datetime | None = None
    reopen_until: dt.datetime | None = None
    purged: bool = False
    # Consent to the pair: proposals waiting for answers, and those nobody answered in time
    # (still open in the database, past their deadline).
    proposals_waiting: int = 0
    proposals_unanswered: int = 0

    @property
    def needs_missing(self) -> int:
        return self.mentees - self.mentees_with_needs

    @property
    def open_pairs(self) -> int:
        return self.active_pairs + self.paused_pairs

    @property
    def mentors(self) -> int:
        """Mentors invited, candidates and accepted."""
        return self.mentors_invited + self.applications_waiting + self.mentors_accepted

    @property
    def can_reopen(self) -> bool:
        return (
            self.reopen_until is not None
            and timezone.now() <= self.reopen_until
            and not self.purged
        )


def facts(*, programme: Programme) -> Facts:
    """Count what the tracker and the transitions need: at most eight queries."""
    # Sets the database looks each row up in (one pass over each), not a subquery per row.
    with_needs = Assessment.objects.filter(
        enrollment__programme=programme,
        kind=AssessmentKind.BASELINE,
        submitted_at__isnull=False,
    ).values("enrollment_id")
    paired = Pair.objects.filter(mentee__programme=programme, status__in=OCCUPYING).values(
        "mentee_id"
    )
    mentee, mentor = Q(role=Role.MENTEE), Q(role=Role.MENTOR)
    expected = mentee & Q(status__in=EXPECTED)
    people = still_in_company(programme.enrollments.all()).aggregate(
        mentees=Count("pk", filter=expected),
        mentees_with_needs=Count("pk", filter=expected & Q(pk__in=with_needs)),
        mentees_unpaired=Count(
            "pk", filter=mentee & Q(status=EnrollmentStatus.ACCEPTED) & ~Q(pk__in=paired)
        ),
        mentors_invited=Count("pk", filter=mentor & Q(status=EnrollmentStatus.INVITED)),
        applications_waiting=Count("pk", filter=mentor & Q(status=EnrollmentStatus.APPLIED)),
        mentors_accepted=Count("pk", filter=mentor & Q(status=EnrollmentStatus.ACCEPTED)),
        **_training(programme),
    )
    pairs = dict(
        Pair.objects.filter(programme=programme)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    runs = MatchRun.objects.filter(programme=programme).aggregate(
        published=Count("pk", filter=Q(published_at__isnull=False)),
        unpublished=Count("pk", filter=Q(published_at__isnull=True, status=RunStatus.DONE)),
    )
    now = timezone.now()
    proposals = PairProposal.objects.filter(
        programme=programme, status=ProposalStatus.OPEN
    ).aggregate(
        waiting=Count("pk", filter=Q(deadline__gte=now)),
        unanswered=Count("pk", filter=Q(deadline__lt=now)),
    )
    closing = last_closing(programme) if programme.status == ProgrammeStatus.CLOSED else None
    closed = programme.status == ProgrammeStatus.CLOSED
    return Facts(
        today=timezone.localdate(),
        **people,
        active_pairs=pairs.get(PairStatus.ACTIVE, 0),
        paused_pairs=pairs.get(PairStatus.PAUSED, 0),
        completed_pairs=pairs.get(PairStatus.COMPLETED, 0),
        ended_pairs=pairs.get(PairStatus.ENDED, 0),
        published_runs=runs["published"],
        unpublished_runs=runs["unpublished"],
        closing=closing,
        closed_at=closed_at(programme, closing) if closed else None,
        reopen_until=reopen_deadline(programme, closing) if closed else None,
        purged=closed and ProgrammePurge.objects.filter(programme=programme).exists(),
        proposals_waiting=proposals["waiting"],
        proposals_unanswered=proposals["unanswered"],
    )


def _training(programme: Programme) -> dict[str, Count]:
    """The counts of people taking part in the training and of those with modules left, to
    aggregate over the programme's enrolments (one query for the modules: the rest is
    counted by the database with the other figures)."""
    taking_part = Q(status__in=TRAINEE_STATUSES)
    finished = finished_condition([programme.pk])
    return {
        "trainees": Count("pk", filter=taking_part),
        "trainees_behind": Count("pk", filter=taking_part & ~finished),
    }


# ------------------------------------------------------------------------------ links


def responses_url(programme: Programme, section: str = "") -> str:
    """Who has answered, and the reminders (``cockpit:responses``); the programme page if
    that page is not installed."""
    try:
        url = reverse("cockpit:responses", kwargs={"slug": programme.slug})
    except NoReverseMatch:
        return reverse("programmes:detail", kwargs={"slug": programme.slug})
    return url + (f"#{section}" if section else "")


def transition_url(programme: Programme, to: str) -> str:
    return reverse("cockpit:transition", kwargs={"slug": programme.slug, "to": to})


@dataclass(frozen=True)
class Notice:
    """One sentence about a move, with where to act on it."""

    text: str
    url: str = ""
    link: str = ""


# ------------------------------------------------------------------------------ the checks


def is_legal(*, programme: Programme, to: str) -> bool:
    return to in STATUS_TRANSITIONS.get(programme.status, ())


def blockers(*, programme: Programme, to: str, known: Facts) -> list[Notice]:
    """What refuses the move from ``programme``'s status to ``to``."""
    slug = {"slug": programme.slug}
    if not is_legal(programme=programme, to=to):
        allowed = STATUS_TRANSITIONS.get(programme.status, ())
        return [
            Notice(
                _(
                    "A programme cannot go from %(from)s to %(to)s. From %(from)s it can go to: "
                    "%(allowed)s."
                )
                % {
                    "from": ProgrammeStatus(programme.status).label,
                    "to": ProgrammeStatus(to).label,
                    "allowed": ", ".join(str(ProgrammeStatus(s).label) for s in allowed),
                }
            )
        ]
    found: list[Notice] = []
    if to == ProgrammeStatus.MATCHING:
        if not known.mentors_accepted:
            found.append(
                Notice(
                    _(
                        "No mentor has been accepted yet: there is nobody to match the mentees "
                        "with."
                    ),
                    reverse("selection:candidates", kwargs=slug),
                    # Nothing to decide while nobody has applied: the candidates page is
                    # where mentors are found (expertise, invitations).
                    _("Decide on the mentor applications")
                    if known.applications_waiting
                    else _("Mentor candidates"),
                )
            )
        if not known.mentees_with_needs:
            found.append(
                Notice(
                    _("No mentee has given their needs yet: there is nobody to match."),
                    responses_url(programme, "needs"),
                    _("See who has answered"),
                )
            )
    elif to == ProgrammeStatus.RUNNING and programme.status == ProgrammeStatus.MATCHING:
        if not known.published_runs:
            found.append(
                Notice(
                    _("No matching run has been published yet."),
                    reverse("matching:page", kwargs=slug),
                    _("Open the matching"),
                )
            )
        if not known.active_pairs:
            found.append(
                Notice(
                    _("The programme has no active pair."),
                    reverse("matching:page", kwargs=slug),
                    _("Open the matching"),
                )
            )
    elif to == ProgrammeStatus.RUNNING and programme.status == ProgrammeStatus.CLOSED:
        if known.purged:
            found.append(
                Notice(_("Its texts were cleared by the retention rule: it stays closed."))
            )
        elif not known.can_reopen:
            found.append(Notice(too_late_to_reopen(known)))
    return found


def proposals_pending(programme: Programme, known: Facts) -> Notice:
    """Proposed pairs not yet live (consent to the pair): waiting, or unanswered in time."""
    parts = []
    if known.proposals_waiting:
        parts.append(
            ngettext(
                "%(count)d proposed pair still waits for its members’ answers: it goes live "
                "only when both accept.",
                "%(count)d proposed pairs still wait for their members’ answers: each goes "
                "live only when both accept.",
                known.proposals_waiting,
            )
            % {"count": known.proposals_waiting}
        )
    if known.proposals_unanswered:
        parts.append(
            ngettext(
                "%(count)d proposed pair was not answered in time and waits for your decision.",
                "%(count)d proposed pairs were not answered in time and wait for your decision.",
                known.proposals_unanswered,
            )
            % {"count": known.proposals_unanswered}
        )
    return Notice(
        " ".join(parts),
        reverse("cockpit:proposals", kwargs={"slug": programme.slug}),
        _("See the proposed pairs"),
    )


def too_late_to_reopen(known: Facts) -> str:
    return ngettext(
        "A closed programme can be reopened only within %(days)d day of its closing; this one "
        "closed on %(date)s.",
        "A closed programme can be reopened only within %(days)d days of its closing; this "
        "one closed on %(date)s.",
        REOPEN_DAYS,
    ) % {"days": REOPEN_DAYS, "date": local_day(known.closed_at)}


def warnings(*, programme: Programme, to: str, known: Facts) -> list[Notice]:
    """What the manager should know before the move, and may accept."""
    slug = {"slug": programme.slug}
    found: list[Notice] = []
    if to == ProgrammeStatus.MATCHING and known.mentees_with_needs and known.needs_missing:
        found.append(
            Notice(
                needs_given(known)
                + " "
                + _(
                    "Those who have not can still give them while matching, but a run only "
                    "includes the mentees who have."
                ),
                responses_url(programme, "needs"),
                remind_label(known.needs_missing),
            )
        )
    if to == ProgrammeStatus.MATCHING and known.applications_waiting:
        found.append(
            Notice(
                applications_waiting(known.applications_waiting)
                + " "
                + _("Candidates without a decision are not matched."),
                reverse("selection:candidates", kwargs=slug),
                _("Decide on the mentor applications"),
            )
        )
    if to == ProgrammeStatus.RUNNING and programme.status == ProgrammeStatus.MATCHING:
        if known.mentees_unpaired:
            found.append(
                Notice(
                    unpaired(known.mentees_unpaired),
                    reverse("matching:page", kwargs=slug),
                    _("Open the matching"),
                )
            )
        if known.unpublished_runs and not known.published_runs:
            found.append(Notice(_("A finished run waits to be published.")))
        if known.proposals_waiting or known.proposals_unanswered:
            found.append(proposals_pending(programme, known))
        if known.trainees_behind:
            found.append(training_behind(programme, known))
    if to == ProgrammeStatus.RUNNING and programme.status == ProgrammeStatus.CLOSED:
        if programme.end_date < known.today:
            found.append(
                Notice(
                    _(
                        "Its end date, %(date)s, has passed: change it in the settings if the "
                        "programme goes on."
                    )
                    % {"date": date_format(programme.end_date)},
                    reverse("programmes:edit", kwargs=slug),
                    _("Edit settings"),
                )
            )
        if not known.open_pairs:
            found.append(Notice(_("It has no active pair: pairs completed or ended stay so.")))
    if to == ProgrammeStatus.CLOSED and known.trainees_behind:
        found.append(training_behind(programme, known))
    return found


def consequences(*, programme: Programme, to: str, known: Facts) -> list[str]:
    """What the move will do: e-mails, what participants can no longer do, the pairs."""
    now = programme.status
    if to == ProgrammeStatus.RECRUITING and now == ProgrammeStatus.DRAFT:
        return [
            _(
                "Invited mentor candidates can apply, and participants see the programme on their "
                "home page."
            ),
            _(
                "No e-mail is sent by this step: people hear from the programme when you invite "
                "them."
            ),
        ]
    if to == ProgrammeStatus.DRAFT:
        return [
            _(
                "Mentor candidates can no longer apply, and participants no longer see the "
                "programme on their home page."
            ),
            _("Kept: everyone invited, the applications, decisions and needs already given."),
            _("No e-mail is sent."),
        ]
    if to == ProgrammeStatus.MATCHING:
        return [
            _("Mentor candidates can no longer apply or change their application."),
            _("Mentees can still give or change their needs until the programme runs."),
            _("No e-mail is sent: members hear of their pair when you publish a run."),
        ]
    if to == ProgrammeStatus.RECRUITING:
        return [
            _("Mentor candidates can apply again."),
            _(
                "Kept: the decisions, the needs given, the matching runs and any pair already "
                "published."
            ),
            _("No e-mail is sent."),
        ]
    if to == ProgrammeStatus.RUNNING and now == ProgrammeStatus.CLOSED:
        return [
            _("Invitations and matching runs are possible again."),
            _("Pairs completed or ended when it closed stay so."),
            _("The reopening is recorded in the status history and the audit trail."),
            _("No e-mail is sent."),
        ]
    if to == ProgrammeStatus.RUNNING:
        return [
            _(
                "Mentees can no longer give or change their needs: their starting levels are kept "
                "as they are."
            ),
            _("No e-mail is sent: members were told of their pair when it was published."),
        ]
    if to == ProgrammeStatus.CLOSED:
        items = []
        if known.open_pairs:
            items.append(
                ngettext(
                    "The %(count)d pair still active or paused is completed or ended, as you "
                    "choose below; both its members are e-mailed, and its planned sessions are "
                    "called off.",
                    "The %(count)d pairs still active or paused are completed or ended, as you "
                    "choose below; both members of each are e-mailed, and their planned sessions "
                    "are called off.",
                    known.open_pairs,
                )
                % {"count": known.open_pairs}
            )
        items += [
            _("Completed and ended pairs become read-only: that cannot be undone."),
            _("Nobody can be invited any more, and no matching run can be started."),
            ngettext(
                "For %(days)d day after closing, a manager can reopen the programme.",
                "For %(days)d days after closing, a manager can reopen the programme.",
                REOPEN_DAYS,
            )
            % {"days": REOPEN_DAYS},
        ]
        return items
    return []


# ------------------------------------------------------------------------------ sentences


def needs_given(known: Facts) -> str:
    """How many of the expected mentees gave their needs (``known.mentees`` is not 0)."""
    given, count = known.mentees_with_needs, known.mentees
    if given == count:
        return ngettext(
            "The only mentee has given their needs.",
            "All %(count)d mentees have given their needs.",
            count,
        ) % {"count": count}
    if not given:
        return ngettext(
            "The only mentee has not given their needs yet.",
            "None of the %(count)d mentees has given their needs yet.",
            count,
        ) % {"count": count}
    # The verb agrees with those who gave them: "1 of 4 mentees has given".
    return ngettext(
        "%(given)d of %(count)d mentees has given their needs.",
        "%(given)d of %(count)d mentees have given their needs.",
        given,
    ) % {"given": given, "count": count}


def remind_label(count: int) -> str:
    return ngettext("Remind the one missing", "Remind the %(count)d", count) % {"count": count}


def applications_waiting(count: int) -> str:
    return ngettext(
        "%(count)d mentor application waits for a decision.",
        "%(count)d mentor applications wait for a decision.",
        count,
    ) % {"count": count}


def unpaired(count: int) -> str:
    return ngettext(
        "Matching: %(count)d mentee without a mentor.",
        "Matching: %(count)d mentees without a mentor.",
        count,
    ) % {"count": count}


def training_behind(programme: Programme, known: Facts) -> Notice:
    behind, count = known.trainees_behind, known.trainees
    if behind == count:
        text = ngettext(
            "Training: the only participant has modules left.",
            "Training: none of the %(count)d participants has finished their modules.",
            count,
        ) % {"count": count}
    else:
        text = ngettext(
            "Training: %(behind)d of %(count)d participants has modules left.",
            "Training: %(behind)d of %(count)d participants have modules left.",
            behind,
        ) % {"behind": behind, "count": count}
    return Notice(
        text, reverse("training:manage", kwargs={"slug": programme.slug}), _("See the training")
    )


def purged_text() -> str:
    return _("Its texts were cleared by the retention rule: it stays closed.")


def local_day(moment: dt.datetime | None) -> str:
    return date_format(timezone.localtime(moment).date()) if moment else ""


# ------------------------------------------------------------------------------ the move


@transaction.atomic
def move_programme(
    *,
    programme: Programme,
    to: str,
    by,
    start_early: bool = False,
    close_early: bool = False,
    pairs: str = "",
    reason: str = "",
    base_url: str = "",
) -> Programme:
    """Check the move again (never trust the page) and make it, all or nothing.

    Closing with pairs still active or paused needs ``pairs``: ``"complete"`` them, or
    ``"end"`` them with a ``reason``; they are closed first, then the programme. Raises
    ValidationError (with the field it is about, when there is one) and writes nothing.
    """
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if to not in ProgrammeStatus.values:
        raise ValidationError(_("“%(status)s” is not a programme status.") % {"status": to})
    known = facts(programme=locked)
    refused = blockers(programme=locked, to=to, known=known)
    if refused:
        raise ValidationError([notice.text for notice in refused])
    if to == ProgrammeStatus.CLOSED and known.open_pairs:
        open_pairs = list(
            Pair.objects.filter(programme=locked, status__in=OCCUPYING).order_by("pk")
        )
        if pairs == COMPLETE:
            for pair in open_pairs:
                complete_pair(pair=pair, by=by, base_url=base_url)
        elif pairs == END:
            if not (reason or "").strip():
                raise ValidationError({"reason": _("Please give a reason.")})
            for pair in open_pairs:
                end_pair(pair=pair, by=by, reason=reason, base_url=base_url)
        else:
            raise ValidationError(
                {"pairs": _("Choose what happens to the pairs still active or paused.")}
            )
    try:
        return change_programme_status(
            programme=programme,
            to=to,
            by=by,
            start_early=start_early,
            close_early=close_early,
        )
    except ValidationError as error:
        field = {"start_early_needed": "start_early", "close_early_needed": "close_early"}.get(
            getattr(error, "code", None) or ""
        )
        if field:
            raise ValidationError({field: error.messages}) from None
        raise
