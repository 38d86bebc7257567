"""The reciprocal phase's settings (issue 17, the role swap): off by default, set on the
programme form, shown on the programme page, carried by a copy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rementor.programmes.models import Programme
from tests.factories import ProgrammeFactory, client_for
from tests.rementor.programmes.test_views import VALID

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_a_new_programme_has_no_reciprocal_phase(manager):
    client_for(manager).post(reverse("programmes:create"), VALID)
    programme = Programme.objects.get(name=VALID["name"])
    assert programme.reciprocal_phase is False
    assert (programme.reciprocal_after_sessions, programme.reciprocal_sessions) == (4, 2)


def test_the_form_sets_the_reciprocal_phase_and_the_page_shows_it(manager):
    data = {
        **VALID,
        "reciprocal_phase": "on",
        "reciprocal_after_sessions": "5",
        "reciprocal_sessions": "3",
    }
    client = client_for(manager)
    client.post(reverse("programmes:create"), data)
    programme = Programme.objects.get(name=VALID["name"])
    assert (programme.reciprocal_phase, programme.reciprocal_after_sessions) == (True, 5)
    assert programme.reciprocal_sessions == 3
    page = client.get(reverse("programmes:detail", args=[programme.slug]), **EN)
    assert b"After 5 sessions held, roles swap for 3 sessions" in page.content


def test_out_of_range_reciprocal_settings_are_refused_and_kept(manager):
    data = {**VALID, "reciprocal_phase": "on", "reciprocal_sessions": "40"}
    response = client_for(manager).post(reverse("programmes:create"), data, **EN)
    assert response.status_code == 200
    form = response.context["form"]
    assert "reciprocal_sessions" in form.errors
    assert form["reciprocal_sessions"].value() == "40"
    assert not Programme.objects.filter(name=VALID["name"]).exists()


def test_a_copy_carries_the_reciprocal_phase(manager):
    source = ProgrammeFactory(
        reciprocal_phase=True, reciprocal_after_sessions=6, reciprocal_sessions=2
    )
    response = client_for(manager).get(reverse("programmes:create") + f"?from={source.slug}", **EN)
    form = response.context["form"]
    assert form["reciprocal_phase"].value() is True
    assert form["reciprocal_after_sessions"].value() == 6


def test_one_session_before_the_swap_is_said_in_the_singular_in_both_languages(manager):
    client = client_for(manager)
    client.post(
        reverse("programmes:create"),
        {
            **VALID,
            "reciprocal_phase": "on",
            "reciprocal_after_sessions": "1",
            "reciprocal_sessions": "2",
        },
    )
    programme = Programme.objects.get(name=VALID["name"])
    url = reverse("programmes:detail", args=[programme.slug])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "After 1 session held, roles swap for 2 sessions" in english
    assert "Après 1 séance tenue, rôles inversés pendant 2 séances" in french
