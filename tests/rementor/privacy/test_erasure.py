"""Erasing a person (``anonymise_person``): what goes, what stays for the others and the
figures, and that nothing identifies them afterwards."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from rementor.mentoring.models import (
    CheckIn,
    Concern,
    MentoringSession,
    Objective,
    PrivateNote,
    Pulse,
)
from rementor.people.models import ImportBatch
from rementor.privacy.erasure import anonymise_person
from tests.factories import PASSWORD, client_for, log_in_through_form
from tests.rementor.privacy.factories import (
    EMAIL,
    EMPLOYEE_ID,
    FIRST,
    LAST,
    build_world,
    scrubbable_world,
)


def test_erasure_clears_a_shared_pulse_comment_and_its_sharing(db):
    world = build_world()
    Pulse.objects.update(comment_shared=True)
    anonymise_person(person=world.mentee.person, by=None)
    assert sorted(Pulse.objects.values_list("comment", "comment_shared")) == [
        ("", False),
        ("PULSE-MENTOR", True),
    ]


def test_confirm_keeps_aggregates_and_the_partners_records(db):
    world = build_world()
    anonymise_person(person=world.mentee.person, by=None)
    assert list(PrivateNote.objects.values_list("text", flat=True)) == ["MENTOR-PRIVATE secret"]
    pulses = dict(Pulse.objects.values_list("comment", "usefulness"))
    assert pulses == {"": 5, "PULSE-MENTOR": 3}
    check_in = CheckIn.objects.get()
    assert (check_in.progress, check_in.highlight, check_in.improve) == (4, "", "")
    session = MentoringSession.objects.get()
    assert (session.status, session.duration_minutes, session.shared_notes) == ("held", 45, "")
    assert (session.location, session.meeting_url) == ("", "")
    titles = set(Objective.objects.values_list("title", flat=True))
    assert "MENTOR-OBJECTIVE pedagogy" in titles
    assert not any("LinkedIn" in t for t in titles)
    assert set(Concern.objects.values_list("text", flat=True)) == {
        "",
        "MENTOR-CONCERN about Zephyrine",
    }
    world.pair.refresh_from_db()
    assert world.pair.status == "active"
    assert world.pair.mentee.assessments.get().items.get().level == 1


def test_anonymise_person_twice_is_harmless(db):
    world = build_world()
    first = anonymise_person(person=world.mentee.person, by=None)
    assert anonymise_person(person=world.mentee.person, by=None) == first


def test_erased_person_is_in_no_table(manager):
    """Every text, e-mail and JSON column of every model: the name and address are gone
    (the other member's texts that mention them are theirs, and were written about a pair)."""
    world = scrubbable_world(manager)
    anonymise_person(person=world.mentee.person, by=manager)
    kept_on_purpose = {("mentoring", "concern", "text")}  # the mentor's own concern
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                continue
            if field.model._meta.db_table == "django_session":
                continue
            key = (model._meta.app_label, model._meta.model_name, field.name)
            for needle in (LAST, EMAIL, EMPLOYEE_ID):
                hits = model._default_manager.filter(**{f"{field.name}__icontains": needle})
                if key in kept_on_purpose and needle == FIRST:
                    continue
                assert not hits.exists(), f"{needle} still in {key}"
    batch = ImportBatch.objects.get()
    assert batch.rows[1]["last_name"] == "Other"
    assert batch.plan[0]["action"] == "create"


def test_erased_user_cannot_sign_in(db):
    world = build_world()
    anonymise_person(person=world.mentee.person, by=None)
    response = log_in_through_form(client_for(None), email=EMAIL, password=PASSWORD)
    assert response.status_code != 302
