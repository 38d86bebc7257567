"""Access rows of a member's proposed pair (consent to the pair): its two members only;
everyone else, managers included, is told nothing (404)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from rementor.matching.models import PairProposal
from rementor.programmes.models import Role
from tests.factories import EnrollmentFactory
from tests.rementor.access import Row, every

MEMBER_ONLY = {**every(404), "anonymous": 302, "participant": 200}
MEMBER_POSTS = {**MEMBER_ONLY, "participant": 302}


def proposal_setup(o):
    """A proposal in ``programme`` for the participant (a mentee) and a new mentor."""
    programme = o["programme"]
    programme.pair_consent = True
    programme.save()
    mentee = programme.enrollments.get(person=o["participant"].person)
    mentor = EnrollmentFactory(programme=programme, role=Role.MENTOR)
    proposal = PairProposal.objects.create(
        programme=programme,
        mentee=mentee,
        mentor=mentor,
        deadline=timezone.now() + dt.timedelta(days=7),
    )
    return {"proposal": proposal}


def _url(name):
    return lambda o: reverse(name, args=[o["proposal"].pk])


ROWS = {
    "matching:proposal": [
        Row("get", _url("matching:proposal"), MEMBER_ONLY, setup=proposal_setup),
    ],
    "matching:proposal_accept": [
        Row("post", _url("matching:proposal_accept"), MEMBER_POSTS, setup=proposal_setup),
        Row(
            "get",
            _url("matching:proposal_accept"),
            {**every(405), "anonymous": 302},
            setup=proposal_setup,
        ),
    ],
    "matching:proposal_decline": [
        Row(
            "post",
            _url("matching:proposal_decline"),
            MEMBER_POSTS,
            {"reason": "Pas le temps"},
            setup=proposal_setup,
        ),
    ],
}
