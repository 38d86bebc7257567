"""Which model changes auditlog keeps: a list of allowed fields, never free text."""

from __future__ import annotations

import pytest
from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from rementor.audit.tracking import MASK, hide

# Short coded values are fine; these are the fields where people write freely.
FREE_TEXT_NAMES = {
    "agenda",
    "shared_notes",
    "text",
    "comment",
    "motivation",
    "reason",
    "status_reason",
    "decision_reason",
    "description",
    "resolution_note",
    "highlight",
    "improve",
    "wishes",
    "evidence",
    "evidence_note",
    "location",
    "error",
    "password",
    "last_login",
}


def _tracked_fields(model) -> list[models.Field]:
    include = auditlog.get_model_fields(model)["include_fields"]
    return [model._meta.get_field(name) for name in include]


def test_every_tracked_model_lists_its_fields():
    assert auditlog.get_models()
    for model in auditlog.get_models():
        assert auditlog.get_model_fields(model)["include_fields"], model


@pytest.mark.parametrize("model", auditlog.get_models(), ids=lambda m: m._meta.label)
def test_tracked_fields_hold_no_free_text(model):
    for field in _tracked_fields(model):
        assert not isinstance(field, models.TextField), f"{model._meta.label}.{field.name}"
        assert field.name not in FREE_TEXT_NAMES, f"{model._meta.label}.{field.name}"


def test_the_models_a_data_protection_officer_asks_about_are_tracked():
    labels = {m._meta.label for m in auditlog.get_models()}
    assert {
        "people.Person",
        "people.User",
        "programmes.Programme",
        "programmes.Enrollment",
        "selection.MentorDecision",
        "matching.Pair",
        "matching.PairOverride",
        "matching.MatchRun",
        "mentoring.MentoringSession",
    } <= labels
    # Participants' writings are never tracked at all.
    assert not labels & {
        "mentoring.PrivateNote",
        "mentoring.Pulse",
        "mentoring.CheckIn",
        "mentoring.Idea",
        "mentoring.Objective",
        "mentoring.ObjectiveChange",
        "mentoring.PracticeTask",
        "mentoring.PairCharter",
        "selection.MentorApplication",
        "selection.MentorReview",
    }


def test_names_and_addresses_are_masked_whole():
    assert hide("Marie-Hélène") == MASK
    assert settings.AUDITLOG_MASK_CALLABLE == "rementor.audit.tracking.hide"
