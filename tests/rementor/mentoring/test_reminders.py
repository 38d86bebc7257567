"""Reminder e-mails: who is nudged, when, and who never is."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from rementor.matching.models import Pair
from rementor.mentoring.models import MentoringSession, Pulse, ReminderOptOut, SessionStatus
from rementor.mentoring.reminders import send_reminders
from rementor.people.models import Person
from rementor.training.models import Audience, TrainingModule
from tests.factories import UserFactory
from tests.rementor.mentoring.factories import make_pair

NOW = timezone.now()


def _age(pair, days):
    Pair.objects.filter(pk=pair.pk).update(created_at=NOW - dt.timedelta(days=days))


def _session(pair, *, days_ago, status=SessionStatus.HELD, notes=""):
    return MentoringSession.objects.create(
        pair=pair,
        starts_at=NOW - dt.timedelta(days=days_ago),
        status=status,
        shared_notes=notes,
    )


@pytest.mark.django_db
def test_no_session_planned_after_14_days_nudges_the_member_who_leads_once():
    pair, _mentee_user, mentor_user = make_pair()  # mentor-led: the programme's default
    _age(pair, 20)
    session = _session(pair, days_ago=15, notes="TOP SECRET shared note")
    for member in (pair.mentee, pair.mentor):  # pulses answered: only the nudge is due
        Pulse.objects.create(session=session, author=member, usefulness=4, comfort=4)
    outcome = send_reminders(now=NOW)
    assert outcome.sent["plan_next"] == 1
    assert [m.to[0] for m in mail.outbox] == [mentor_user.email]
    body = mail.outbox[0].body
    assert f"/mentoring/pairs/{pair.pk}/" in body and "/mentoring/reminders/stop/" in body
    assert "c’est vous qui menez le binôme" in body  # the member's language
    assert "TOP SECRET" not in body
    assert send_reminders(now=NOW).sent["plan_next"] == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_in_a_mentee_led_programme_the_mentee_is_asked_to_plan_not_the_mentor():
    pair, mentee_user, _mentor_user = make_pair()
    pair.programme.lead = "mentee"
    pair.programme.save(update_fields=["lead"])
    _age(pair, 20)
    assert send_reminders(now=NOW).sent["plan_next"] == 1
    assert [m.to[0] for m in mail.outbox] == [mentee_user.email]


@pytest.mark.django_db
def test_a_planned_session_means_no_nudge():
    pair, *_ = make_pair()
    _age(pair, 20)
    _session(pair, days_ago=-3, status=SessionStatus.PLANNED)
    assert send_reminders(now=NOW).sent["plan_next"] == 0


@pytest.mark.django_db
def test_opted_out_members_are_not_nudged():
    pair, mentee_user, _mentor_user = make_pair()
    _age(pair, 20)
    ReminderOptOut.objects.create(user=mentee_user, kind="plan_next")
    assert send_reminders(now=NOW).sent["plan_next"] == 1


@pytest.mark.django_db
def test_thirty_days_without_a_session_alerts_the_managers(manager):
    pair, *_ = make_pair()
    _age(pair, 31)
    outcome = send_reminders(now=NOW)
    assert outcome.sent["at_risk"] == 1
    assert any(m.to == [manager.email] for m in mail.outbox)


@pytest.mark.django_db
def test_unanswered_pulse_gets_one_reminder_for_the_member_who_did_not_answer():
    pair, mentee_user, _mentor_user = make_pair()
    session = _session(pair, days_ago=4)
    Pulse.objects.create(session=session, author=pair.mentor, usefulness=4, comfort=5)
    assert send_reminders(now=NOW).sent["pulse"] == 1
    assert [m.to[0] for m in mail.outbox] == [mentee_user.email]
    assert send_reminders(now=NOW).sent["pulse"] == 0


@pytest.mark.django_db
def test_unfinished_training_before_the_first_session_is_reminded():
    pair, *_ = make_pair()
    TrainingModule.objects.create(
        programme=pair.programme,
        audience=Audience.BOTH,
        title_fr="Confidentialité",
        title_en="Confidentiality",
        body_fr="…",
        body_en="…",
    )
    _session(pair, days_ago=-3, status=SessionStatus.PLANNED)
    assert send_reminders(now=NOW).sent["training"] == 2


@pytest.mark.django_db
def test_dry_run_command_sends_nothing():
    pair, *_ = make_pair()
    _age(pair, 20)
    out = io.StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    assert "plan_next: 1 (dry run)" in out.getvalue()
    assert mail.outbox == []
    assert send_reminders(now=NOW).sent["plan_next"] == 1


def _left_company(*users) -> None:
    """Their records say they left, yet their accounts are still open (a row written before
    leavers' accounts were closed with them, or by hand): the e-mails must not reach them."""
    Person.objects.filter(pk__in=[u.person_id for u in users]).update(is_active=False)


@pytest.mark.django_db
def test_nobody_who_left_is_reminded_nor_asked_to_plan_with_a_leaver():
    pair, _mentee_user, mentor_user = make_pair()
    manager_here = UserFactory(is_programme_manager=True)
    manager_gone = UserFactory(is_programme_manager=True)
    _age(pair, 40)
    _left_company(mentor_user, manager_gone)
    outcome = send_reminders(now=NOW)
    # The mentee is not asked to plan a session with a mentor who left; the pair is at risk.
    assert outcome.sent["plan_next"] == 0
    assert [m.to for m in mail.outbox] == [[manager_here.email]]


@pytest.mark.django_db
def test_the_pulse_reminder_skips_a_member_who_left():
    pair, mentee_user, mentor_user = make_pair()
    _session(pair, days_ago=5)
    _left_company(mentor_user)
    assert send_reminders(now=NOW).sent["pulse"] == 1
    assert [m.to for m in mail.outbox] == [[mentee_user.email]]


@pytest.mark.django_db
def test_command_enqueue_hands_the_reminders_to_the_task_worker():
    # The tests' task backend runs a job as soon as it is queued: the e-mails are its work.
    pair, _mentee_user, mentor_user = make_pair()
    _age(pair, 20)
    out = io.StringIO()
    call_command("send_reminders", "--enqueue", stdout=out)
    assert out.getvalue().startswith("queued: ")
    assert [m.to[0] for m in mail.outbox] == [mentor_user.email]  # the member who leads
    call_command("send_reminders", "--enqueue", stdout=io.StringIO())
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_command_enqueue_refuses_a_dry_run():
    pair, *_ = make_pair()
    _age(pair, 20)
    with pytest.raises(CommandError):
        call_command("send_reminders", "--enqueue", "--dry-run", stdout=io.StringIO())
    assert mail.outbox == []
