"""Creating a programme through the API from the shipped template or as a copy of an earlier
one: the same rules as the programme form (``programmes.starting_points``)."""

import datetime as dt

import pytest

from rementor.mentoring.models import PlanStep
from rementor.programmes.models import Programme
from rementor.skills.models import Skill
from rementor.training.domain import install_default_modules
from rementor.training.models import TrainingModule
from tests.rementor.api.factories import token_client

TEMPLATE = "reverse-6-sessions"
URL = "/api/v1/programmes/"


def _post(user, data):
    return token_client(user).post(URL, data, format="json")


def test_managers_list_the_templates_the_form_offers(manager):
    response = token_client(manager).get("/api/v1/programme-templates/")
    assert response.status_code == 200, response.content
    rows = response.json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert [row["key"] for row in rows] == [TEMPLATE]
    assert rows[0]["months"] == 5
    assert rows[0]["settings"]["pair_consent"] is True
    one = token_client(manager).get(f"/api/v1/programme-templates/{TEMPLATE}/")
    assert one.status_code == 200
    assert token_client(manager).get("/api/v1/programme-templates/nope/").status_code == 404


@pytest.mark.parametrize("who", ["sponsor", "pair_member"])
def test_sponsors_and_participants_neither_list_templates_nor_create(who, request):
    user = request.getfixturevalue(who)
    assert token_client(user).get("/api/v1/programme-templates/").status_code == 403
    response = _post(user, {"name": "Vague 3", "template": TEMPLATE})
    assert response.status_code == 403
    assert not Programme.objects.filter(name="Vague 3").exists()


def test_from_the_template_takes_its_settings_dates_and_session_plan(manager):
    response = _post(manager, {"name": "Vague 3", "template": TEMPLATE})
    assert response.status_code == 201, response.content
    programme = Programme.objects.get(pk=response.json()["id"])
    assert programme.status == "draft"
    assert (programme.cadence_weeks, programme.session_minutes) == (3, 60)
    assert (programme.pair_consent, programme.consent_days) == (True, 7)
    assert programme.mentor_applications == "invited"
    assert programme.start_date.day == 1 and programme.start_date > dt.date.today()
    assert PlanStep.objects.filter(programme=programme).count() == 6
    # All active skills are in focus, as a blank programme has them.
    assert programme.skills.count() == Skill.objects.filter(is_active=True).count()


def test_given_settings_win_over_the_template_and_a_start_keeps_its_length(manager):
    response = _post(
        manager,
        {"name": "Vague 3", "template": TEMPLATE, "start_date": "2027-03-01", "consent_days": 10},
    )
    assert response.status_code == 201, response.content
    programme = Programme.objects.get(pk=response.json()["id"])
    assert programme.consent_days == 10
    assert (programme.start_date, programme.end_date) == (
        dt.date(2027, 3, 1),
        dt.date(2027, 7, 31),
    )


def test_a_copy_takes_the_earlier_programmes_settings_weights_and_training(manager, programme):
    programme.cadence_weeks, programme.weight_expertise, programme.consent_days = 4, 70, 12
    programme.save()
    kept = list(Skill.objects.filter(is_active=True).order_by("pk")[:2])
    programme.skills.set(kept)
    install_default_modules(programme=programme)
    TrainingModule.objects.filter(programme=programme).update(title_fr="Notre module maison")
    response = _post(manager, {"name": "Pilote, deuxième édition", "copied_from": programme.pk})
    assert response.status_code == 201, response.content
    copy = Programme.objects.get(pk=response.json()["id"])
    assert (copy.cadence_weeks, copy.weight_expertise, copy.consent_days) == (4, 70, 12)
    assert set(copy.skills.all()) == set(kept)
    assert copy.end_date - copy.start_date == programme.end_date - programme.start_date
    assert copy.enrollments.count() == 0
    # Its training (the modules as the earlier programme had them), not the default one.
    assert TrainingModule.objects.filter(programme=copy, title_fr="Notre module maison").exists()


def test_unknown_template_names_the_field(manager):
    response = _post(manager, {"name": "Vague 3", "template": "twelve-sessions"})
    assert response.status_code == 400
    assert "template" in response.json()
    assert not Programme.objects.filter(name="Vague 3").exists()


@pytest.mark.parametrize("source", [987654, "abc", 10**30, True])
def test_copy_of_a_programme_that_is_not_there_names_the_field(manager, programme, source):
    response = _post(manager, {"name": "Copie", "copied_from": source})
    assert response.status_code == 400
    assert "copied_from" in response.json()
    assert not Programme.objects.filter(name="Copie").exists()


def test_template_and_copy_together_are_refused(manager, programme):
    response = _post(manager, {"name": "Copie", "template": TEMPLATE, "copied_from": programme.pk})
    assert response.status_code == 400
    assert "copied_from" in response.json()


def test_a_participant_cannot_copy_their_own_programme(pair_member, programme):
    response = _post(pair_member, {"name": "Copie", "copied_from": programme.pk})
    assert response.status_code == 403
    assert not Programme.objects.filter(name="Copie").exists()


def test_without_a_starting_point_the_dates_are_still_required(manager):
    response = _post(manager, {"name": "Vierge"})
    assert response.status_code == 400
    assert {"start_date", "end_date"} <= set(response.json())


def test_a_starting_point_does_not_excuse_bad_dates(manager):
    response = _post(
        manager,
        {
            "name": "Vague 3",
            "template": TEMPLATE,
            "start_date": "2027-03-01",
            "end_date": "2027-01-01",
        },
    )
    assert response.status_code == 400
    assert "end_date" in response.json()


@pytest.mark.parametrize("source", ["template", "copy"])
def test_a_start_too_far_ahead_for_the_length_asks_for_the_end_date(manager, programme, source):
    start = {"template": TEMPLATE} if source == "template" else {"copied_from": programme.pk}
    response = _post(manager, {"name": "Loin", "start_date": "9999-12-01", **start})
    assert response.status_code == 400
    assert "end_date" in response.json()
