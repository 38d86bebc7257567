"""Builders of the mentoring group tests: a programme allowing groups, a mentor with several
active pairs (each mentee signed in), and a group of them."""

from __future__ import annotations

from rementor.matching.domain import create_pair
from rementor.mentoring.groups import form_group
from rementor.programmes.models import ProgrammeStatus
from rementor.skills.models import Skill
from tests.factories import UserFactory
from tests.rementor.matching.factories import matching_programme, mentee, mentor


def group_programme(**kwargs):
    programme = matching_programme(group_mentoring=True, max_mentor_capacity=5, **kwargs)
    programme.status = ProgrammeStatus.RUNNING
    programme.save(update_fields=["status"])
    return programme


def mentor_with_pairs(programme, *, mentees: int = 3, language: str = "en"):
    """(mentor_user, [(pair, mentee_user), ...]): one mentor, ``mentees`` active pairs."""
    mentor_user = UserFactory(language=language)
    m = mentor(programme, levels={"linkedin": 4}, capacity=mentees)
    m.person = mentor_user.person
    m.save()
    pairs = []
    for _index in range(mentees):
        mentee_user = UserFactory(language=language)
        e = mentee(programme, needs={"linkedin": (1, 3, 3)})
        e.person = mentee_user.person
        e.save()
        pair = create_pair(programme=programme, mentee=e, mentor=m, by=None, notify=False)
        pairs.append((pair, mentee_user))
    return mentor_user, pairs


def make_group(programme=None, *, mentees: int = 3, manager=None, name: str = "Board"):
    """(group, mentor_user, [(pair, mentee_user), ...]) with every pair in the group."""
    programme = programme or group_programme()
    mentor_user, pairs = mentor_with_pairs(programme, mentees=mentees)
    group = form_group(programme=programme, by=manager, pairs=[p for p, _u in pairs], name=name)
    return group, mentor_user, pairs


def group_with_participant(programme, participant) -> dict:
    """A group of ``programme`` (switched to allow groups) whose first mentee is the
    access matrix's ``participant``; two more pairs of the same mentor in it."""
    programme.group_mentoring = True
    programme.max_mentor_capacity = 5
    programme.status = ProgrammeStatus.RUNNING
    programme.save()
    programme.skills.add(*Skill.objects.filter(code__in=["linkedin", "web_analytics", "slack"]))
    mentor_user, pairs = mentor_with_pairs(programme, mentees=3)
    first = pairs[0][0]
    programme.enrollments.filter(person=participant.person).exclude(pk=first.mentee_id).delete()
    first.mentee.person = participant.person
    first.mentee.save()
    group = form_group(programme=programme, by=None, pairs=[p for p, _u in pairs], name="Board")
    return {"group": group, "mentor_user": mentor_user, "pairs": [p for p, _u in pairs]}
