import pytest
from django.urls import reverse

from rementor.people.models import Person
from tests.factories import UserFactory, client_for

pytestmark = pytest.mark.django_db


def test_password_reset_sends_nothing_to_a_person_who_left(mailoutbox):
    # Even with the account row still active: a new password must not let them back in.
    gone = UserFactory(email="gone@example.org")
    Person.objects.filter(pk=gone.person_id).update(is_active=False)
    staying = UserFactory(email="here@example.org")

    client_for(None).post(reverse("password_reset"), {"email": gone.email})
    client_for(None).post(reverse("password_reset"), {"email": staying.email})

    assert [m.to for m in mailoutbox] == [[staying.email]]
