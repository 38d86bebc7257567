"""Which model changes auditlog keeps: a list of allowed fields, never free text."""

from __future__ import annotations

import pytest
from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone

from rementor.audit.tracking import MASK, hide
from rementor.people.models import Person, User
from tests.rementor.audit.helpers import changes_of, everything_stored

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


def test_user_changes_never_store_password_or_last_login(manager):
    manager.set_password("A-brand-new-secret-99")
    manager.last_login = timezone.now()
    manager.is_sponsor = True
    manager.save()
    entry = changes_of(User, manager)[-1]
    assert set(entry.changes) == {"is_sponsor"}
    assert "A-brand-new-secret" not in everything_stored()


def test_person_names_and_emails_are_masked_in_changes(db):
    person = Person.objects.create(employee_id="M1", first_name="Zéphyrine", last_name="Quaglia")
    person.email = "zephyrine.quaglia@example.org"
    person.save()
    stored = " ".join(str(e.changes) for e in changes_of(Person, person))
    assert "Quaglia" not in stored and "zephyrine" not in stored
    assert set(changes_of(Person, person)[-1].changes) == {"email"}
