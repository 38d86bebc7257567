"""Who has accepted their proposed pair (consent to the pair), and the reminders a manager
sends to those who have not answered yet.

The reminder goes through ``mentoring.reminders.deliver_once`` like every other reminder: at
most one e-mail per person, proposal and day, sent once the transaction commits.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.audit.events import Event, record
from rementor.cockpit.responses import ReminderCounts
from rementor.matching.models import PairProposal
from rementor.matching.proposals import send_proposal_mail, waiting_members
from rementor.mentoring import reminders
from rementor.people.queries import is_reachable
from rementor.programmes.models import Programme, ProgrammeStatus

# The ``ReminderLog`` kind of these reminders.
KIND = "pair_proposal"


def open_proposals(programme: Programme):
    """The programme's proposals still waiting for an answer within their time."""
    return (
        PairProposal.objects.holding()
        .filter(programme=programme)
        .select_related(
            "programme",
            "mentee__person__user",
            "mentee__person__department",
            "mentor__person__user",
            "mentor__person__department",
        )
    )


def day_key(proposal: PairProposal, today: dt.date | None = None) -> str:
    return f"proposal:{proposal.pk}:day:{(today or timezone.localdate()).isoformat()}"


@transaction.atomic
def remind_proposals(*, programme: Programme, by, today: dt.date | None = None) -> ReminderCounts:
    """E-mail each member of an open proposal who has not answered yet, with the link to
    answer, at most once a day per person and proposal; returns the counts, also recorded in
    the audit trail. Refused when nothing waits for an answer."""
    if programme.status == ProgrammeStatus.CLOSED:
        raise ValidationError(_("This programme is closed."))
    proposals = list(open_proposals(programme))
    if not proposals:
        raise ValidationError(_("No proposed pair is waiting for an answer."))
    counts = ReminderCounts()
    for proposal in proposals:
        for member in waiting_members(proposal):
            user = getattr(member.person, "user", None)
            if not (is_reachable(user) and user.email):
                counts.unreachable += 1
                continue
            send = partial(send_proposal_mail, proposal=proposal, member=member, reminder=True)
            outcome = reminders.deliver_once(
                kind=KIND,
                key=day_key(proposal, today),
                user=user,
                send=partial(transaction.on_commit, send),
            )
            counts.count(outcome)
    record(
        event=Event.REMINDERS_SENT,
        actor=by,
        target=programme,
        details={
            "section": "proposals",
            "sent": counts.sent,
            "already_today": counts.already_today,
            "opted_out": counts.opted_out,
            "unreachable": counts.unreachable,
        },
    )
    return counts
