"""The second programme asks both members to accept their pair: its recruitment closes, a run is
published as proposals, and the members answer (some pairs live, one declined, some waiting).

Every step goes through the same domain functions as the pages, so the audit trail, the
e-mails and the manager's proposals page are what a real programme would show.
"""

from __future__ import annotations

from rementor.matching.consent import answer_proposal
from rementor.matching.domain import create_run_now, publish_run
from rementor.matching.models import PairProposal
from rementor.programmes.domain import change_programme_status
from rementor.programmes.invitations import account_for
from rementor.programmes.models import Programme, ProgrammeStatus

DECLINE_REASON = (
    "Nous travaillons déjà ensemble au quotidien : je préférerais un mentoré d'une autre équipe."
)
# Of the proposals, by mentee: the first ones accepted by both (live pairs), then one declined
# by its mentor, one accepted by its mentee only; the others wait for both answers.
BOTH_ACCEPT = 3


def propose_demo_pairs(*, programme: Programme, manager) -> dict[str, int]:
    """Close recruitment, run the matching, publish it as proposals and let the members answer;
    returns how many proposals are in each state."""
    change_programme_status(programme=programme, to=ProgrammeStatus.MATCHING, by=manager)
    programme.refresh_from_db()
    run = create_run_now(programme=programme, by=manager)
    publish_run(run=run, by=manager)
    proposals = list(
        PairProposal.objects.filter(programme=programme)
        .select_related("mentee__person", "mentor__person")
        .order_by("mentee__person__employee_id")
    )
    counts = {"accepted": 0, "declined": 0, "accepted by one": 0, "waiting": 0}
    for n, proposal in enumerate(proposals):
        mentee, mentor = proposal.mentee, proposal.mentor
        if n < BOTH_ACCEPT:
            for member in (mentee, mentor):
                answer_proposal(
                    proposal=proposal, member=member, accept=True, by=account_for(member.person)
                )
            counts["accepted"] += 1
        elif n == BOTH_ACCEPT:
            answer_proposal(
                proposal=proposal, member=mentee, accept=True, by=account_for(mentee.person)
            )
            answer_proposal(
                proposal=proposal,
                member=mentor,
                accept=False,
                reason=DECLINE_REASON,
                by=account_for(mentor.person),
            )
            counts["declined"] += 1
        elif n == BOTH_ACCEPT + 1:
            answer_proposal(
                proposal=proposal, member=mentee, accept=True, by=account_for(mentee.person)
            )
            counts["accepted by one"] += 1
        else:
            counts["waiting"] += 1
    return counts
