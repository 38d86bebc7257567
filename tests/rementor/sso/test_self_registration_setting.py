"""The programme setting that lets colleagues HR did not import join through single sign-on:
off by default, set by a manager on the programme's settings page, shown on its page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rementor.programmes.models import Programme
from tests.factories import ProgrammeFactory, client_for
from tests.rementor.programmes.test_views import VALID

pytestmark = pytest.mark.django_db


def test_self_registration_is_off_for_a_new_programme(manager):
    client_for(manager).post(reverse("programmes:create"), VALID)
    assert Programme.objects.get(name="Programme 2027").sso_self_registration is False


def test_manager_turns_self_registration_on_and_off(manager):
    programme = ProgrammeFactory()
    client = client_for(manager)
    edit = reverse("programmes:edit", args=[programme.slug])
    assert 'name="sso_self_registration"' in client.get(edit).content.decode()
    client.post(edit, {**VALID, "sso_self_registration": "on"})
    programme.refresh_from_db()
    assert programme.sso_self_registration is True
    page = client.get(reverse("programmes:detail", args=[programme.slug])).content.decode()
    assert "Les collègues pas encore importés peuvent s’inscrire" in page
    client.post(edit, VALID)  # unticked
    programme.refresh_from_db()
    assert programme.sso_self_registration is False


def test_participant_cannot_turn_self_registration_on(programme, pair_member):
    edit = reverse("programmes:edit", args=[programme.slug])
    response = client_for(pair_member).post(edit, {**VALID, "sso_self_registration": "on"})
    assert response.status_code in {403, 404}
    programme.refresh_from_db()
    assert programme.sso_self_registration is False
