import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from rementor.people.models import Person, User
from tests.factories import PASSWORD, PersonFactory, UserFactory, client_for, log_in_through_form


@pytest.mark.django_db
def test_user_email_unique_ignoring_case():
    UserFactory(email="anne.martin@example.org")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="  Anne.Martin@EXAMPLE.org ", password="x-y-z-12345")


@pytest.mark.django_db
def test_user_email_stored_lower_case_and_login_ignores_case():
    user = User.objects.create_user(email="Paul.Durand@Example.org", password=PASSWORD)
    assert user.email == "paul.durand@example.org"
    client = client_for(None)
    response = log_in_through_form(client, email=" PAUL.durand@example.ORG", password=PASSWORD)
    assert response.status_code == 302
    assert client.get("/").context["user"] == user


@pytest.mark.django_db
def test_person_email_unique_ignoring_case():
    PersonFactory(email="claire@example.org")
    with pytest.raises(IntegrityError):
        PersonFactory(email="Claire@Example.org")


def test_person_has_no_birth_date_or_age_field():
    names = {f.name for f in Person._meta.get_fields()} | {f.name for f in User._meta.get_fields()}
    assert not {n for n in names if "birth" in n or n in {"age", "dob", "gender", "salary"}}


@pytest.mark.django_db
def test_unknown_time_zone_and_language_are_refused():
    person = PersonFactory.build(time_zone="Mars/Olympus", languages=["fr", "xx"])
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert {"time_zone", "languages"} <= set(error.value.message_dict)
