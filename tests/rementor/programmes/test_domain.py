"""A programme's life (``programmes.domain``): created with a unique slug, moved through its
statuses one legal step at a time, one enrolment per person."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from rementor.programmes.domain import (
    change_programme_status,
    create_programme,
    enroll,
    update_programme,
)
from rementor.programmes.models import Enrollment, Programme, ProgrammeStatus, Role
from rementor.skills.models import Skill
from tests.factories import PersonFactory, ProgrammeFactory


@pytest.mark.django_db
def test_programme_moves_through_the_whole_workflow(manager):
    programme = ProgrammeFactory()
    for status in ["recruiting", "matching", "running", "closed"]:
        # The factory's programme ends in four months: closing now is closing early.
        change_programme_status(programme=programme, to=status, by=manager, close_early=True)
        programme.refresh_from_db()
        assert programme.status == status
    assert [c.to_status for c in programme.history.order_by("changed_at", "pk")] == [
        "recruiting",
        "matching",
        "running",
        "closed",
    ]


@pytest.mark.django_db
def test_illegal_transition_refused_with_the_legal_ones_named(manager):
    programme = ProgrammeFactory()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        change_programme_status(programme=programme, to=ProgrammeStatus.RUNNING, by=manager)
    message = error.value.messages[0]
    assert "Draft" in message and "Running" in message and "Recruiting" in message
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.DRAFT
    assert not programme.history.exists()


@pytest.mark.django_db
def test_illegal_transition_message_in_french(manager):
    programme = ProgrammeFactory()
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        change_programme_status(programme=programme, to=ProgrammeStatus.CLOSED, by=manager)
    assert "Brouillon" in error.value.messages[0] and "Clôturé" in error.value.messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize("to", ["draft", "recruiting", "matching"])
def test_closed_programme_can_only_go_back_to_running(manager, to):
    programme = ProgrammeFactory(status=ProgrammeStatus.CLOSED)
    with pytest.raises(ValidationError):
        change_programme_status(programme=programme, to=to, by=manager)


@pytest.mark.django_db
def test_unknown_status_refused(manager):
    with pytest.raises(ValidationError):
        change_programme_status(programme=ProgrammeFactory(), to="paused", by=manager)


@pytest.mark.django_db
def test_create_programme_makes_a_unique_slug_and_uses_every_active_skill(manager):
    kwargs = {
        "start_date": "2026-09-01",
        "end_date": "2027-03-31",
        "languages": ["fr"],
    }
    first = create_programme(by=manager, name="Programme pilote", **kwargs)
    second = create_programme(by=manager, name="Programme pilote", **kwargs)
    assert (first.slug, second.slug) == ("programme-pilote", "programme-pilote-2")
    assert first.status == ProgrammeStatus.DRAFT
    assert first.skills.count() == Skill.objects.filter(is_active=True).count() == 20


@pytest.mark.django_db
def test_programme_cannot_end_before_it_starts(manager):
    with pytest.raises(ValidationError) as error:
        create_programme(by=manager, name="X", start_date="2026-09-01", end_date="2026-08-01")
    assert "end_date" in error.value.message_dict


@pytest.mark.django_db
def test_one_enrollment_per_person_and_programme():
    programme, person = ProgrammeFactory(), PersonFactory()
    enroll(programme=programme, person=person, role=Role.MENTEE)
    enroll(programme=programme, person=person, role=Role.MENTOR, status="applied")
    enrollment = Enrollment.objects.get(programme=programme, person=person)
    assert (enrollment.role, enrollment.status) == ("mentor", "applied")


@pytest.mark.django_db
def test_settings_saved_from_a_stale_copy_keep_a_status_changed_meanwhile(manager):
    """Two managers: one opens the settings, the other opens recruitment; the first one's
    save changes the settings and leaves the programme recruiting."""
    programme = ProgrammeFactory()
    stale = Programme.objects.get(pk=programme.pk)
    change_programme_status(programme=programme, to=ProgrammeStatus.RECRUITING, by=manager)
    update_programme(programme=stale, by=manager, name="Renamed while recruiting")
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.RECRUITING
    assert programme.name == "Renamed while recruiting"


@pytest.mark.django_db
def test_settings_cannot_move_the_status(manager):
    programme = ProgrammeFactory()
    update_programme(programme=programme, by=manager, status=ProgrammeStatus.CLOSED, name="X")
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.DRAFT
    assert programme.name == "X"
