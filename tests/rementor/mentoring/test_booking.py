"""Booking from availability: free times (slots minus sessions, both members' slots, time
zones and daylight saving), booking one time or a series, all or nothing."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from rementor.matching.domain import create_pair
from rementor.matching.models import PairStatus
from rementor.mentoring import booking, calendar_feeds
from rementor.mentoring.booking import Busy, free_times, parse_key
from rementor.mentoring.models import MentoringSession, SessionStatus
from rementor.people.models import Person
from rementor.programmes.models import ProgrammeStatus
from tests.factories import UserFactory, client_for
from tests.rementor.matching.factories import mentee
from tests.rementor.mentoring.factories import PARIS, make_pair

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
# Slot numbers (core.slots): day * 4 + period; periods start at 8, 10, 14 and 16 o'clock.
MON_8, MON_10, MON_14, TUE_8 = 0, 1, 2, 4


def _free(**kwargs):
    values = {
        "mentor_slots": [MON_8],
        "mentee_slots": [MON_8],
        "mentor_zone": PARIS,
        "mentee_zone": PARIS,
        "minutes": 60,
        "busy": [],
        "first_day": dt.date(2027, 3, 1),
        "last_day": dt.date(2027, 3, 31),
        "now": dt.datetime(2027, 2, 1, tzinfo=UTC),
    }
    return free_times(**{**values, **kwargs})


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# --- the pure computation ----------------------------------------------------------------------


def test_free_times_are_the_slots_both_members_gave():
    found = _free(mentor_slots=[MON_8, MON_10, TUE_8], mentee_slots=[MON_10, TUE_8, MON_14])
    assert {f.slot for f in found} == {MON_10, TUE_8}
    assert [f.day for f in found if f.slot == MON_10] == [
        dt.date(2027, 3, 1),
        dt.date(2027, 3, 8),
        dt.date(2027, 3, 15),
        dt.date(2027, 3, 22),
        dt.date(2027, 3, 29),
    ]
    assert found == sorted(found, key=lambda f: f.starts_at)


def test_free_times_empty_when_a_member_gave_no_slot():
    assert _free(mentee_slots=[]) == []
    assert _free(mentor_slots=[]) == []


def test_free_times_leave_out_busy_times_but_not_adjacent_ones():
    monday = dt.datetime(2027, 3, 8, 8, 30, tzinfo=PARIS)
    busy = [
        Busy(1, monday, monday + dt.timedelta(hours=1)),
        # Ends exactly when the slot of 15 March starts: no overlap.
        Busy(
            2, monday + dt.timedelta(days=7, hours=-1), monday + dt.timedelta(days=7, minutes=-30)
        ),
    ]
    days = [f.day for f in _free(busy=busy)]
    assert dt.date(2027, 3, 8) not in days
    assert dt.date(2027, 3, 15) in days


def test_free_times_keep_their_wall_clock_time_across_daylight_saving():
    # Paris moves to summer time on Sunday 28 March 2027.
    found = _free(first_day=dt.date(2027, 3, 22), last_day=dt.date(2027, 4, 5))
    assert [f.starts_at.astimezone(PARIS).hour for f in found] == [8, 8, 8]
    assert [f.starts_at.astimezone(UTC).hour for f in found] == [7, 6, 6]


def test_free_times_across_time_zones_compare_instants():
    # 10:00 in Paris is 9:00 in London: the mentee's Monday 8-10 slot.
    found = _free(mentor_slots=[MON_10], mentee_slots=[MON_8], mentee_zone=LONDON)
    assert found and all(f.starts_at.astimezone(LONDON).hour == 9 for f in found)
    assert _free(mentor_slots=[MON_10], mentee_slots=[MON_10], mentee_zone=LONDON) == []


def test_free_times_start_after_now():
    now = dt.datetime(2027, 3, 15, 7, 30, tzinfo=PARIS)
    assert [f.day for f in _free(now=now)] == [
        dt.date(2027, 3, 15),
        dt.date(2027, 3, 22),
        dt.date(2027, 3, 29),
    ]
    later = dt.datetime(2027, 3, 15, 8, 0, tzinfo=PARIS)
    assert dt.date(2027, 3, 15) not in [f.day for f in _free(now=later)]


@pytest.mark.parametrize(
    "key", ["", "x", "2027-03-01", "2027-03-01:20", "2027-03-01:-1", "9999-12-31:0", "2027-02-30:1"]
)
def test_parse_key_refuses_anything_not_a_day_and_slot(key):
    assert parse_key(key) is None


def test_parse_key_reads_day_and_slot():
    assert parse_key("2027-03-01:4") == (dt.date(2027, 3, 1), 4)


# --- the database -------------------------------------------------------------------------------


def _monday(weeks: int = 1) -> dt.date:
    """A Monday ``weeks`` weeks from this one (never today)."""
    today = timezone.localdate(timezone=PARIS)
    return today + dt.timedelta(days=7 * weeks - today.weekday())


def _second_pair_of_mentor(pair):
    """Another pair of the same mentor (given a second place)."""
    pair.mentor.capacity = 2
    pair.mentor.save()
    other_mentee = mentee(pair.programme, needs={"linkedin": (1, 3, 3)})
    return create_pair(
        programme=pair.programme, mentee=other_mentee, mentor=pair.mentor, by=None, notify=False
    )


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=PARIS)


@pytest.mark.django_db
def test_free_times_for_leave_out_either_members_other_sessions():
    pair, _mentee_user, mentor_user = make_pair()
    # The mentor's second mentee has a session on Monday at 10.
    other = _second_pair_of_mentor(pair)
    MentoringSession.objects.create(
        pair=other, starts_at=_at(_monday(1), 10), duration_minutes=60, created_by=mentor_user
    )
    # A cancelled session frees its time.
    MentoringSession.objects.create(
        pair=other,
        starts_at=_at(_monday(2), 10),
        status=SessionStatus.CANCELLED,
        created_by=mentor_user,
    )
    keys = {f.key for f in booking.free_times_for(pair=pair)}
    assert f"{_monday(1).isoformat()}:{MON_10}" not in keys
    assert f"{_monday(1).isoformat()}:{MON_14}" in keys
    assert f"{_monday(2).isoformat()}:{MON_10}" in keys


@pytest.mark.django_db
def test_free_times_for_stop_at_the_programme_end():
    pair, _mentee_user, _mentor_user = make_pair()
    pair.programme.end_date = _monday(1)
    pair.programme.save()
    assert max(f.day for f in booking.free_times_for(pair=pair)) == _monday(1)


def _ics(message):
    (attachment,) = message.attachments
    return icalendar.Calendar.from_ical(attachment.content)


@pytest.mark.django_db
def test_book_one_time_invites_both_members_with_ics():
    pair, mentee_user, mentor_user = make_pair()
    (session,) = booking.book_sessions(
        pair=pair, by=mentee_user, day=_monday(1), slot=MON_10, base_url="https://rm.example"
    )
    assert session.starts_at == _at(_monday(1), 10)
    assert session.time_zone == "Europe/Paris"
    assert session.duration_minutes == pair.programme.session_minutes
    assert session.status == SessionStatus.PLANNED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee_user.email, mentor_user.email])
    for message in mail.outbox:
        assert _ics(message)["method"] == "REQUEST"
        assert str(_ics(message).events[0]["uid"]) == f"{session.uid}@rementor"


@pytest.mark.django_db
def test_book_a_series_at_the_programme_cadence():
    pair, mentee_user, _mentor_user = make_pair()
    pair.programme.cadence_weeks = 2
    pair.programme.save()
    booked = booking.book_sessions(
        pair=pair, by=mentee_user, day=_monday(1), slot=MON_8 + 2, count=4
    )
    assert [s.starts_at.astimezone(PARIS) for s in booked] == [
        _at(_monday(1 + 2 * i), 14) for i in range(4)
    ]
    assert all(s.starts_at.astimezone(PARIS).hour == 14 for s in booked)
    assert len(mail.outbox) == 8
    assert all(len(m.attachments) == 1 for m in mail.outbox)


@pytest.mark.django_db
def test_a_series_with_one_clash_books_nothing_and_names_the_date():
    pair, mentee_user, mentor_user = make_pair()
    # The mentee already has a session, in this pair, on the third Monday of the series.
    third = _monday(1 + 2 * pair.programme.cadence_weeks)
    MentoringSession.objects.create(
        pair=pair, starts_at=_at(third, 10) + dt.timedelta(minutes=30), created_by=mentor_user
    )
    with pytest.raises(ValidationError) as refused:
        booking.book_sessions(pair=pair, by=mentee_user, day=_monday(1), slot=MON_10, count=4)
    (message,) = refused.value.message_dict["free_time"]
    assert str(third.day) in message and "you both already have" in message
    assert MentoringSession.objects.filter(pair=pair).count() == 1
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_clash_of_the_partner_names_them():
    pair, mentee_user, mentor_user = make_pair(language="en")
    other = _second_pair_of_mentor(pair)
    MentoringSession.objects.create(
        pair=other, starts_at=_at(_monday(1), 10), created_by=mentor_user
    )
    with pytest.raises(ValidationError) as refused:
        booking.book_sessions(pair=pair, by=mentee_user, day=_monday(1), slot=MON_10)
    assert pair.mentor.person.full_name in refused.value.message_dict["free_time"][0]
    assert not MentoringSession.objects.filter(pair=pair).exists()


@pytest.mark.django_db
def test_a_series_beyond_the_programme_end_is_refused_with_the_date():
    pair, mentee_user, _mentor_user = make_pair()
    pair.programme.end_date = _monday(1) + dt.timedelta(weeks=pair.programme.cadence_weeks)
    pair.programme.save()
    with pytest.raises(ValidationError) as refused:
        booking.book_sessions(pair=pair, by=mentee_user, day=_monday(1), slot=MON_10, count=3)
    assert "at most 2 sessions" in refused.value.message_dict["count"][0]
    assert not MentoringSession.objects.filter(pair=pair).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "slot", "count", "field"),
    [
        (dt.date(9999, 12, 27), MON_10, 1, "free_time"),  # a Monday in year 9999
        (None, TUE_8, 1, "free_time"),  # a slot neither member offered
        (None, MON_10 + 20, 1, "free_time"),  # no such slot
        (None, MON_10, 1000, "count"),
        (None, MON_10, 0, "count"),
        ("2027-03-01", MON_10, 1, "free_time"),  # not a date
    ],
)
def test_hostile_bookings_are_refused_and_write_nothing(day, slot, count, field):
    pair, mentee_user, _mentor_user = make_pair()
    with pytest.raises(ValidationError) as refused:
        booking.book_sessions(
            pair=pair,
            by=mentee_user,
            day=_monday(1) if day is None else day,
            slot=slot,
            count=count,
        )
    assert field in refused.value.message_dict
    assert not MentoringSession.objects.exists()


@pytest.mark.django_db
def test_a_time_in_the_past_is_refused():
    pair, mentee_user, _mentor_user = make_pair()
    with pytest.raises(ValidationError) as refused:
        booking.book_sessions(
            pair=pair,
            by=mentee_user,
            day=_monday(1),
            slot=MON_10,
            now=_at(_monday(1), 11),
        )
    assert "already passed" in refused.value.message_dict["free_time"][0]


@pytest.mark.django_db
def test_a_time_outside_the_mentees_slots_is_refused():
    pair, mentee_user, _mentor_user = make_pair()
    pair.mentee.slots = [MON_8]
    pair.mentee.save()
    with pytest.raises(ValidationError) as refused:
        booking.book_sessions(pair=pair, by=mentee_user, day=_monday(1), slot=MON_10)
    assert "weekly availabilities" in refused.value.message_dict["free_time"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("status", [PairStatus.PAUSED, PairStatus.ENDED, PairStatus.COMPLETED])
def test_a_pair_not_active_cannot_book(status):
    pair, mentee_user, _mentor_user = make_pair()
    pair.status = status
    pair.save()
    assert booking.free_times_for(pair=pair) == []
    with pytest.raises(ValidationError):
        booking.book_sessions(pair=pair, by=mentee_user, day=_monday(1), slot=MON_10)
    assert not MentoringSession.objects.exists()


@pytest.mark.django_db
def test_a_closed_programme_cannot_book():
    pair, mentee_user, _mentor_user = make_pair()
    pair.programme.status = ProgrammeStatus.CLOSED
    pair.programme.save()
    assert booking.free_times_for(pair=pair) == []
    with pytest.raises(ValidationError):
        booking.book_sessions(pair=pair, by=mentee_user, day=_monday(1), slot=MON_10)


@pytest.mark.django_db
def test_the_mentor_books_in_their_own_time_zone():
    pair, _mentee_user, mentor_user = make_pair()
    Person.objects.filter(pk=pair.mentor.person_id).update(time_zone="Europe/London")
    Person.objects.filter(pk=pair.mentee.person_id).update(time_zone="Europe/London")
    pair.refresh_from_db()
    (session,) = booking.book_sessions(pair=pair, by=mentor_user, day=_monday(1), slot=MON_10)
    assert session.time_zone == "Europe/London"
    assert session.starts_at.astimezone(LONDON).hour == 10


@pytest.mark.django_db
def test_someone_outside_the_pair_cannot_book():
    pair, _mentee_user, _mentor_user = make_pair()
    with pytest.raises(ValidationError):
        booking.book_sessions(pair=pair, by=UserFactory(), day=_monday(1), slot=MON_10)
    assert not MentoringSession.objects.exists()


@pytest.mark.django_db
def test_a_booked_series_appears_in_both_members_calendar_feeds():
    pair, mentee_user, mentor_user = make_pair()
    booked = booking.book_sessions(pair=pair, by=mentee_user, day=_monday(1), slot=MON_10, count=2)
    for user in (mentee_user, mentor_user):
        _feed, secret, _old = calendar_feeds.replace_feed(user=user)
        response = client_for(None).get(reverse("calendar:feed", args=[secret]))
        events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(response.content).events}
        for session in booked:
            event = events[f"{session.uid}@rementor"]
            assert event.start == session.starts_at.astimezone(PARIS)
            assert event.start.hour == 10
