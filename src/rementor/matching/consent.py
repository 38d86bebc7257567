"""Consent to the pair: a published run proposes, both members accept, the pair goes live.

Used when the programme asks for it (``Programme.pair_consent``). ``publish_run`` calls
``propose_pair`` instead of ``create_pair``; the members answer with ``answer_proposal``; a
manager may answer on someone's behalf or cancel with ``override_proposal`` (a reason is
required, and both are audited).

While a proposal is open and within its time to answer, it holds its mentee and one of its
mentor's places (``PairProposal.objects.holding``): a new run proposes neither again. Accepted
proposals are active pairs, which a run never sees either, so a re-run only proposes new
partners to the people a decline, a cancellation or an expiry sent back to the pool. Past its
deadline a proposal counts as unanswered: nobody can answer it, its people are back in the
pool, the manager sees it and may still accept on someone's behalf; nothing is ever accepted
silently.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rementor.audit.events import Event, record
from rementor.matching.domain import create_pair
from rementor.matching.models import Answer, PairProposal, ProposalStatus
from rementor.matching.proposals import MENTEE, MENTOR, notify_closed
from rementor.programmes.models import Enrollment, ProgrammeStatus

ACCEPT, CANCEL = "accept", "cancel"
# Longest reason kept (the model's max_length).
REASON_MAX = 2000


def role_of(proposal: PairProposal, enrollment: Enrollment) -> str:
    if enrollment.pk == proposal.mentee_id:
        return MENTEE
    if enrollment.pk == proposal.mentor_id:
        return MENTOR
    raise ValidationError(_("You are not a member of this proposed pair."))


def _locked(proposal: PairProposal) -> PairProposal:
    return (
        PairProposal.objects.select_for_update(of=("self",))
        .select_related("programme", "mentee__person", "mentor__person")
        .get(pk=proposal.pk)
    )


def _refuse_if_closed(proposal: PairProposal) -> None:
    if proposal.programme.status == ProgrammeStatus.CLOSED:
        raise ValidationError(_("This programme is closed."))
    if proposal.status == ProposalStatus.OPEN and proposal.is_expired:
        raise ValidationError(
            _("The time to answer ended on %(date)s. The programme team will be in touch.")
            % {"date": date_format(timezone.localtime(proposal.deadline), "DATE_FORMAT")}
        )
    if proposal.status != ProposalStatus.OPEN:
        raise ValidationError(
            _("This proposed pair is no longer waiting for answers (%(status)s).")
            % {"status": proposal.get_status_display()}
        )


def _set_answer(proposal: PairProposal, role: str, answer: str, now: dt.datetime) -> None:
    setattr(proposal, f"{role}_answer", answer)
    setattr(proposal, f"{role}_answered_at", now)


def _go_live(proposal: PairProposal, *, by) -> None:
    """Both accepted: the pair becomes an active pair, and both are told."""
    proposal.status = ProposalStatus.ACCEPTED
    proposal.closed_at = timezone.now()
    # Closed first, so that its own hold on the mentee and the mentor's place is released.
    proposal.save(update_fields=["status", "closed_at"])
    proposal.pair = create_pair(
        programme=proposal.programme,
        mentee=proposal.mentee,
        mentor=proposal.mentor,
        by=by,
        run=proposal.run,
        score=proposal.score,
        explanation=proposal.explanation,
        covered_skills=proposal.covered_skills,
        notify=True,
    )
    proposal.save(update_fields=["pair"])


@transaction.atomic
def answer_proposal(
    *, proposal: PairProposal, member: Enrollment, accept: bool, reason: str = "", by
) -> PairProposal:
    """``member`` accepts or declines ``proposal``. Declining needs a reason, kept for the
    programme team only; a decline sends both people back to the pool, and the other member
    is told (without the reason). When both have accepted the pair goes live (an active
    ``Pair``) and both are told."""
    proposal = _locked(proposal)
    role = role_of(proposal, member)
    _refuse_if_closed(proposal)
    if proposal.answer_of(role):
        raise ValidationError(_("You have already answered this proposal."))
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError(
            {"reason": _("Say in a few words why you decline: only the programme team reads it.")}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("Keep the reason under %(max)d characters.") % {"max": REASON_MAX}}
        )
    now = timezone.now()
    _set_answer(proposal, role, Answer.ACCEPTED if accept else Answer.DECLINED, now)
    fields = [f"{role}_answer", f"{role}_answered_at"]
    if not accept:
        proposal.status, proposal.closed_at, proposal.decline_reason = (
            ProposalStatus.DECLINED,
            now,
            reason,
        )
        fields += ["status", "closed_at", "decline_reason"]
    proposal.save(update_fields=fields)
    if accept and proposal.mentee_answer == proposal.mentor_answer == Answer.ACCEPTED:
        _go_live(proposal, by=by)  # both are e-mailed that the pair is live
    if not accept:
        # The other member learns it will not go ahead; the one who declined knows.
        other = proposal.mentor if role == MENTEE else proposal.mentee
        notify_closed(proposal=proposal, members=[other])
    record(
        event=Event.PROPOSAL_ANSWERED,
        actor=by,
        target=proposal,
        details={"role": role, "answer": Answer.ACCEPTED if accept else Answer.DECLINED},
    )
    return proposal


@transaction.atomic
def override_proposal(*, proposal: PairProposal, action: str, reason: str, by) -> PairProposal:
    """A manager accepts on behalf of the members who have not answered (the pair goes live)
    or cancels the proposal (both go back to the pool and are told, without the reason). The
    reason is required and kept;
    the action is audited. A member's decline is never overridden."""
    proposal = _locked(proposal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for this decision.")})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("Keep the reason under %(max)d characters.") % {"max": REASON_MAX}}
        )
    if action not in (ACCEPT, CANCEL):
        raise ValidationError(_("Choose to accept or to cancel the proposal."))
    if proposal.programme.status == ProgrammeStatus.CLOSED:
        raise ValidationError(_("This programme is closed."))
    # Open, even past its deadline: the manager may still act on an unanswered proposal.
    if proposal.status not in (ProposalStatus.OPEN, ProposalStatus.EXPIRED):
        raise ValidationError(
            _("This proposed pair is no longer waiting for answers (%(status)s).")
            % {"status": proposal.get_status_display()}
        )
    now = timezone.now()
    proposal.override_reason, proposal.overridden_by = reason, by
    on_behalf = [role for role in (MENTEE, MENTOR) if not proposal.answer_of(role)]
    if action == CANCEL:
        proposal.status, proposal.closed_at = ProposalStatus.CANCELLED, now
        proposal.save(update_fields=["override_reason", "overridden_by", "status", "closed_at"])
        notify_closed(proposal=proposal, members=[proposal.mentee, proposal.mentor])
    else:
        for role in on_behalf:
            _set_answer(proposal, role, Answer.ACCEPTED, now)
        proposal.save()
        _go_live(proposal, by=by)
    record(
        event=Event.PROPOSAL_OVERRIDDEN,
        actor=by,
        target=proposal,
        details={"action": action, "on_behalf": on_behalf if action == ACCEPT else []},
    )
    return proposal
