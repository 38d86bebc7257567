from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from rementor.people.models import Person
from rementor.programmes.models import EnrollmentStatus
from rementor.selection.models import MentorApplication
from tests.factories import UserFactory, client_for
from tests.rementor.selection.factories import RecruitingProgrammeFactory, candidate


@pytest.fixture
def recruiting(db):
    # Dates stated: the approval e-mail shows them, French-formatted.
    return RecruitingProgrammeFactory(
        name="Pilote numérique",
        slug="pilote-num",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 3, 31),
    )


def _decide(client, application, programme, **data):
    url = reverse("selection:decide", args=[programme.slug, application.pk])
    return client.post(url, data)


def _subject(language, programme, status):
    with translation.override(language):
        return gettext("%(programme)s — your mentor application: %(decision)s") % {
            "programme": programme.name,
            "decision": status,
        }


@pytest.mark.django_db
def test_approval_emails_a_french_candidate_in_french(
    recruiting, manager, django_capture_on_commit_callbacks
):
    user = UserFactory(language="fr", person__first_name="Inès")
    application = candidate(recruiting, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client_for(manager), application, recruiting, decision="accepted")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.enrollment.status == EnrollmentStatus.ACCEPTED
    assert (application.decided_by, application.decided_at is not None) == (manager, True)
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert "Accepté" in message.subject and "Pilote numérique" in message.subject
    assert message.subject == _subject("fr", recruiting, "Accepté")
    assert "Inès" in message.body
    assert "1er septembre 2026" in message.body  # the programme's dates, French-formatted
    assert "/selection/pilote-num/apply/" in message.body


@pytest.mark.django_db
def test_a_decision_on_someone_who_left_is_recorded_but_not_emailed(
    recruiting, manager, django_capture_on_commit_callbacks
):
    user = UserFactory()
    application = candidate(recruiting, user=user)
    Person.objects.filter(pk=user.person_id).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client_for(manager), application, recruiting, decision="declined", reason="Left.")
    application.refresh_from_db()
    assert application.enrollment.status == EnrollmentStatus.DECLINED
    assert mail.outbox == []


@pytest.mark.django_db
def test_decline_emails_an_english_candidate_in_english_with_the_reason(
    recruiting, manager, django_capture_on_commit_callbacks
):
    user = UserFactory(language="en")
    application = candidate(recruiting, user=user)
    client = client_for(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client, application, recruiting, decision="declined", reason="")
    assert response.status_code == 200 and not mail.outbox  # a reason is required
    assert 'id="id_reason_error"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, application, recruiting, decision="declined", reason="Not enough time.")
    (message,) = mail.outbox
    assert message.subject == "Pilote numérique — your mentor application: Declined"
    assert message.body.startswith("Hello ")
    assert "Not enough time." in message.body
    assert "not retained this time" in message.body


@pytest.mark.django_db
def test_a_changed_decision_sends_a_new_email(
    recruiting, manager, django_capture_on_commit_callbacks
):
    user = UserFactory(language="en")
    application = candidate(recruiting, user=user)
    client = client_for(manager)
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, application, recruiting, decision="declined", reason="Full.")
        _decide(client, application, recruiting, decision="accepted")
    assert [m.subject.rsplit(" ", 1)[-1] for m in mail.outbox] == ["Declined", "Accepted"]
    application = MentorApplication.objects.get()
    assert application.enrollment.status == EnrollmentStatus.ACCEPTED
    assert application.decisions.count() == 2


@pytest.mark.django_db
def test_candidate_sees_the_decision_on_their_page(recruiting, manager):
    user = UserFactory(language="en")
    candidate(recruiting, user=user, status=EnrollmentStatus.ACCEPTED, motivation="Transmettre.")
    response = client_for(user).get(reverse("selection:apply", args=[recruiting.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Transmettre." in body and "<textarea" not in body
    assert 'action="/selection/pilote-num/withdraw/"' in body
