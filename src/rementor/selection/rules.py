"""Who may do what in mentor selection (django-rules predicates, shared with the API)."""

from __future__ import annotations

import rules

from rementor.core.rules import is_programme_manager, is_signed_in
from rementor.programmes.models import MentorApplications, ProgrammeStatus, Role


@rules.predicate
def is_employee(user) -> bool:
    return bool(user.is_authenticated and user.person_id is not None)


@rules.predicate
def is_recruiting(user, programme) -> bool:
    return programme is not None and programme.status == ProgrammeStatus.RECRUITING


@rules.predicate
def is_mentor_in(user, programme) -> bool:
    if programme is None or not user.is_authenticated or user.person_id is None:
        return False
    return programme.enrollments.filter(person_id=user.person_id, role=Role.MENTOR).exists()


@rules.predicate
def is_mentee_in(user, programme) -> bool:
    if programme is None or not user.is_authenticated or user.person_id is None:
        return False
    return programme.enrollments.filter(person_id=user.person_id, role=Role.MENTEE).exists()


@rules.predicate
def is_open_to_all(user, programme) -> bool:
    return programme is not None and programme.mentor_applications == MentorApplications.OPEN


@rules.predicate
def knows_programme(user, programme) -> bool:
    return user.has_perm("programmes.know_programme", programme)


# A participant's own application: open to any employee while a programme with an open call
# recruits, and always to those invited as mentors or who applied (to apply, or read the
# decision). Never to its mentees.
rules.add_perm(
    "selection.apply",
    is_signed_in & is_employee & ~is_mentee_in & ((is_recruiting & is_open_to_all) | is_mentor_in),
)
# Knowing the programme exists: a recruiting programme is open to every employee.
rules.add_perm(
    "selection.know_programme",
    knows_programme | (is_signed_in & is_employee & is_recruiting),
)
rules.add_perm("selection.manage_candidates", is_programme_manager)
