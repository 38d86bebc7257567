"""The step tracker on the manager's programme page: draft → recruiting → matching → running →
closed, and for the current step what is done, what is missing and the one next action.

Pure reads: ``tracker`` counts through ``transitions.facts`` (a constant number of queries,
whatever the programme's size) and builds sentences with their plurals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from rementor.cockpit import transitions
from rementor.cockpit.transitions import Facts, Notice, transition_url
from rementor.programmes.models import STATUS_TRANSITIONS, Programme, ProgrammeStatus

STEPS = (
    ProgrammeStatus.DRAFT,
    ProgrammeStatus.RECRUITING,
    ProgrammeStatus.MATCHING,
    ProgrammeStatus.RUNNING,
    ProgrammeStatus.CLOSED,
)

# The words of each move, as a button and as the confirmation page's title.
MOVE_LABELS = {
    (ProgrammeStatus.DRAFT, ProgrammeStatus.RECRUITING): gettext_lazy("Open recruiting"),
    (ProgrammeStatus.RECRUITING, ProgrammeStatus.MATCHING): gettext_lazy("Start matching"),
    (ProgrammeStatus.RECRUITING, ProgrammeStatus.DRAFT): gettext_lazy("Back to draft"),
    (ProgrammeStatus.MATCHING, ProgrammeStatus.RUNNING): gettext_lazy("Start the programme"),
    (ProgrammeStatus.MATCHING, ProgrammeStatus.RECRUITING): gettext_lazy("Back to recruiting"),
    (ProgrammeStatus.RUNNING, ProgrammeStatus.CLOSED): gettext_lazy("Close the programme"),
    (ProgrammeStatus.CLOSED, ProgrammeStatus.RUNNING): gettext_lazy("Reopen the programme"),
}


def move_label(from_status: str, to: str) -> str:
    label = MOVE_LABELS.get((from_status, to))
    if label is not None:
        return str(label)
    return _("Move to “%(status)s”") % {"status": ProgrammeStatus(to).label}


@dataclass(frozen=True)
class Step:
    status: ProgrammeStatus
    state: str  # "done", "current" or "todo"

    @property
    def label(self) -> str:
        return str(self.status.label)


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    move: str = ""  # the status it moves to, when the action is a move


@dataclass
class Tracker:
    programme: Programme
    facts: Facts
    steps: list[Step]
    done: list[Notice] = field(default_factory=list)
    missing: list[Notice] = field(default_factory=list)
    next_action: Action | None = None
    moves: list[Action] = field(default_factory=list)  # the other moves, each to its page
    note: str = ""


def tracker(*, programme: Programme) -> Tracker:
    """Where ``programme`` stands, and what to do next."""
    known = transitions.facts(programme=programme)
    position = STEPS.index(ProgrammeStatus(programme.status))
    steps = [
        Step(status, "done" if i < position else "current" if i == position else "todo")
        for i, status in enumerate(STEPS)
    ]
    result = Tracker(programme=programme, facts=known, steps=steps)
    {
        ProgrammeStatus.DRAFT: _draft,
        ProgrammeStatus.RECRUITING: _recruiting,
        ProgrammeStatus.MATCHING: _matching,
        ProgrammeStatus.RUNNING: _running,
        ProgrammeStatus.CLOSED: _closed,
    }[ProgrammeStatus(programme.status)](result, programme, known)
    result.moves = [
        _move(programme, to)
        for to in STATUS_TRANSITIONS[programme.status]
        if (result.next_action is None or result.next_action.move != to)
        and not (programme.status == ProgrammeStatus.CLOSED and not known.can_reopen)
    ]
    return result


def _move(programme: Programme, to: str) -> Action:
    return Action(move_label(programme.status, to), transition_url(programme, to), move=to)


def _url(name: str, programme: Programme) -> str:
    return reverse(name, kwargs={"slug": programme.slug})


def _invitations(result: Tracker, programme: Programme, known: Facts) -> None:
    invite = _url("programmes:invite", programme)
    if known.mentees:
        result.done.append(
            Notice(
                ngettext("%(count)d mentee invited.", "%(count)d mentees invited.", known.mentees)
                % {"count": known.mentees}
            )
        )
    else:
        result.missing.append(Notice(_("No mentee invited yet."), invite, _("Invite people")))
    if known.mentors:
        result.done.append(
            Notice(
                ngettext(
                    "%(count)d mentor candidate invited.",
                    "%(count)d mentor candidates invited.",
                    known.mentors,
                )
                % {"count": known.mentors}
            )
        )
    else:
        result.missing.append(
            Notice(_("No mentor candidate invited yet."), invite, _("Invite people"))
        )


def _needs(result: Tracker, programme: Programme, known: Facts) -> None:
    if not known.mentees:
        return
    if known.needs_missing:
        result.missing.append(
            Notice(
                transitions.needs_given(known),
                transitions.responses_url(programme, "needs"),
                transitions.remind_label(known.needs_missing),
            )
        )
    else:
        result.done.append(Notice(transitions.needs_given(known)))


def _draft(result: Tracker, programme: Programme, known: Facts) -> None:
    _invitations(result, programme, known)
    if not (known.mentees or known.mentors):
        result.next_action = Action(_("Invite people"), _url("programmes:invite", programme))
    else:
        result.next_action = _move(programme, ProgrammeStatus.RECRUITING)


def _recruiting(result: Tracker, programme: Programme, known: Facts) -> None:
    _invitations(result, programme, known)
    _needs(result, programme, known)
    candidates = _url("selection:candidates", programme)
    if known.mentors_accepted:
        result.done.append(
            Notice(
                ngettext(
                    "%(count)d mentor accepted.",
                    "%(count)d mentors accepted.",
                    known.mentors_accepted,
                )
                % {"count": known.mentors_accepted}
            )
        )
    if known.applications_waiting:
        result.missing.append(
            Notice(
                transitions.applications_waiting(known.applications_waiting),
                candidates,
                _("Decide on the mentor applications"),
            )
        )
    elif not known.mentors_accepted and known.mentors:
        result.missing.append(
            Notice(_("No mentor accepted yet."), candidates, _("Mentor candidates"))
        )
    refused = transitions.blockers(programme=programme, to=ProgrammeStatus.MATCHING, known=known)
    if known.applications_waiting:
        result.next_action = Action(_("Decide on the mentor applications"), candidates)
    elif not (known.mentees and known.mentors):
        result.next_action = Action(_("Invite people"), _url("programmes:invite", programme))
    elif refused and refused[0].url:
        result.next_action = Action(refused[0].link, refused[0].url)
    else:
        result.next_action = _move(programme, ProgrammeStatus.MATCHING)


def _matching(result: Tracker, programme: Programme, known: Facts) -> None:
    matching = _url("matching:page", programme)
    _needs(result, programme, known)
    if known.published_runs:
        result.done.append(
            Notice(
                ngettext(
                    "%(count)d matching run published.",
                    "%(count)d matching runs published.",
                    known.published_runs,
                )
                % {"count": known.published_runs}
            )
        )
    elif known.unpublished_runs:
        result.missing.append(
            Notice(_("A finished run waits to be published."), matching, _("Open the matching"))
        )
    else:
        result.missing.append(Notice(_("No published run."), matching, _("Open the matching")))
    if known.active_pairs:
        result.done.append(_active_pairs(known))
    # A mentee whose proposed pair waits for answers has no pair yet, but matching is not
    # what they need: the proposal is, and the manager waits for it or answers for them.
    proposed = known.proposals_waiting + known.proposals_unanswered
    unpaired = max(known.mentees_unpaired - proposed, 0)
    if unpaired:
        result.missing.append(
            Notice(transitions.unpaired(unpaired), matching, _("Open the matching"))
        )
    if proposed:
        result.missing.append(transitions.proposals_pending(programme, known))
    if transitions.blockers(programme=programme, to=ProgrammeStatus.RUNNING, known=known):
        # Nothing to start yet: answers awaited come before another run.
        result.next_action = (
            Action(_("See the proposed pairs"), _url("cockpit:proposals", programme))
            if proposed
            else Action(_("Open the matching"), matching)
        )
    else:
        result.next_action = _move(programme, ProgrammeStatus.RUNNING)


def _active_pairs(known: Facts) -> Notice:
    return Notice(
        ngettext("%(count)d active pair.", "%(count)d active pairs.", known.active_pairs)
        % {"count": known.active_pairs}
    )


def _completed_pairs(known: Facts) -> Notice:
    return Notice(
        ngettext("%(count)d pair completed.", "%(count)d pairs completed.", known.completed_pairs)
        % {"count": known.completed_pairs}
    )


def _running(result: Tracker, programme: Programme, known: Facts) -> None:
    pairs = _url("mentoring:pairs", programme)
    if known.active_pairs:
        result.done.append(_active_pairs(known))
    else:
        result.missing.append(Notice(_("No active pair."), pairs, _("Follow the pairs")))
    if known.completed_pairs:
        result.done.append(_completed_pairs(known))
    if known.paused_pairs:
        result.missing.append(
            Notice(
                ngettext(
                    "%(count)d pair is paused.", "%(count)d pairs are paused.", known.paused_pairs
                )
                % {"count": known.paused_pairs},
                pairs,
                _("Follow the pairs"),
            )
        )
    if known.mentees_unpaired:
        result.missing.append(
            Notice(
                transitions.unpaired(known.mentees_unpaired),
                _url("matching:page", programme),
                _("Open the matching"),
            )
        )
    if known.trainees_behind:
        result.missing.append(transitions.training_behind(programme, known))
    elif known.trainees:
        result.done.append(Notice(_("Training: everyone taking part has finished their modules.")))
    if programme.end_date <= known.today:
        result.note = _("Its end date, %(date)s, has come.") % {
            "date": date_format(programme.end_date)
        }
        result.next_action = _move(programme, ProgrammeStatus.CLOSED)
    else:
        result.next_action = Action(_("Follow the pairs"), pairs)


def _closed(result: Tracker, programme: Programme, known: Facts) -> None:
    closing = known.closing
    if closing is not None and closing.changed_by is not None:
        text = _("Closed on %(date)s by %(name)s.") % {
            "date": transitions.local_day(known.closed_at),
            "name": closing.changed_by.display_name,
        }
    else:
        text = _("Closed on %(date)s.") % {"date": transitions.local_day(known.closed_at)}
    result.done.append(Notice(text))
    if known.completed_pairs:
        result.done.append(_completed_pairs(known))
    if known.ended_pairs:
        result.done.append(
            Notice(
                ngettext(
                    "%(count)d pair ended early.", "%(count)d pairs ended early.", known.ended_pairs
                )
                % {"count": known.ended_pairs}
            )
        )
    if known.can_reopen:
        result.note = _("A manager can reopen it until %(date)s.") % {
            "date": transitions.local_day(known.reopen_until)
        }
    elif known.purged:
        result.note = transitions.purged_text()
    else:
        result.note = (
            transitions.too_late_to_reopen(known) + " " + _("It can no longer be reopened.")
        )
    result.next_action = Action(_("See the results"), _url("analytics:dashboard", programme))
