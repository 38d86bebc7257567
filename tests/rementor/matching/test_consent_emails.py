"""What each member of a proposed pair is told when it is settled: when one declines, the other
learns it will not go ahead and what comes next, never the reason; a manager's cancellation
tells both; when both accept, both learn their pair is live. Each in their own language."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from rementor.matching.consent import CANCEL, answer_proposal, override_proposal
from rementor.matching.models import ProposalStatus
from rementor.people.models import User
from tests.rementor.matching.conftest import _proposal_of, _publish

REASON = "Je ne m'entends pas avec cette personne"

pytestmark = pytest.mark.django_db(transaction=True)


def _answer(proposal, member, user, accept):
    return answer_proposal(
        proposal=proposal,
        member=member,
        accept=accept,
        reason="" if accept else REASON,
        by=user,
    )


def test_a_decline_tells_the_other_member_without_the_reason(consent, manager):
    programme, people, users = consent
    User.objects.filter(pk=users["anne"].pk).update(language="en")
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    mail.outbox.clear()
    _answer(proposal, people["li"], users["li"], accept=False)
    (told,) = mail.outbox
    assert told.to == [people["anne"].person.email]
    assert "will not go ahead" in told.subject and programme.name in told.subject
    assert people["li"].person.full_name in told.body
    assert "back among the participants waiting for a partner" in told.body
    assert REASON not in told.body and REASON not in told.subject


def test_the_other_member_is_told_in_their_own_language(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    mail.outbox.clear()
    _answer(proposal, people["anne"], users["anne"], accept=False)
    (told,) = mail.outbox
    assert told.to == [people["li"].person.email]
    assert "ne se fera pas" in told.subject
    assert "prochain appariement" in told.body and REASON not in told.body


def test_the_one_who_accepted_first_is_told_when_the_other_declines(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    _answer(proposal, people["anne"], users["anne"], accept=True)
    mail.outbox.clear()
    _answer(proposal, people["li"], users["li"], accept=False)
    assert [m.to for m in mail.outbox] == [[people["anne"].person.email]]


def test_a_member_who_left_the_company_is_not_told(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    User.objects.filter(pk=users["anne"].pk).update(is_active=False)
    people["anne"].person.__class__.objects.filter(pk=people["anne"].person_id).update(
        is_active=False
    )
    mail.outbox.clear()
    _answer(proposal, people["li"], users["li"], accept=False)
    assert mail.outbox == []


def test_a_manager_s_cancellation_tells_both_without_the_reason(consent, manager):
    programme, people, _users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["bruno"])
    mail.outbox.clear()
    proposal = override_proposal(
        proposal=proposal, action=CANCEL, reason="Conflit d'intérêts", by=manager
    )
    assert proposal.status == ProposalStatus.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["bruno"].person.email, people["sam"].person.email]
    )
    assert all("Conflit" not in m.body for m in mail.outbox)


def test_both_accepting_tells_each_member_their_pair_is_live(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    _answer(proposal, people["anne"], users["anne"], accept=True)
    mail.outbox.clear()
    _answer(proposal, people["li"], users["li"], accept=True)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["anne"].person.email, people["li"].person.email]
    )
    assert all("Votre binôme proposé est confirmé" in m.body for m in mail.outbox)


def test_a_refused_answer_sends_nothing(consent, manager):
    programme, people, _users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        answer_proposal(proposal=proposal, member=people["li"], accept=False, reason="", by=None)
    assert mail.outbox == []
