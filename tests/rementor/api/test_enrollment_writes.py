"""POST /api/v1/enrollments/: a script follows the rules the invitation pages follow."""

from __future__ import annotations

import pytest

from rementor.programmes.models import Enrollment, ProgrammeStatus, Role
from tests.factories import EnrollmentFactory, PersonFactory, ProgrammeFactory
from tests.rementor.api.factories import token_client

pytestmark = pytest.mark.django_db


def _post(manager, programme, person, role=Role.MENTEE, **extra):
    return token_client(manager).post(
        "/api/v1/enrollments/",
        {"programme": programme.pk, "person": person.pk, "role": role, **extra},
        format="json",
        # The API answers in the client's language; the sentences below are the English ones.
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_a_recruiting_programme_takes_a_new_mentee(manager):
    programme = ProgrammeFactory(status=ProgrammeStatus.RECRUITING)
    person = PersonFactory()
    response = _post(manager, programme, person)
    assert response.status_code == 201
    assert Enrollment.objects.get(programme=programme, person=person).role == Role.MENTEE


@pytest.mark.parametrize(
    ("status", "role", "words"),
    [
        (ProgrammeStatus.CLOSED, Role.MENTEE, "closed"),
        (ProgrammeStatus.RUNNING, Role.MENTEE, "running"),
        (ProgrammeStatus.MATCHING, Role.MENTOR, "Applications are closed"),
    ],
)
def test_nobody_new_joins_where_the_pages_refuse_it(manager, status, role, words):
    programme = ProgrammeFactory(status=status)
    person = PersonFactory()
    response = _post(manager, programme, person, role=role)
    assert response.status_code == 400
    assert words in str(response.json())
    assert not Enrollment.objects.filter(programme=programme, person=person).exists()


def test_a_closed_programme_keeps_its_enrolments_as_they_were(manager):
    programme = ProgrammeFactory(status=ProgrammeStatus.CLOSED)
    enrollment = EnrollmentFactory(programme=programme, role=Role.MENTEE, status="completed")
    response = _post(manager, programme, enrollment.person, status="withdrawn")
    assert response.status_code == 400
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"


def test_a_role_cannot_change_once_pairs_are_formed(manager):
    programme = ProgrammeFactory(status=ProgrammeStatus.RUNNING)
    enrollment = EnrollmentFactory(programme=programme, role=Role.MENTEE, status="accepted")
    response = _post(manager, programme, enrollment.person, role=Role.MENTOR, status="accepted")
    assert response.status_code == 400
    assert "role can no longer change" in str(response.json())
    enrollment.refresh_from_db()
    assert enrollment.role == Role.MENTEE


def test_a_running_programme_still_records_a_participant_s_status(manager):
    programme = ProgrammeFactory(status=ProgrammeStatus.RUNNING)
    enrollment = EnrollmentFactory(programme=programme, role=Role.MENTEE, status="accepted")
    response = _post(manager, programme, enrollment.person, status="withdrawn")
    assert response.status_code == 201
    enrollment.refresh_from_db()
    assert enrollment.status == "withdrawn"


def test_someone_who_left_cannot_be_enrolled(manager):
    programme = ProgrammeFactory(status=ProgrammeStatus.RECRUITING)
    person = PersonFactory(is_active=False)
    response = _post(manager, programme, person)
    assert response.status_code == 400
    assert not Enrollment.objects.filter(person=person).exists()
