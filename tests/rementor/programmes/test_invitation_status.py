"""Invitations follow the programme's status: a draft opens recruiting only when the manager
confirms, running and closed programmes refuse, and every e-mailed link leads to a page where
the person can act."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from rementor.programmes.invitations import invite_people
from rementor.programmes.models import (
    Enrollment,
    MentorApplications,
    ProgrammeStatus,
    ProgrammeStatusChange,
    Role,
)
from tests.factories import PersonFactory, UserFactory, client_for

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _invite_page(manager, programme, **data):
    return client_for(manager).post(
        reverse("programmes:invite", args=[programme.slug]),
        {"role": "mentee", "people_list": "invitee@example.org", **data},
    )


@pytest.mark.django_db
def test_draft_invite_page_explains_what_confirming_does(manager, programme):
    body = client_for(manager).get(reverse("programmes:invite", args=[programme.slug]))
    body = body.content.decode()
    assert 'data-testid="draft-confirmation"' in body and "brouillon" in body
    english = client_for(manager).get(reverse("programmes:invite", args=[programme.slug]), **EN)
    assert "Open recruiting now, and send the invitations" in english.content.decode()


@pytest.mark.django_db
def test_draft_invite_without_confirmation_is_refused_and_sends_nothing(manager, programme):
    PersonFactory(email="invitee@example.org")
    response = _invite_page(manager, programme)
    assert response.status_code == 200
    assert "brouillon" in response.content.decode()
    assert "invitee@example.org" in response.content.decode()  # the typed list is kept
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.DRAFT
    assert not Enrollment.objects.filter(programme=programme).exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_confirmed_draft_invite_opens_recruiting_then_invites(manager, programme):
    PersonFactory(email="invitee@example.org")
    response = _invite_page(manager, programme, open_recruiting="on")
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.RECRUITING
    change = ProgrammeStatusChange.objects.get(programme=programme)
    assert (change.from_status, change.to_status, change.changed_by) == (
        "draft",
        "recruiting",
        manager,
    )
    assert Enrollment.objects.get(programme=programme).status == "invited"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("status", [ProgrammeStatus.CLOSED, ProgrammeStatus.RUNNING])
@pytest.mark.django_db
def test_closed_and_running_programmes_refuse_invitations(manager, programme, status):
    programme.status = status
    programme.save()
    PersonFactory(email="invitee@example.org")
    page = client_for(manager).get(reverse("programmes:invite", args=[programme.slug]))
    assert 'data-testid="invite-refused"' in page.content.decode()
    response = _invite_page(manager, programme, open_recruiting="on")
    assert response.status_code == 200
    assert not Enrollment.objects.filter(programme=programme).exists()
    with pytest.raises(ValidationError):
        invite_people(
            programme=programme, people=[PersonFactory()], role="mentee", by=manager, base_url=""
        )


@pytest.mark.django_db
def test_mentors_are_not_invited_while_pairs_are_formed(manager, programme):
    programme.status = ProgrammeStatus.MATCHING
    programme.save()
    with pytest.raises(ValidationError, match=r"Recruiting|Recrutement"):
        invite_people(
            programme=programme, people=[PersonFactory()], role="mentor", by=manager, base_url=""
        )
    report = invite_people(
        programme=programme, people=[PersonFactory()], role="mentee", by=manager, base_url=""
    )
    assert len(report.invited) == 1


def _link(message) -> str:
    return re.search(r"https://rementor\.example\.com(\S+)", message.body).group(1)


@pytest.mark.django_db(transaction=True)
def test_invited_mentor_link_leads_to_a_page_where_they_can_apply(manager, programme):
    programme.status = ProgrammeStatus.RECRUITING
    programme.mentor_applications = MentorApplications.INVITED
    programme.save()
    user = UserFactory(email="junior@example.org")  # has a password: the link goes straight
    invite_people(
        programme=programme,
        people=[user.person],
        role=Role.MENTOR,
        by=manager,
        base_url="https://rementor.example.com",
    )
    link = _link(mail.outbox[0])
    response = client_for(user).get(link)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<textarea" in body and "Retirer ma candidature" not in body


@pytest.mark.django_db(transaction=True)
def test_new_mentor_follows_the_join_link_to_the_application(manager, programme):
    programme.status = ProgrammeStatus.RECRUITING
    programme.save()
    person = PersonFactory(email="new@example.org")
    invite_people(
        programme=programme,
        people=[person],
        role=Role.MENTOR,
        by=manager,
        base_url="https://rementor.example.com",
    )
    link = _link(mail.outbox[0])
    client = client_for(None)
    response = client.post(
        link, {"new_password1": "Un-mot-de-passe-42!", "new_password2": "Un-mot-de-passe-42!"}
    )
    assert response.status_code == 302
    assert response.url == reverse("selection:apply", args=[programme.slug])
    assert "<textarea" in client.get(response.url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_invited_mentee_link_leads_to_their_needs(manager, programme):
    programme.status = ProgrammeStatus.RECRUITING
    programme.save()
    user = UserFactory(email="senior@example.org")
    invite_people(
        programme=programme,
        people=[user.person],
        role=Role.MENTEE,
        by=manager,
        base_url="https://rementor.example.com",
    )
    body = client_for(user).get(_link(mail.outbox[0])).content.decode()
    assert reverse("programmes:my_needs", args=[programme.slug]) in body
    assert "Retirer ma candidature" not in body
