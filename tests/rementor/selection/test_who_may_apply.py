"""Who may apply to mentor: an open call or invited people only, never a programme's mentees;
and only someone who applied is offered to withdraw an application."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rementor.programmes.models import EnrollmentStatus, MentorApplications, Role
from rementor.selection import domain
from rementor.selection.queries import open_programmes_for
from tests.factories import EnrollmentFactory, UserFactory, client_for
from tests.rementor.selection.factories import candidate, recruiting_with_one_skill

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def invited_only(programme):
    return recruiting_with_one_skill(programme, call=MentorApplications.INVITED)


@pytest.fixture
def open_call(programme):
    return recruiting_with_one_skill(programme, call=MentorApplications.OPEN)


def _home(user, **headers) -> str:
    return client_for(user).get(reverse("home"), **headers).content.decode()


@pytest.mark.django_db
def test_new_programmes_are_invitation_only():
    from rementor.programmes.domain import create_programme

    programme = create_programme(
        by=None, name="Nouveau", start_date="2027-01-10", end_date="2027-06-10"
    )
    assert programme.mentor_applications == MentorApplications.INVITED


@pytest.mark.django_db
def test_open_call_shows_become_a_mentor_to_any_employee(open_call):
    user = UserFactory()
    assert list(open_programmes_for(user)) == [open_call]
    assert "Devenir mentor" in _home(user)
    assert (
        client_for(user).get(reverse("selection:apply", args=[open_call.slug])).status_code == 200
    )


@pytest.mark.django_db
def test_invitation_only_call_is_hidden_and_refused_with_the_reason(invited_only):
    user = UserFactory()
    assert list(open_programmes_for(user)) == []
    assert "Devenir mentor" not in _home(user)
    response = client_for(user).get(reverse("selection:apply", args=[invited_only.slug]))
    body = response.content.decode()
    assert response.status_code == 403
    assert 'data-testid="cannot-apply"' in body
    assert "sur invitation" in body and invited_only.name in body
    english = client_for(user).get(reverse("selection:apply", args=[invited_only.slug]), **EN)
    assert "open to invited people only" in english.content.decode()


@pytest.mark.django_db
def test_uninvited_employee_cannot_apply_through_the_domain_either(invited_only):
    user = UserFactory()
    with pytest.raises(ValidationError):
        domain.submit_application(
            programme=invited_only,
            person=user.person,
            motivation="Moi",
            commitment=1,
            capacity=1,
            items=[],
            preferences={"languages": ["fr"]},
        )


@pytest.mark.parametrize("call", [MentorApplications.OPEN, MentorApplications.INVITED])
@pytest.mark.django_db
def test_a_mentee_never_sees_become_a_mentor(programme, pair_member, call):
    recruiting_with_one_skill(programme, call=call)
    assert list(open_programmes_for(pair_member)) == []
    assert "Devenir mentor" not in _home(pair_member)
    response = client_for(pair_member).get(reverse("selection:apply", args=[programme.slug]))
    assert response.status_code == 403
    assert "en tant que mentoré" in response.content.decode()


@pytest.mark.django_db
def test_invited_mentor_sees_and_uses_an_invitation_only_call(invited_only):
    user = UserFactory()
    EnrollmentFactory(
        programme=invited_only, person=user.person, role=Role.MENTOR, status="invited"
    )
    assert [p.my_status for p in open_programmes_for(user)] == ["invited"]
    assert "Postuler en tant que mentor" in _home(user)
    response = client_for(user).get(reverse("selection:apply", args=[invited_only.slug]))
    assert response.status_code == 200 and "<textarea" in response.content.decode()


@pytest.mark.django_db
def test_invited_mentor_is_listed_even_when_the_programme_has_mentees(open_call, pair_member):
    # One exclude() over the enrolments used to drop a mentor as soon as anyone was a mentee.
    user = UserFactory()
    EnrollmentFactory(programme=open_call, person=user.person, role=Role.MENTOR, status="invited")
    assert list(open_programmes_for(user)) == [open_call]


@pytest.mark.django_db
def test_invited_mentor_may_decline_but_is_never_offered_to_withdraw(invited_only):
    user = UserFactory()
    EnrollmentFactory(
        programme=invited_only, person=user.person, role=Role.MENTOR, status="invited"
    )
    client = client_for(user)
    url = reverse("selection:apply", args=[invited_only.slug])
    body = client.get(url).content.decode()
    assert "Retirer ma candidature" not in body
    assert "Décliner l’invitation" in body
    assert "Withdraw my application" not in client.get(url, **EN).content.decode()
    participant = client.get(reverse("programmes:detail", args=[invited_only.slug]))
    assert "Retirer ma candidature" not in participant.content.decode()
    response = client.post(reverse("selection:withdraw", args=[invited_only.slug]), follow=True)
    assert "Vous avez décliné l’invitation" in response.content.decode()
    assert user.person.enrollments.get().status == EnrollmentStatus.WITHDRAWN


@pytest.mark.django_db
def test_invited_mentor_in_a_closed_call_sees_no_withdraw_button(programme):
    user = UserFactory()
    EnrollmentFactory(programme=programme, person=user.person, role=Role.MENTOR, status="invited")
    body = client_for(user).get(reverse("selection:apply", args=[programme.slug])).content
    assert "Retirer ma candidature" not in body.decode()


@pytest.mark.django_db
def test_applicant_may_withdraw(open_call):
    user = UserFactory()
    candidate(open_call, user=user)
    body = client_for(user).get(reverse("selection:apply", args=[open_call.slug])).content
    assert "Retirer ma candidature" in body.decode()
