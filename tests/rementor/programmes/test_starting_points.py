"""A new programme from the shipped template or as a copy of an earlier one: settings, skills,
weights and training modules — never people, pairs or what they wrote."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from rementor.programmes.models import Programme
from rementor.programmes.starting_points import add_months
from rementor.training.models import QuizQuestion, TrainingCompletion, TrainingModule
from tests.factories import EnrollmentFactory, ProgrammeFactory, SkillFactory, client_for
from tests.rementor.programmes.test_views import VALID

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _form_values(response) -> dict:
    form = response.context["form"]
    return {name: form[name].value() for name in form.fields}


def test_the_template_fills_the_form_with_six_sessions_over_five_months(manager):
    response = client_for(manager).get(
        reverse("programmes:create") + "?template=reverse-6-sessions", **EN
    )
    values = _form_values(response)
    assert (values["cadence_weeks"], values["session_minutes"]) == (3, 60)
    assert values["mentor_applications"] == "invited"
    assert (values["pair_consent"], values["consent_days"]) == (True, 7)
    start, end = values["start_date"], values["end_date"]
    assert start.day == 1 and start > dt.date.today()
    assert end == add_months(start, 5) - dt.timedelta(days=1)
    assert "six one-hour sessions" in values["description"]
    assert "Reverse mentoring — 6 sessions over 5 months" in response.content.decode()


def test_the_template_s_description_is_in_the_manager_s_language(manager):
    response = client_for(manager).get(
        reverse("programmes:create") + "?template=reverse-6-sessions",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert "six séances" in _form_values(response)["description"]


def test_a_copy_takes_settings_skills_weights_and_modules_not_people(manager):
    skills = [SkillFactory(), SkillFactory()]
    source = ProgrammeFactory(
        pair_consent=True,
        consent_days=10,
        cadence_weeks=4,
        session_minutes=45,
        languages=["fr", "en"],
        weight_expertise=70,
        weight_communication=20,
        weight_willingness=10,
        match_weights={"skills": 0.7, "availability": 0.3},
        description="Notre programme 2026",
    )
    source.skills.set(skills)
    module = TrainingModule.objects.create(
        programme=source, audience="mentor", title_fr="Écoute", title_en="Listening",
        body_fr="…", body_en="…", is_published=False, position=5,
    )  # fmt: skip
    QuizQuestion.objects.create(
        module=module, text_fr="Q ?", text_en="Q?", options_fr=["a", "b"],
        options_en=["a", "b"], correct_index=1,
    )  # fmt: skip
    enrollment = EnrollmentFactory(programme=source)
    TrainingCompletion.objects.create(module=module, enrollment=enrollment)
    url = reverse("programmes:create") + f"?from={source.slug}"
    client = client_for(manager)
    values = _form_values(client.get(url, **EN))
    assert (values["cadence_weeks"], values["session_minutes"]) == (4, 45)
    assert values["description"] == "Notre programme 2026"
    assert (values["pair_consent"], values["consent_days"]) == (True, 10)
    assert sorted(values["skills"]) == sorted(s.pk for s in skills)
    data = {**VALID, "name": "Programme 2027", "cadence_weeks": "4", "skills": [skills[0].pk]}
    response = client.post(url, data)
    copy = Programme.objects.get(name="Programme 2027")
    assert response.url == reverse("programmes:detail", args=[copy.slug])
    assert (copy.weight_expertise, copy.weight_communication, copy.weight_willingness) == (
        70, 20, 10,
    )  # fmt: skip
    assert copy.match_weights == {"skills": 0.7, "availability": 0.3}
    assert list(copy.skills.all()) == [skills[0]]  # what the manager ticked, not the source's
    copied = TrainingModule.objects.get(programme=copy, title_en="Listening")
    assert (copied.is_published, copied.position) == (False, 5)
    assert [(q.correct_index, q.options_en) for q in copied.questions.all()] == [(1, ["a", "b"])]
    assert not copy.enrollments.exists()
    assert not TrainingCompletion.objects.filter(module__programme=copy).exists()
    # The source is left as it was.
    assert TrainingModule.objects.filter(programme=source).count() == 1
    assert source.enrollments.count() == 1


def test_a_blank_programme_still_gets_the_shipped_modules(manager):
    client_for(manager).post(reverse("programmes:create"), VALID)
    programme = Programme.objects.get(name="Programme 2027")
    assert programme.training_modules.exclude(code="").count() == 5


def test_a_failed_save_keeps_the_copy_and_what_was_typed(manager):
    source = ProgrammeFactory(cadence_weeks=4)
    url = reverse("programmes:create") + f"?from={source.slug}"
    data = {**VALID, "name": "Programme 2027", "end_date": "2026-01-01"}
    response = client_for(manager).post(url, data, **EN)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Programme 2027"' in body
    assert f"A copy of “{source.name}”" in body
    assert not Programme.objects.filter(name="Programme 2027").exists()


@pytest.mark.parametrize("query", ["?from=no-such-programme", "?template=no-such-template"])
def test_an_unknown_starting_point_is_404_and_creates_nothing(manager, query):
    client = client_for(manager)
    assert client.get(reverse("programmes:create") + query).status_code == 404
    response = client.post(reverse("programmes:create") + query, VALID)
    assert response.status_code == 404
    assert not Programme.objects.filter(name="Programme 2027").exists()


def test_a_participant_cannot_copy_a_programme(pair_member, programme):
    response = client_for(pair_member).get(reverse("programmes:create") + f"?from={programme.slug}")
    assert response.status_code == 403
