"""The consent programme shared by the consent tests: two mentees, each with the one mentor
who covers their need, every member with an account."""

import pytest

from rementor.matching import domain
from rementor.matching.models import PairProposal, ProposalStatus
from tests.factories import UserFactory
from tests.rementor.matching.factories import matching_programme, mentee, mentor

LINKEDIN = {"linkedin": (1, 3, 3)}
SLACK = {"slack": (0, 3, 3)}


def _with_account(enrollment):
    UserFactory(person=enrollment.person, email=enrollment.person.email)
    enrollment.person.refresh_from_db()
    return enrollment.person.user


@pytest.fixture
def consent(db):
    """A consent programme: two mentees, each with the one mentor who covers their need."""
    programme = matching_programme(pair_consent=True, consent_days=7)
    people = {
        "anne": mentee(programme, needs=LINKEDIN),
        "bruno": mentee(programme, needs=SLACK),
        "li": mentor(programme, levels={"linkedin": 4}),
        "sam": mentor(programme, levels={"slack": 4}),
    }
    users = {name: _with_account(e) for name, e in people.items()}
    return programme, people, users


def _publish(programme, manager):
    run = domain.create_run_now(programme=programme, by=manager)
    return domain.publish_run(run=run, by=manager)


def _proposal_of(enrollment) -> PairProposal:
    return PairProposal.objects.get(mentee=enrollment, status=ProposalStatus.OPEN)
