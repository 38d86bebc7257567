import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rementor.core.dates import years_after
from rementor.programmes.models import Programme
from tests.factories import ProgrammeFactory, client_for

VALID = {
    "name": "Programme 2027",
    "slug": "",
    "description": "",
    "start_date": "2027-01-10",
    "end_date": "2027-07-10",
    "cadence_weeks": "3",
    "session_minutes": "60",
    "default_mentor_capacity": "1",
    "max_mentor_capacity": "2",
    "reporting_line_depth": "2",
    "mentor_applications": "invited",
    "languages": ["fr", "en"],
}


@pytest.mark.django_db
def test_manager_creates_a_programme(manager):
    response = client_for(manager).post(reverse("programmes:create"), VALID)
    programme = Programme.objects.get(name="Programme 2027")
    assert response.status_code == 302
    assert response.url == reverse("programmes:detail", args=[programme.slug])
    assert programme.languages == ["fr", "en"] and programme.created_by == manager
    assert programme.skills.count() == 20


@pytest.mark.django_db
def test_invalid_programme_form_keeps_what_was_typed(manager):
    data = {**VALID, "end_date": "2026-01-01", "default_mentor_capacity": "3"}
    response = client_for(manager).post(reverse("programmes:create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert not Programme.objects.exists()
    assert 'value="Programme 2027"' in body and 'value="2027-01-10"' in body
    assert "ne peut pas se terminer avant" in body  # the end-date error, in French
    assert "(2)" in body  # the capacity error names the maximum


@pytest.mark.django_db
def test_edit_keeps_the_slug_and_saves_changes(manager):
    programme = ProgrammeFactory(slug="pilote-2026")
    data = {**VALID, "slug": "hacked", "name": "Pilote renommé"}
    client_for(manager).post(reverse("programmes:edit", args=[programme.slug]), data)
    programme.refresh_from_db()
    assert (programme.slug, programme.name) == ("pilote-2026", "Pilote renommé")


@pytest.mark.django_db
def test_participant_sees_their_role_not_the_roster(programme, pair_member, stranger):
    body = client_for(pair_member).get(reverse("programmes:detail", args=[programme.slug]))
    text = body.content.decode()
    assert "Mentoré" in text
    assert stranger.person.last_name not in text


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_programme_list_queries_do_not_grow(manager, count, django_assert_num_queries):
    ProgrammeFactory.create_batch(count)
    client = client_for(manager)
    with django_assert_num_queries(4):  # session, user, user's person, programmes with counts
        response = client.get(reverse("programmes:list"))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dates", "field", "words"),
    [
        ({"start_date": "9999-12-31", "end_date": "9999-12-31"}, "start_date", "Date de début"),
        ({"start_date": "0001-01-01", "end_date": "0001-06-01"}, "start_date", "Date de début"),
        ({"start_date": "1999-12-31", "end_date": "2000-06-01"}, "start_date", "Date de début"),
        ({"end_date": "9999-12-31"}, "end_date", "Date de fin"),
        ({"end_date": "2030-01-11"}, "end_date", "Date de fin"),
    ],
)
def test_programme_dates_out_of_their_window_are_refused_naming_the_field(
    manager, dates, field, words
):
    response = client_for(manager).post(reverse("programmes:create"), {**VALID, **dates})
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors  # (an end in year 9999 is refused too, with its own words)
    assert form.errors[field][0].startswith(words)
    assert f'value="{dates[field]}"' in response.content.decode()  # kept as typed
    assert not Programme.objects.exists()


@pytest.mark.django_db
def test_a_programme_may_start_five_years_ahead_and_last_three_years(manager):
    start = years_after(timezone.localdate(), 5)
    dates = {"start_date": start.isoformat(), "end_date": years_after(start, 3).isoformat()}
    response = client_for(manager).post(reverse("programmes:create"), {**VALID, **dates})
    assert response.status_code == 302
    late = {**dates, "slug": "late", "start_date": (start + dt.timedelta(days=1)).isoformat()}
    response = client_for(manager).post(reverse("programmes:create"), {**VALID, **late})
    assert list(response.context["form"].errors) == ["start_date"]


@pytest.mark.django_db
def test_participant_page_shows_my_partner_and_no_one_elses():
    from tests.rementor.mentoring.factories import make_pair

    pair, mentee_user, mentor_user = make_pair(language="en")
    other, other_mentee, _ = make_pair(programme=pair.programme, language="en")
    url = reverse("programmes:detail", kwargs={"slug": pair.programme.slug})

    as_mentee = client_for(mentee_user).get(url).content.decode()
    as_mentor = client_for(mentor_user).get(url).content.decode()

    assert mentor_user.person.full_name in as_mentee
    assert reverse("mentoring:pair", args=[pair.pk]) in as_mentee
    assert mentee_user.person.full_name in as_mentor
    assert reverse("mentoring:pair", args=[pair.pk]) in as_mentor
    assert other_mentee.person.full_name not in as_mentor
    assert reverse("mentoring:pair", args=[other.pk]) not in as_mentee


@pytest.mark.django_db
def test_manager_chooses_who_may_apply_to_mentor(manager, programme):
    client = client_for(manager)
    form = client.get(reverse("programmes:edit", args=[programme.slug])).content.decode()
    assert "Qui peut postuler comme mentor" in form and "Seulement les personnes invitées" in form
    data = {
        **VALID,
        "name": programme.name,
        "start_date": programme.start_date.isoformat(),
        "end_date": programme.end_date.isoformat(),
        "mentor_applications": "open",
    }
    response = client.post(reverse("programmes:edit", args=[programme.slug]), data)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.mentor_applications == "open"
    detail = client.get(
        reverse("programmes:detail", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Everyone in the company" in detail.content.decode()


@pytest.mark.django_db
def test_who_may_apply_refuses_an_unknown_value(manager, programme):
    data = {**VALID, "mentor_applications": "everyone"}
    response = client_for(manager).post(reverse("programmes:create"), data)
    assert response.status_code == 200
    assert not Programme.objects.filter(name="Programme 2027").exists()
