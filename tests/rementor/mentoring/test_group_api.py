"""The mentoring groups API: members read names and the shared note; managers read the
group without its note; a mentee of another group does not learn it exists."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rementor.mentoring import groups
from tests.factories import client_for
from tests.rementor.mentoring.group_factories import make_group

pytestmark = pytest.mark.django_db


def test_a_member_reads_names_and_the_note(manager):
    group, mentor_user, pairs = make_group(manager=manager)
    groups.save_group_note(group=group, by=mentor_user, text="Pilot Teams in March")
    groups.add_group_objective(group=group, by=pairs[1][1], title="A Teams channel")
    body = client_for(pairs[0][1]).get(reverse("api:mentoringgroup-detail", args=[group.pk])).json()
    assert body["shared_note"] == "Pilot Teams in March"
    assert [o["title"] for o in body["objectives"]] == ["A Teams channel"]
    assert body["mentor"] == mentor_user.person.full_name
    assert sorted(body["mentees"]) == sorted(u.person.full_name for _p, u in pairs)


def test_a_manager_reads_the_group_but_not_its_note(manager):
    group, mentor_user, _pairs = make_group(manager=manager)
    groups.save_group_note(group=group, by=mentor_user, text="Between us")
    body = client_for(manager).get(reverse("api:mentoringgroup-detail", args=[group.pk])).json()
    assert body["shared_note"] is None
    assert body["objectives"] is None


def test_a_mentee_of_another_group_gets_404_and_an_empty_list(manager):
    group, _mentor, _pairs = make_group(manager=manager)
    _other, _other_mentor, other_pairs = make_group(group.programme, manager=manager)
    outsider = client_for(other_pairs[0][1])
    assert outsider.get(reverse("api:mentoringgroup-detail", args=[group.pk])).status_code == 404
    listed = outsider.get(reverse("api:mentoringgroup-list")).json()["results"]
    assert [g["id"] for g in listed] == [_other.pk]
