"""Mentoring groups in "my data", erasure and retention: the shared group note is handled
like a pair's session notes."""

from __future__ import annotations

import pytest

from rementor.mentoring import groups
from rementor.mentoring.models import MentoringGroup
from rementor.privacy.erasure import anonymise_person
from rementor.privacy.models import ErasureCause
from rementor.privacy.my_data import collect
from rementor.privacy.retention import _purge_programme
from tests.rementor.mentoring.group_factories import make_group

pytestmark = pytest.mark.django_db


def test_my_data_holds_the_group_notes_one_wrote_and_no_other():
    group, mentor_user, pairs = make_group()
    groups.save_group_note(group=group, by=pairs[0][1], text="Ce que j'ai noté")
    assert [r["note"] for r in collect(pairs[0][1]).sections["group_notes"]] == ["Ce que j'ai noté"]
    assert collect(pairs[1][1]).sections["group_notes"] == []
    assert collect(mentor_user).sections["group_notes"] == []


def test_erasure_clears_the_group_note_one_last_wrote():
    group, _mentor, pairs = make_group()
    groups.save_group_note(group=group, by=pairs[0][1], text="Bilan")
    anonymise_person(person=pairs[0][1].person, by=None, cause=ErasureCause.REQUEST)
    group.refresh_from_db()
    assert group.shared_note == ""
    assert group.note_updated_by is None
    assert group.members.count() == 3


def test_retention_clears_group_notes_of_the_programme():
    group, _mentor, pairs = make_group()
    groups.save_group_note(group=group, by=pairs[0][1], text="Bilan")
    counts = _purge_programme(group.programme)
    assert counts["group_notes"] == 1
    assert MentoringGroup.objects.get().shared_note == ""


def test_group_objectives_in_my_data_erasure_and_retention():
    group, _mentor, pairs = make_group()
    user = pairs[0][1]
    groups.add_group_objective(group=group, by=user, title="Pilot Teams")
    assert [r["objective"] for r in collect(user).sections["group_objectives"]] == ["Pilot Teams"]
    anonymise_person(person=user.person, by=None, cause=ErasureCause.REQUEST)
    objective = group.objectives.get()
    assert objective.created_by is None
    counts = _purge_programme(group.programme)
    assert counts["group_objectives"] == 1
    objective.refresh_from_db()
    assert objective.title != "Pilot Teams"
