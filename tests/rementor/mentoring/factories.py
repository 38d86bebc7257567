"""Pairs ready to live their mentoring life, with signed-in members."""

from __future__ import annotations

from rementor.matching.domain import create_pair
from rementor.programmes.models import ProgrammeStatus
from rementor.skills.models import Skill
from tests.factories import UserFactory
from tests.rementor.matching.factories import matching_programme, mentee, mentor


def make_pair(*, programme=None, mentee_email=None, mentor_email=None, language="fr"):
    """A running programme's active pair; returns (pair, mentee_user, mentor_user)."""
    programme = programme or matching_programme()
    programme.skills.add(*Skill.objects.filter(code__in=["linkedin", "web_analytics", "slack"]))
    if programme.status != ProgrammeStatus.RUNNING:
        programme.status = ProgrammeStatus.RUNNING
        programme.save(update_fields=["status"])
    mentee_user = UserFactory(
        language=language, **({"email": mentee_email} if mentee_email else {})
    )
    mentor_user = UserFactory(
        language=language, **({"email": mentor_email} if mentor_email else {})
    )
    e = mentee(programme, needs={"linkedin": (1, 3, 3)})
    e.person = mentee_user.person
    e.save()
    m = mentor(programme, levels={"linkedin": 4})
    m.person = mentor_user.person
    m.save()
    pair = create_pair(programme=programme, mentee=e, mentor=m, by=None, notify=False)
    return pair, mentee_user, mentor_user


def pulses_one_shared_one_kept(*, shared: str, kept: str, usefulness: int = 4):
    """A held session of a new pair where the mentee shared their pulse comment ``shared``
    with the programme team and the mentor kept theirs, ``kept``, to themselves.
    Returns (pair, mentee_user, mentor_user, session)."""
    from rementor.mentoring import feedback
    from tests.rementor.mentoring.test_sessions import held

    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)
    feedback.submit_pulse(
        session=session,
        by=mentee_user,
        usefulness=usefulness,
        comfort=4,
        comment=shared,
        comment_shared=True,
    )
    feedback.submit_pulse(session=session, by=mentor_user, usefulness=2, comfort=3, comment=kept)
    return pair, mentee_user, mentor_user, session
