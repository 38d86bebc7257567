"""Inviting people to a programme (``programmes.invitations``): whom a pasted list names,
who gets an account, an enrolment and a personal link, and who is left out."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from rementor.audit.events import Departure
from rementor.people.domain import deactivate_person
from rementor.people.models import User
from rementor.programmes.invitations import invite_people, resolve_people_list
from rementor.programmes.models import Enrollment, EnrollmentStatus, ProgrammeStatus, Role
from tests.factories import EnrollmentFactory, PersonFactory, UserFactory


@pytest.fixture
def programme(programme):
    """The shared programme, recruiting: invitations lead to pages that are open (inviting
    into a draft or a closed programme is tested apart)."""
    programme.status = ProgrammeStatus.RECRUITING
    programme.save()
    return programme


@pytest.mark.django_db
def test_resolve_list_by_email_and_id_keeps_unknown_entries_in_order():
    anne = PersonFactory(email="anne@example.org", employee_id="000123")
    bob = PersonFactory(email="bob@example.org")
    people, unknown = resolve_people_list(
        "  ANNE@example.org \n000123; bob@example.org,\u200bnobody@example.org\n\n 999"
    )
    assert people == [anne, bob]
    assert unknown == ["nobody@example.org", "999"]


@pytest.mark.django_db(transaction=True)
def test_invite_creates_account_enrolment_and_sends_a_personal_link(manager, programme):
    person = PersonFactory(email="senior@example.org", first_name="Martine")
    report = invite_people(
        programme=programme,
        people=[person],
        role=Role.MENTEE,
        by=manager,
        base_url="https://rementor.example.com",
    )
    assert report.invited == [person]
    enrollment = Enrollment.objects.get(programme=programme, person=person)
    assert (enrollment.role, enrollment.status, enrollment.invited_by) == (
        "mentee",
        "invited",
        manager,
    )
    user = User.objects.get(email="senior@example.org")
    assert user.person == person and not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["senior@example.org"]
    assert programme.name in message.subject
    assert "Bonjour Martine" in message.body
    assert "https://rementor.example.com/join/" in message.body


@pytest.mark.django_db(transaction=True)
def test_invite_in_english_for_an_english_speaking_user(manager, programme):
    user = UserFactory(email="cfo@example.org", language="en")
    invite_people(
        programme=programme, people=[user.person], role=Role.MENTEE, by=manager, base_url="http://x"
    )
    assert "You are invited" in mail.outbox[0].body
    # An account that already has a password gets a link to the programme, not a join link.
    assert f"/programmes/{programme.slug}/" in mail.outbox[0].body


@pytest.mark.django_db
def test_invite_leaves_existing_enrolments_and_reports_people_without_email(manager, programme):
    mentor = EnrollmentFactory(programme=programme, role=Role.MENTOR).person
    mentee = EnrollmentFactory(
        programme=programme, role=Role.MENTEE, status=EnrollmentStatus.ACCEPTED
    ).person
    no_email = PersonFactory(email=None)
    report = invite_people(
        programme=programme,
        people=[mentor, mentee, no_email],
        role=Role.MENTEE,
        by=manager,
        base_url="",
    )
    assert report.other_role == [mentor]
    assert report.already_enrolled == [mentee]
    assert report.without_email == [no_email]
    assert Enrollment.objects.get(person=mentee).status == EnrollmentStatus.ACCEPTED
    assert not Enrollment.objects.filter(person=no_email).exists()


@pytest.mark.django_db(transaction=True)
def test_invite_skips_people_who_left_the_company(manager, programme):
    here = PersonFactory(email="here@example.org")
    gone = PersonFactory(email="gone@example.org")
    deactivate_person(person=gone, by=manager, reason=Departure.DIRECTORY)
    report = invite_people(
        programme=programme, people=[here, gone], role=Role.MENTEE, by=manager, base_url=""
    )
    assert report.invited == [here] and report.left_company == [gone]
    assert not Enrollment.objects.filter(person=gone).exists()
    assert [m.to for m in mail.outbox] == [["here@example.org"]]
    # Nor can they be named in a pasted list.
    assert resolve_people_list("gone@example.org") == ([], ["gone@example.org"])


@pytest.mark.django_db
def test_closed_programme_refuses_invitations(manager, programme):
    programme.status = ProgrammeStatus.CLOSED
    programme.save()
    with pytest.raises(ValidationError, match="clôturé"):
        invite_people(
            programme=programme, people=[PersonFactory()], role="mentee", by=manager, base_url=""
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("spoken", "language", "subject_word"),
    [
        (["en"], "en", "invited"),
        (["de", "en-GB"], "en", "invited"),
        (["fr", "en"], "fr", "invité"),
        (["de"], "fr", "invité"),
        ([], "fr", "invité"),
    ],
)
def test_a_new_account_starts_in_a_language_the_person_speaks(
    manager, programme, spoken, language, subject_word
):
    """The HRIS says which languages someone speaks: an English-only colleague's invitation
    (and the pages after it) is in English, not in the site's default French."""
    person = PersonFactory(email="newcomer@example.org", languages=spoken)
    invite_people(
        programme=programme, people=[person], role=Role.MENTEE, by=manager, base_url="http://x"
    )
    assert User.objects.get(email="newcomer@example.org").language == language
    (message,) = mail.outbox
    assert subject_word in message.subject.lower() + message.body.lower()


@pytest.mark.django_db(transaction=True)
def test_an_existing_account_keeps_the_language_its_owner_chose(manager, programme):
    user = UserFactory(email="chosen@example.org", language="fr")
    user.person.languages = ["en"]
    user.person.save()
    invite_people(
        programme=programme, people=[user.person], role=Role.MENTEE, by=manager, base_url=""
    )
    user.refresh_from_db()
    assert user.language == "fr"
