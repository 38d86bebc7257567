"""The mentee's self-assessment page (``my_needs``): needs and preferences, checked, then
read-only once the programme runs."""

import re

import pytest
from django.urls import reverse

from rementor.programmes.models import Enrollment, EnrollmentStatus, ProgrammeStatus
from rementor.skills.models import Assessment, AssessmentKind, Skill
from rementor.skills.queries import programme_needs
from tests.factories import client_for


def _answers(programme, **overrides):
    data = {
        "wishes": "Publier sur LinkedIn chaque semaine",
        "pref-languages": ["fr"],
        "pref-slots": ["1", "5"],
        "pref-pace": "steady",
        "pref-mode": "hybrid",
    }
    for skill in programme.skills.all():
        data[f"level_{skill.pk}"] = "1"
        data[f"target_{skill.pk}"] = "1"
        data[f"priority_{skill.pk}"] = "0"
    data.update(overrides)
    return data


@pytest.fixture
def focused(programme):
    programme.skills.set(Skill.objects.filter(code__in=["linkedin", "web_analytics", "slack"]))
    programme.status = ProgrammeStatus.RECRUITING
    programme.save()
    return programme


@pytest.mark.django_db
def test_mentee_submits_needs_and_preferences(focused, pair_member):
    linkedin = Skill.objects.get(code="linkedin")
    enrollment = Enrollment.objects.get(person=pair_member.person)
    enrollment.status = EnrollmentStatus.INVITED
    enrollment.save()
    data = _answers(focused, **{f"target_{linkedin.pk}": "3", f"priority_{linkedin.pk}": "3"})
    response = client_for(pair_member).post(
        reverse("programmes:my_needs", args=[focused.slug]), data
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(enrollment=enrollment, kind=AssessmentKind.BASELINE)
    assert assessment.submitted_at is not None
    assert assessment.wishes == "Publier sur LinkedIn chaque semaine"
    item = assessment.items.get(skill=linkedin)
    assert (item.level, item.target, item.priority, item.weighted_gap) == (1, 3, 3, 6)
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.ACCEPTED
    assert (enrollment.slots, enrollment.pace, enrollment.mode) == ([1, 5], "steady", "hybrid")
    assert programme_needs(focused) == {
        linkedin.pk: 6,
        **{s.pk: 0 for s in focused.skills.exclude(pk=linkedin.pk)},
    }


@pytest.mark.django_db
def test_target_below_current_level_is_refused_and_answers_are_kept(focused, pair_member):
    slack = Skill.objects.get(code="slack")
    data = _answers(
        focused,
        **{f"level_{slack.pk}": "3", f"target_{slack.pk}": "1", f"priority_{slack.pk}": "2"},
    )
    response = client_for(pair_member).post(
        reverse("programmes:my_needs", args=[focused.slug]), data
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "ne peut pas être inférieur" in body
    assert "Publier sur LinkedIn chaque semaine" in body
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_needs_without_any_goal_are_refused(focused, pair_member):
    response = client_for(pair_member).post(
        reverse("programmes:my_needs", args=[focused.slug]), _answers(focused)
    )
    assert response.status_code == 200
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_baseline_is_read_only_once_the_programme_runs(focused, pair_member):
    focused.status = ProgrammeStatus.RUNNING
    focused.save()
    linkedin = Skill.objects.get(code="linkedin")
    data = _answers(focused, **{f"target_{linkedin.pk}": "3", f"priority_{linkedin.pk}": "3"})
    response = client_for(pair_member).post(
        reverse("programmes:my_needs", args=[focused.slug]), data
    )
    assert response.status_code == 200
    assert "<fieldset disabled>" in response.content.decode()
    assert not Assessment.objects.exists()


def _level_options(html: str, skill) -> list[str]:
    start = html.index(f'name="level_{skill.pk}"')
    select = html[start : html.index("</select>", start)]
    return [o.strip() for o in re.findall(r">([^<]+)</option>", select)]


@pytest.mark.django_db
def test_needs_form_level_labels_follow_the_interface_language(focused, pair_member):
    linkedin = Skill.objects.get(code="linkedin")
    url = reverse("programmes:my_needs", args=[focused.slug])
    client = client_for(pair_member)

    # French first: labels built once at import would then stay French on the English page.
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert _level_options(english, linkedin) == [
        "0 — None",
        "1 — Aware",
        "2 — Basic",
        "3 — Proficient",
        "4 — Expert",
    ]
    assert _level_options(french, linkedin)[1] == "1 — Notions"
    assert "Notions" not in english and "Autonome" not in english
