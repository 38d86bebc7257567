"""SCIM updates write the people's history as the HRIS import does: a move per changed job
title or department, "left" and "returned" for active false / true, nothing otherwise."""

from __future__ import annotations

import pytest
from django.test import Client

from rementor.people.models import PersonChange
from rementor.provisioning.documents import ENTERPRISE
from tests.factories import DepartmentFactory, PersonFactory
from tests.rementor.provisioning.factories import scim_token
from tests.rementor.provisioning.test_endpoint import call, new_user, patch

pytestmark = pytest.mark.django_db


@pytest.fixture
def scim():
    _token, secret = scim_token()
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _history(person) -> list[tuple[str, str, str]]:
    return list(
        PersonChange.objects.filter(person=person)
        .order_by("pk")
        .values_list("kind", "old_value", "new_value")
    )


def test_a_new_title_and_department_by_patch_are_two_changes(scim):
    person = PersonFactory(job_title="Old", department=DepartmentFactory(name="Finance"))
    response = patch(
        scim,
        person.pk,
        {"op": "replace", "path": "title", "value": "New"},
        {"op": "replace", "path": f"{ENTERPRISE}:department", "value": "Legal"},
    )
    assert response.status_code == 200, response.content
    assert _history(person) == [("job_title", "Old", "New"), ("department", "Finance", "Legal")]


def test_creating_and_replacing_unchanged_record_nothing(scim):
    created = call(scim, "post", "/scim/v2/Users", new_user())
    assert created.status_code == 201, created.content
    url = f"/scim/v2/Users/{created.json()['id']}"
    assert call(scim, "put", url, new_user()).status_code == 200
    assert not PersonChange.objects.exists()


def test_active_false_then_true_leaves_and_returns(scim):
    person = PersonFactory()
    patch(scim, person.pk, {"op": "replace", "path": "active", "value": False})
    patch(scim, person.pk, {"op": "replace", "path": "active", "value": False})
    patch(scim, person.pk, {"op": "replace", "path": "active", "value": True})
    assert _history(person) == [("left", "", ""), ("returned", "", "")]
