"""Who leads a pair (the programme's ``lead``): shown to both members, on the programme's
page and form, the booking page, next steps and the charter's prefilled text."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from rementor.mentoring.charter import get_or_create_charter
from rementor.mentoring.next_steps import steps_for
from rementor.programmes.models import Programme
from tests.factories import client_for
from tests.rementor.mentoring.factories import make_pair
from tests.rementor.programmes.test_views import VALID

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def _mentee_led(pair):
    pair.programme.lead = "mentee"
    pair.programme.save(update_fields=["lead"])


def _texts(user):
    with translation.override("en"):
        return [step.text for step in steps_for(user)]


def _asks_to_plan(user) -> bool:
    return any(text.startswith("Plan your next session") for text in _texts(user))


def test_a_new_programme_is_mentor_led_and_the_form_changes_it(manager):
    client = client_for(manager)
    client.post(reverse("programmes:create"), VALID)
    programme = Programme.objects.get(name="Programme 2027")
    assert programme.lead == "mentor"
    client.post(
        reverse("programmes:edit", args=[programme.slug]),
        {**VALID, "lead": "mentee", "skills": []},
    )
    programme.refresh_from_db()
    assert programme.lead == "mentee"
    page = client.get(reverse("programmes:detail", args=[programme.slug]), **EN)
    assert "Mentee-led: the senior mentee schedules" in page.content.decode()


def test_a_made_up_lead_is_refused_naming_the_field(manager):
    client = client_for(manager)
    client.post(reverse("programmes:create"), VALID)
    programme = Programme.objects.get(name="Programme 2027")
    response = client.post(
        reverse("programmes:edit", args=[programme.slug]), {**VALID, "lead": "sponsor"}, **EN
    )
    assert response.status_code == 200
    assert response.context["form"].errors["lead"]
    programme.refresh_from_db()
    assert programme.lead == "mentor"


def test_only_the_member_who_leads_is_asked_to_plan_the_next_session():
    pair, mentee_user, mentor_user = make_pair()
    assert _asks_to_plan(mentor_user) and not _asks_to_plan(mentee_user)
    _mentee_led(pair)
    assert _asks_to_plan(mentee_user) and not _asks_to_plan(mentor_user)


@pytest.mark.parametrize(
    ("headers", "sentence"),
    [
        (EN, "In this programme, the mentee leads"),
        (FR, "Dans ce programme, c’est le mentoré qui mène"),
    ],
)
def test_both_members_read_who_leads_on_the_pair_page(headers, sentence):
    pair, mentee_user, mentor_user = make_pair()
    _mentee_led(pair)
    for user in (mentee_user, mentor_user):
        page = client_for(user).get(reverse("mentoring:pair", args=[pair.pk]), **headers)
        assert sentence in page.content.decode()


def test_the_booking_page_tells_the_other_member_the_leader_is_expected_to_book():
    pair, mentee_user, mentor_user = make_pair()
    url = reverse("mentoring:book_session", args=[pair.pk])
    leader = client_for(mentor_user).get(url, **EN).content.decode()
    assert "the mentor leads" in leader and 'data-testid="booking-not-leader"' not in leader
    other = client_for(mentee_user).get(url, **EN)
    assert other.status_code == 200  # may still book
    assert 'data-testid="booking-not-leader"' in other.content.decode()


@pytest.mark.parametrize(
    ("lead", "language", "leader_field", "other_field", "sentence"),
    [
        ("mentor", "fr", "mentor_commitments", "mentee_commitments", "je propose les dates"),
        ("mentee", "fr", "mentee_commitments", "mentor_commitments", "je planifie nos séances"),
    ],
)
def test_the_charter_template_says_who_leads(lead, language, leader_field, other_field, sentence):
    pair, *_users = make_pair(language=language)
    pair.programme.lead = lead
    pair.programme.save(update_fields=["lead"])
    charter = get_or_create_charter(pair=pair)
    assert sentence in getattr(charter, leader_field)
    assert sentence not in getattr(charter, other_field)
