"""The invitation pages: the manager's invite page, and the join link an invited person
follows to set a password."""

import pytest
from django.core import mail
from django.urls import reverse

from rementor.people.models import User
from rementor.programmes.invitations import invite_people, join_url
from rementor.programmes.models import Enrollment, EnrollmentStatus, ProgrammeStatus
from tests.factories import DepartmentFactory, PersonFactory, client_for


@pytest.fixture
def programme(programme):
    """The shared programme, recruiting: invitations lead to pages that are open (inviting
    into a draft or a closed programme is tested apart)."""
    programme.status = ProgrammeStatus.RECRUITING
    programme.save()
    return programme


@pytest.mark.django_db
def test_invite_page_filters_and_invites_ticked_people(manager, programme):
    finance = DepartmentFactory(name="Finance")
    cfo = PersonFactory(
        first_name="Paul",
        last_name="Chiffre",
        department=finance,
        job_title="Directeur financier",
        email="paul@example.org",
    )
    PersonFactory(first_name="Zoé", last_name="Autre", job_title="Chargée de projet")
    client = client_for(manager)
    url = reverse("programmes:invite", args=[programme.slug])
    page = client.get(url, {"title": "directeur"}).content.decode()
    assert "Paul Chiffre" in page and "Zoé Autre" not in page
    response = client.post(url, {"role": "mentee", "person": [cfo.pk]})
    assert response.status_code == 302
    assert Enrollment.objects.get(person=cfo).status == EnrollmentStatus.INVITED


@pytest.mark.django_db
def test_invite_page_with_unknown_entries_invites_nobody_and_keeps_the_list(manager, programme):
    PersonFactory(email="known@example.org")
    typed = "known@example.org\ninconnu@example.org"
    response = client_for(manager).post(
        reverse("programmes:invite", args=[programme.slug]),
        {"role": "mentee", "people_list": typed},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "inconnu@example.org" in body and "known@example.org" in body
    assert (
        not Enrollment.objects.filter(programme=programme, role="mentee")
        .exclude(person__user__email="participant@example.org")
        .exists()
    )


@pytest.mark.django_db(transaction=True)
def test_join_link_sets_the_password_once_and_signs_in(manager, programme):
    person = PersonFactory(email="newbie@example.org")
    invite_people(programme=programme, people=[person], role="mentee", by=manager, base_url="")
    user = User.objects.get(email="newbie@example.org")
    link = join_url(user)
    client = client_for(None)
    response = client.post(
        link, {"new_password1": "Un-mot-de-passe-2026", "new_password2": "Un-mot-de-passe-2026"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    user.refresh_from_db()
    assert user.check_password("Un-mot-de-passe-2026")
    # The link is single use: the password change invalidates it.
    again = client_for(None).get(link).content.decode()
    assert "n’est plus valide" in again


@pytest.mark.django_db(transaction=True)
def test_password_reset_reaches_invited_people_without_a_password(manager, programme):
    person = PersonFactory(email="lost@example.org")
    invite_people(programme=programme, people=[person], role="mentee", by=manager, base_url="")
    mail.outbox.clear()
    client_for(None).post(reverse("password_reset"), {"email": "LOST@example.org"})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lost@example.org"]
