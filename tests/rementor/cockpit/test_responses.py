"""Who has answered (``cockpit.responses`` and its page): the counts of each section, and
reminders sent once a day, only to those who have not answered, in their language."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rementor.audit.events import Event
from rementor.cockpit import responses
from rementor.mentoring.models import ReminderLog, ReminderOptOut
from rementor.programmes.models import ProgrammeStatus, Role
from rementor.skills.models import Assessment, AssessmentKind
from rementor.training.domain import install_default_modules
from tests.factories import EnrollmentFactory, UserFactory, client_for

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _mentee(programme, *, given: bool, status="invited", language="fr"):
    user = UserFactory(language=language)
    enrollment = EnrollmentFactory(
        programme=programme, person=user.person, role=Role.MENTEE, status=status
    )
    if given:
        Assessment.objects.create(
            enrollment=enrollment, kind=AssessmentKind.BASELINE, submitted_at=timezone.now()
        )
    return user


@pytest.fixture
def recruiting(programme):
    programme.status = ProgrammeStatus.RECRUITING
    programme.save()
    return programme


@pytest.fixture
def mentees(recruiting):
    """One mentee who gave their needs, two who have not (one reads English)."""
    return {
        "given": _mentee(recruiting, given=True, status="accepted"),
        "waiting": _mentee(recruiting, given=False),
        "english": _mentee(recruiting, given=False, language="en"),
    }


def _remind(manager, programme, section, **headers):
    return client_for(manager).post(
        reverse("cockpit:responses_remind", args=[programme.slug]),
        {"section": section},
        follow=True,
        **headers,
    )


@pytest.mark.django_db
def test_needs_section_counts_those_who_gave_them(recruiting, mentees):
    section = responses.section_of(programme=recruiting, key=responses.NEEDS)
    assert (section.answered, section.total) == (1, 3)
    assert {e.person.user for e in section.waiting} == {mentees["waiting"], mentees["english"]}
    # Those who have not answered come first.
    assert [r.answered for r in section.rows] == [False, False, True]


@pytest.mark.django_db
def test_page_shows_the_counts_in_french_and_english(recruiting, mentees, manager):
    url = reverse("cockpit:responses", args=[recruiting.slug])
    french = client_for(manager).get(url).content.decode()
    assert "1 sur 3 mentorés ont donné leurs besoins." in french
    assert 'id="needs"' in french and 'id="applications"' in french and 'id="training"' in french
    assert "2 personnes recevront un e-mail de relance." in french
    english = client_for(manager).get(url, **EN).content.decode()
    assert "1 of 3 mentees have given their needs." in english
    assert "2 people will receive a reminder e-mail." in english


@pytest.mark.django_db
def test_needs_reminder_goes_once_a_day_to_those_who_have_not_answered(
    recruiting, mentees, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _remind(manager, recruiting, "needs")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [mentees["waiting"].email, mentees["english"].email]
    )
    assert "2 personnes relancées par e-mail." in first.content.decode()
    english = next(m for m in mail.outbox if m.to == [mentees["english"].email])
    french = next(m for m in mail.outbox if m.to == [mentees["waiting"].email])
    assert english.subject.startswith("Reminder:") and "not received your needs" in english.body
    assert french.subject.startswith("Relance") and "besoins" in french.body
    # The link works: it leads to the participant's page, where needs are given.
    assert reverse("programmes:detail", args=[recruiting.slug]) in french.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = _remind(manager, recruiting, "needs", **EN)
    body = second.content.decode()
    assert mail.outbox == []
    assert "0 people reminded by e-mail." in body
    assert "2 people already reminded today: not e-mailed again." in body

    events = LogEntry.objects.filter(additional_data__event=Event.REMINDERS_SENT)
    counts = sorted((e.additional_data["sent"], e.additional_data["already_today"]) for e in events)
    assert counts == [(0, 2), (2, 0)]
    assert all(e.actor == manager and e.additional_data["section"] == "needs" for e in events)


@pytest.mark.django_db
def test_reminders_go_again_the_next_day(recruiting, mentees, manager):
    today = timezone.localdate()
    first = responses.send_reminders(
        programme=recruiting, key="needs", by=manager, base_url="", today=today
    )
    again = responses.send_reminders(
        programme=recruiting, key="needs", by=manager, base_url="", today=today
    )
    tomorrow = responses.send_reminders(
        programme=recruiting,
        key="needs",
        by=manager,
        base_url="",
        today=today + dt.timedelta(days=1),
    )
    assert (first.sent, again.sent, again.already_today, tomorrow.sent) == (2, 0, 2, 2)
    assert ReminderLog.objects.filter(kind="needs").count() == 4


@pytest.mark.django_db
def test_application_reminder_goes_only_to_invited_mentors_who_have_not_applied(
    recruiting, manager, django_capture_on_commit_callbacks
):
    from tests.rementor.selection.factories import candidate

    invited = UserFactory()
    EnrollmentFactory(
        programme=recruiting,
        person=invited.person,
        role=Role.MENTOR,
        status="invited",
        invited_at=timezone.now(),
    )
    applied = UserFactory()
    candidate(recruiting, user=applied)
    section = responses.section_of(programme=recruiting, key=responses.APPLICATIONS)
    assert (section.answered, section.total, section.uninvited) == (0, 1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        counts = responses.send_reminders(
            programme=recruiting, key="applications", by=manager, base_url="https://x.example"
        )
    assert counts.sent == 1
    assert [m.to for m in mail.outbox] == [[invited.email]]
    # Straight to the application form (the account has a password).
    assert "https://x.example" + reverse("selection:apply", args=[recruiting.slug]) in (
        mail.outbox[0].body
    )


@pytest.mark.django_db
def test_training_reminder_respects_the_opt_out_of_training_reminders(
    recruiting, manager, django_capture_on_commit_callbacks
):
    install_default_modules(programme=recruiting)
    keen = _mentee(recruiting, given=True, status="accepted")
    stopped = _mentee(recruiting, given=True, status="accepted")
    ReminderOptOut.objects.create(user=stopped, kind="training")
    with django_capture_on_commit_callbacks(execute=True):
        counts = responses.send_reminders(
            programme=recruiting, key="training", by=manager, base_url=""
        )
    assert (counts.sent, counts.opted_out) == (1, 1)
    assert [m.to for m in mail.outbox] == [[keen.email]]


@pytest.mark.django_db
def test_nobody_is_reminded_of_needs_once_pairs_run(recruiting, mentees, manager):
    recruiting.status = ProgrammeStatus.RUNNING
    recruiting.save()
    body = _remind(manager, recruiting, "needs").content.decode()
    assert "Rien n’a été envoyé." in body
    assert mail.outbox == [] and not ReminderLog.objects.exists()
    page = client_for(manager).get(reverse("cockpit:responses", args=[recruiting.slug]))
    assert 'data-testid="needs-remind"' not in page.content.decode()


@pytest.mark.django_db
def test_people_who_left_are_counted_not_emailed(recruiting, mentees, manager):
    person = mentees["waiting"].person
    person.is_active = False
    person.save()
    counts = responses.send_reminders(programme=recruiting, key="needs", by=manager, base_url="")
    assert (counts.sent, counts.unreachable) == (1, 1)


@pytest.mark.django_db
def test_participants_and_strangers_cannot_see_or_send(recruiting, mentees, pair_member, stranger):
    page = reverse("cockpit:responses", args=[recruiting.slug])
    remind = reverse("cockpit:responses_remind", args=[recruiting.slug])
    assert client_for(pair_member).get(page).status_code == 403
    assert client_for(stranger).get(page).status_code == 404
    assert client_for(pair_member).post(remind, {"section": "needs"}).status_code == 403
    assert client_for(stranger).post(remind, {"section": "needs"}).status_code == 404
    assert mail.outbox == [] and not ReminderLog.objects.exists()


@pytest.mark.django_db
def test_an_unknown_section_sends_nothing(recruiting, mentees, manager):
    body = _remind(manager, recruiting, "everyone").content.decode()
    assert "Choisissez qui relancer : rien n’a été envoyé." in body
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_thousand_people_are_paginated(recruiting, manager, django_assert_max_num_queries):
    for _ in range(60):
        _mentee(recruiting, given=False)
    url = reverse("cockpit:responses", args=[recruiting.slug])
    client = client_for(manager)
    with django_assert_max_num_queries(40):
        body = client.get(url).content.decode()
    assert "Page 1 sur 2" in body and "needs_page=2#needs" in body
    assert client.get(url + "?needs_page=2").status_code == 200


@pytest.mark.django_db
def test_programme_roster_shows_when_needs_were_given(recruiting, mentees, manager):
    body = client_for(manager).get(reverse("programmes:detail", args=[recruiting.slug]))
    body = body.content.decode()
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"donnés le {today}" in body
    assert body.count("pas encore") >= 2
    assert reverse("cockpit:responses", args=[recruiting.slug]) in body


def _crowd(programme, n):
    from tests.rementor.selection.factories import candidate

    for _ in range(n):
        _mentee(programme, given=False)
        _mentee(programme, given=True, status="accepted")
        candidate(programme, user=UserFactory())
        invited = UserFactory()
        EnrollmentFactory(
            programme=programme, person=invited.person, role=Role.MENTOR, status="invited"
        )


@pytest.mark.django_db
def test_page_queries_do_not_grow_with_the_number_of_people(recruiting, manager):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    install_default_modules(programme=recruiting)
    client = client_for(manager)
    url = reverse("cockpit:responses", args=[recruiting.slug])
    counts = []
    for n in (1, 3):
        _crowd(recruiting, n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_the_reminder_goes_to_everyone_waiting_not_one_page(
    recruiting, manager, django_capture_on_commit_callbacks
):
    from rementor.cockpit.views.responses import PAGE_SIZE

    for _ in range(PAGE_SIZE + 5):
        _mentee(recruiting, given=False)
    stopped = _mentee(recruiting, given=False)
    ReminderOptOut.objects.create(user=stopped, kind="needs")
    left = _mentee(recruiting, given=False).person
    left.is_active = False
    left.save()
    _mentee(recruiting, given=True)
    page = client_for(manager).get(reverse("cockpit:responses", args=[recruiting.slug]), **EN)
    body = page.content.decode()
    assert f"{PAGE_SIZE + 5} people will receive a reminder e-mail." in body
    assert "1 who stopped these reminders is left out." in body
    assert "1 cannot be reached by e-mail." in body
    assert f"1 of {PAGE_SIZE + 8} mentees have given their needs." in body
    with django_capture_on_commit_callbacks(execute=True):
        counts = responses.send_reminders(
            programme=recruiting, key="needs", by=manager, base_url=""
        )
    assert (counts.sent, counts.opted_out, counts.unreachable) == (PAGE_SIZE + 5, 1, 1)
    assert len(mail.outbox) == PAGE_SIZE + 5
    again = client_for(manager).get(reverse("cockpit:responses", args=[recruiting.slug]), **EN)
    assert f"{PAGE_SIZE + 5} already reminded today are left out." in again.content.decode()


@pytest.mark.django_db
def test_training_rows_name_the_modules_left(recruiting, manager):
    install_default_modules(programme=recruiting)
    _mentee(recruiting, given=True, status="accepted")
    section = responses.section_of(programme=recruiting, key=responses.TRAINING)
    (row,) = section.rows
    assert not row.answered and row.progress.missing and (section.answered, section.total) == (0, 1)
