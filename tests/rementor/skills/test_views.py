"""The taxonomy pages: managers add and edit skills; the code is the stable key."""

import pytest
from django.urls import reverse

from rementor.skills.models import Skill, SkillCategory
from tests.factories import client_for


@pytest.mark.django_db
def test_manager_adds_and_edits_a_skill(manager):
    client = client_for(manager)
    category = SkillCategory.objects.get(code="digital_culture")
    response = client.post(
        reverse("skills:skill_create"),
        {
            "category": category.pk,
            "code": "podcasting",
            "name_fr": "Podcasts",
            "name_en": "Podcasting",
            "position": 9,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    skill = Skill.objects.get(code="podcasting")
    client.post(
        reverse("skills:skill_edit", args=[skill.pk]),
        {
            "category": category.pk,
            "code": "renamed",
            "name_fr": "Podcasts audio",
            "name_en": "Audio podcasts",
            "position": 9,
        },
    )
    skill.refresh_from_db()
    # The code is the stable key: editing never changes it; unticking retires the skill.
    assert (skill.code, skill.name_fr, skill.is_active) == ("podcasting", "Podcasts audio", False)


@pytest.mark.django_db
def test_bad_skill_code_is_refused_and_the_form_keeps_the_input(manager):
    category = SkillCategory.objects.first()
    response = client_for(manager).post(
        reverse("skills:skill_create"),
        {
            "category": category.pk,
            "code": "Bad Code!",
            "name_fr": "Nouvelle",
            "name_en": "New one",
            "position": 1,
        },
    )
    assert response.status_code == 200
    assert 'value="Nouvelle"' in response.content.decode()
    assert not Skill.objects.filter(name_en="New one").exists()
