"""Charter pages, and the charter and training cards of the pair page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rementor.mentoring.charter import (
    accept_charter,
    charter_signed,
    get_or_create_charter,
)
from rementor.mentoring.models import PairCharter
from tests.factories import client_for
from tests.rementor.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_charter_edit_page_says_acceptances_are_cleared():
    pair, mentee_user, mentor_user = make_pair(language="en")
    charter = get_or_create_charter(pair=pair)
    accept_charter(charter=charter, by=mentee_user)
    client = client_for(mentor_user)
    url = reverse("mentoring:charter_edit", args=[pair.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["first_objectives"] = "Publish a LinkedIn post a week"
    response = client.post(url, data, follow=True, **EN)
    assert "both of you need to accept it again" in response.content.decode()
    charter.refresh_from_db()
    assert charter.first_objectives == "Publish a LinkedIn post a week"
    assert charter.mentee_accepted_at is None


def test_charter_edit_keeps_input_and_names_the_field():
    pair, _, mentor_user = make_pair(language="en")
    get_or_create_charter(pair=pair)
    client = client_for(mentor_user)
    url = reverse("mentoring:charter_edit", args=[pair.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(cadence_weeks="40", first_objectives="Keep me")
    response = client.post(url, data, **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_cadence_weeks_error"' in html and "Keep me" in html


def test_charter_accept_view_by_each_member_signs_it():
    pair, mentee_user, mentor_user = make_pair()
    url = reverse("mentoring:charter_accept", args=[pair.pk])
    for user in (mentee_user, mentor_user):
        client = client_for(user)
        page = client.get(reverse("mentoring:charter", args=[pair.pk]))
        assert client.post(url, {"version": page.context["version"]}).status_code == 302
    assert charter_signed(pair)


def test_pair_page_shows_training_and_charter_cards(manager):
    pair, mentee_user, _ = make_pair(language="en")
    html = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk]), **EN)
    html = html.content.decode()
    assert 'data-testid="training-section"' in html and 'data-testid="charter-section"' in html
    assert reverse("mentoring:charter", args=[pair.pk]) in html
    assert PairCharter.objects.filter(pair=pair).exists()
    manager_html = client_for(manager).get(reverse("mentoring:pair", args=[pair.pk])).content
    assert reverse("mentoring:charter_edit", args=[pair.pk]).encode() not in manager_html
    assert reverse("mentoring:charter", args=[pair.pk]).encode() not in manager_html
