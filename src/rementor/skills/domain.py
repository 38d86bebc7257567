"""Writes on the skills taxonomy."""

from __future__ import annotations

from django.db import transaction
from django.forms import ModelForm

from rementor.skills.models import Skill, SkillCategory


@transaction.atomic
def save_taxonomy_entry(*, form: ModelForm, by) -> Skill | SkillCategory:
    """Save a validated category or skill form. ``by`` is kept for the audit trail."""
    return form.save()
