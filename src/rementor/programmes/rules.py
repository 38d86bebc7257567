from __future__ import annotations

import rules

from rementor.core.rules import is_programme_manager, is_signed_in, is_sponsor


@rules.predicate
def is_enrolled_in(user, programme) -> bool:
    if programme is None or not user.is_authenticated or user.person_id is None:
        return False
    return programme.enrollments.filter(person_id=user.person_id).exists()


rules.add_perm("programmes.list_programmes", is_programme_manager)
rules.add_perm("programmes.add_programme", is_programme_manager)
rules.add_perm("programmes.change_programme", is_programme_manager)
rules.add_perm("programmes.view_programme", is_programme_manager | (is_signed_in & is_enrolled_in))
# Knowing a programme exists (403 rather than 404 when the page itself is out of reach).
rules.add_perm("programmes.know_programme", is_programme_manager | is_sponsor | is_enrolled_in)


@rules.predicate
def is_active_mentee_of(user, programme) -> bool:
    if programme is None or not user.is_authenticated or user.person_id is None:
        return False
    return programme.enrollments.filter(
        person_id=user.person_id,
        role="mentee",
        status__in=["invited", "accepted", "completed"],
    ).exists()


rules.add_perm("programmes.invite_people", is_programme_manager)
# The mentee's own needs: self-assessment and preferences.
rules.add_perm("programmes.assess_needs", is_signed_in & is_active_mentee_of)
