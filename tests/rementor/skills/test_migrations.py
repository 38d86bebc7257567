"""The default taxonomy a data migration loads (``0002_default_taxonomy``)."""

import pytest
from django.utils import translation

from rementor.skills.models import Skill, SkillCategory


@pytest.mark.django_db
def test_default_taxonomy_is_loaded_in_both_languages():
    assert set(SkillCategory.objects.values_list("code", flat=True)) == {
        "social_media",
        "digital_tools",
        "data_analysis",
        "digital_culture",
    }
    assert 18 <= Skill.objects.count() <= 24
    assert not Skill.objects.filter(name_fr="").exists()
    assert not Skill.objects.filter(name_en="").exists()
    linkedin = Skill.objects.get(code="linkedin")
    assert linkedin.category.code == "social_media"
    analytics = Skill.objects.get(code="web_analytics")
    with translation.override("fr"):
        assert analytics.category.name == "Analyse et visualisation des données"
    with translation.override("en"):
        assert analytics.category.name == "Data analysis & visualisation"
