"""Confidential concerns' domain: who may raise them, who is told."""

import pytest
from django.core.exceptions import PermissionDenied

from rementor.mentoring import concerns as domain
from rementor.people.models import Person
from tests.factories import UserFactory
from tests.rementor.mentoring.factories import make_pair

SECRET = "My mentor keeps cancelling at the last minute"


@pytest.mark.django_db
def test_raise_concern_by_a_manager_or_stranger_is_refused(manager):
    pair, _, _ = make_pair()
    for user in (manager, UserFactory()):
        with pytest.raises(PermissionDenied):
            domain.raise_concern(pair=pair, by=user, text=SECRET)


@pytest.mark.django_db
def test_raise_concern_after_the_pair_ended_is_allowed():
    pair, _, mentor_user = make_pair()
    pair.status = "ended"
    pair.save(update_fields=["status"])
    assert domain.raise_concern(pair=pair, by=mentor_user, text=SECRET).pk


@pytest.mark.django_db
def test_a_programme_manager_who_left_is_not_told_of_concerns(manager):
    gone = UserFactory(is_programme_manager=True)
    # Their record says they left; their account is still open (defence in depth).
    Person.objects.filter(pk=gone.person_id).update(is_active=False)
    assert list(domain.programme_managers()) == [manager]
