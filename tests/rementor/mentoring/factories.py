"""Builders of the mentoring tests: pairs ready to live their mentoring life, with signed-in
members, and what they fill their space with (charter, sessions, objectives, pulses), plus a
way to render one part of the pair page alone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from rementor.matching.domain import create_pair
from rementor.matching.models import Pair
from rementor.mentoring import feedback
from rementor.mentoring import objectives as objectives_domain
from rementor.mentoring.models import MentoringSession, PairCharter, SessionStatus
from rementor.programmes.models import ProgrammeStatus
from rementor.skills.models import Skill
from tests.factories import UserFactory
from tests.rementor.matching.factories import matching_programme, mentee, mentor

PARIS = ZoneInfo("Europe/Paris")


def make_pair(*, programme=None, mentee_email=None, mentor_email=None, language="fr"):
    """A running programme's active pair; returns (pair, mentee_user, mentor_user)."""
    programme = programme or matching_programme()
    programme.skills.add(*Skill.objects.filter(code__in=["linkedin", "web_analytics", "slack"]))
    if programme.status != ProgrammeStatus.RUNNING:
        programme.status = ProgrammeStatus.RUNNING
        programme.save(update_fields=["status"])
    mentee_user = UserFactory(
        language=language, **({"email": mentee_email} if mentee_email else {})
    )
    mentor_user = UserFactory(
        language=language, **({"email": mentor_email} if mentor_email else {})
    )
    e = mentee(programme, needs={"linkedin": (1, 3, 3)})
    e.person = mentee_user.person
    e.save()
    m = mentor(programme, levels={"linkedin": 4})
    m.person = mentor_user.person
    m.save()
    pair = create_pair(programme=programme, mentee=e, mentor=m, by=None, notify=False)
    return pair, mentee_user, mentor_user


def formed_days_ago(pair, days: int) -> None:
    """Date the pair's forming ``days`` back (a recorded session may not precede it)."""
    Pair.objects.filter(pk=pair.pk).update(created_at=timezone.now() - dt.timedelta(days=days))


def in_last_month(pair):
    """Move the programme so that today is in its last month (both check-ins are open)."""
    today = timezone.localdate()
    pair.programme.start_date = today - dt.timedelta(days=150)
    pair.programme.end_date = today + dt.timedelta(days=10)
    pair.programme.save()


def day_of(pair, days: int) -> dt.date:
    """``days`` after the start of the pair's programme (target dates must fall in it)."""
    return pair.programme.start_date + dt.timedelta(days=days)


# ------------------------------------------------------------------------------ the charter


def sign_charter(pair) -> PairCharter:
    """A charter both members accepted (sessions may then be logged)."""
    now = timezone.now()
    return PairCharter.objects.create(
        pair=pair,
        confidentiality="What we say stays between us.",
        mentee_accepted_at=now,
        mentor_accepted_at=now,
    )


# ------------------------------------------------------------------------------ sessions


def local(days: int, hour: int = 9, minute: int = 0, zone=PARIS) -> dt.datetime:
    """``hour``:``minute`` in ``zone``, ``days`` from today (negative: in the past)."""
    day = timezone.localdate(timezone=zone) + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def planned(pair, by, *, days: int = 7, **fields) -> MentoringSession:
    """A session planned ``days`` from now (negative: in the past), without e-mails."""
    return MentoringSession.objects.create(
        pair=pair, starts_at=timezone.now() + dt.timedelta(days=days), created_by=by, **fields
    )


def held(pair, by, *, days: int = -2) -> MentoringSession:
    """A session held ``days`` from now (two days ago by default), logged, without e-mails."""
    return planned(pair, by, days=days, status=SessionStatus.HELD, logged_at=timezone.now())


def session_with_notes(**fields) -> MentoringSession:
    """A session of a new pair with a place, an agenda and shared notes (``fields`` override
    them), for what must never leak into a calendar file or an e-mail."""
    pair, _mentee_user, mentor_user = make_pair(
        mentee_email="mentee@example.org", mentor_email="mentor@example.org"
    )
    values = {
        "pair": pair,
        "starts_at": dt.datetime(2026, 12, 3, 14, 30, tzinfo=ZoneInfo("America/Montreal")),
        "time_zone": "America/Montreal",
        "duration_minutes": 45,
        "location": "https://meet.example.org/abc",
        "agenda": "Talk about my fear of LinkedIn",
        "shared_notes": "We worked on a first post",
        "created_by": mentor_user,
        **fields,
    }
    return MentoringSession.objects.create(**values)


def parse_ics(data: bytes) -> tuple[icalendar.Calendar, icalendar.Event]:
    """A calendar file holding one event, read back: (calendar, event)."""
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.events
    return calendar, event


# ------------------------------------------------------------------------------ feedback


def check_in_answers(**extra) -> dict:
    """A check-in's answers (``extra`` adds or overrides some)."""
    return {"progress": 4, "relationship": 5, "pace": 3, "recommend": 9, **extra}


def pulses_one_shared_one_kept(*, shared: str, kept: str, usefulness: int = 4):
    """A held session of a new pair where the mentee shared their pulse comment ``shared``
    with the programme team and the mentor kept theirs, ``kept``, to themselves.
    Returns (pair, mentee_user, mentor_user, session)."""
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)
    feedback.submit_pulse(
        session=session,
        by=mentee_user,
        usefulness=usefulness,
        comfort=4,
        comment=shared,
        comment_shared=True,
    )
    feedback.submit_pulse(session=session, by=mentor_user, usefulness=2, comfort=3, comment=kept)
    return pair, mentee_user, mentor_user, session


# ------------------------------------------------------------------------------ objectives


def make_objective(pair, by, **kwargs):
    """A mentee's objective on LinkedIn with a success criterion and a target date
    (``kwargs`` override them), added by ``by`` through the domain."""
    fields = {
        "owner": "mentee",
        "title": "Publish a LinkedIn post a week",
        "skill": Skill.objects.get(code="linkedin"),
        "success_criterion": "Four posts in a month",
        "target_date": day_of(pair, 91),
    }
    return objectives_domain.add_objective(pair=pair, by=by, **{**fields, **kwargs})


# ------------------------------------------------------------------------------ the pair page


def render_tag(tag: str, pair, user, language: str = "en") -> str:
    """One part of the pair page alone (its template tag), as ``user`` sees it: the page also
    holds the other parts, which a test of one part should not depend on."""
    request = RequestFactory().get("/")
    request.user = user
    libraries = "mentoring_objectives mentoring_ideas mentoring_concerns"
    with translation.override(language):
        template = Template("{% load " + libraries + " %}{% " + tag + " pair %}")
        return template.render(Context({"pair": pair, "request": request}))
