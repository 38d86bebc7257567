"""The session window on its own: no database, a pair is any object with a programme's start
and end dates and a creation time."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rementor.mentoring.session_window import (
    AFTER_PROGRAMME_END,
    GRACE,
    MAX_AHEAD,
    Timing,
    check_session_time,
)

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)


def _pair(*, start=dt.date(2026, 9, 1), end=dt.date(2027, 6, 30), formed=None):
    return SimpleNamespace(
        programme=SimpleNamespace(start_date=start, end_date=end),
        created_at=formed or dt.datetime(2026, 9, 15, 8, 0, tzinfo=dt.UTC),
    )


def _errors(starts_at, timing, *, pair=None, time_zone="Europe/Paris", minutes=60) -> dict:
    try:
        with translation.override("en"):
            check_session_time(
                pair=pair or _pair(),
                starts_at=starts_at,
                time_zone=time_zone,
                duration_minutes=minutes,
                timing=timing,
                now=NOW,
            )
    except ValidationError as error:
        return error.message_dict
    return {}


def test_window_plans_next_week():
    assert _errors(NOW + dt.timedelta(days=7), Timing.PLANNED) == {}


def test_window_plan_in_year_9999_names_starts_at():
    errors = _errors(dt.datetime(9999, 12, 31, 23, 30, tzinfo=PARIS), Timing.PLANNED)

    assert list(errors) == ["starts_at"]
    assert "28 September 2027" in errors["starts_at"][0]  # the programme's end + 90 days


def test_window_names_the_limit_that_binds_first():
    # A programme that ends in three years: two years ahead comes first.
    long = _pair(end=dt.date(2029, 12, 31))
    short = _pair()
    in_thirty_months = NOW + dt.timedelta(days=900)

    assert "two years" in _errors(in_thirty_months, Timing.PLANNED, pair=long)["starts_at"][0]
    assert "programme ends" in _errors(in_thirty_months, Timing.PLANNED, pair=short)["starts_at"][0]


def test_window_at_the_ends_of_python_dates_names_the_nearest_bound():
    last = dt.datetime(9999, 12, 31, 23, 59, tzinfo=ZoneInfo("America/Montreal"))
    first = dt.datetime(1, 1, 1, 0, 0, tzinfo=ZoneInfo("Asia/Tokyo"))

    assert "programme ends" in _errors(last, Timing.PLANNED)["starts_at"][0]
    assert "already passed" in _errors(first, Timing.PLANNED)["starts_at"][0]
    assert "not come yet" in _errors(last, Timing.RECORDED)["starts_at"][0]
    assert "starts on" in _errors(first, Timing.RECORDED)["starts_at"][0]


def test_window_plan_in_the_past_points_to_recording():
    errors = _errors(NOW - dt.timedelta(hours=1), Timing.PLANNED)

    assert "Record a session that already took place" in errors["starts_at"][0]


def test_window_plan_a_few_minutes_late_is_still_now():
    assert _errors(NOW - GRACE + dt.timedelta(seconds=1), Timing.PLANNED) == {}
    assert "starts_at" in _errors(NOW - GRACE - dt.timedelta(seconds=1), Timing.PLANNED)


def test_window_plan_before_the_programme_starts_is_refused():
    pair = _pair(start=dt.date(2027, 1, 4))

    errors = _errors(dt.datetime(2027, 1, 3, 18, 0, tzinfo=PARIS), Timing.PLANNED, pair=pair)

    assert "starts on" in errors["starts_at"][0]
    assert _errors(dt.datetime(2027, 1, 4, 9, 0, tzinfo=PARIS), Timing.PLANNED, pair=pair) == {}


def test_window_plan_long_after_the_programme_ends_is_refused():
    pair = _pair(end=dt.date(2027, 1, 31))
    last = dt.date(2027, 1, 31) + AFTER_PROGRAMME_END

    late = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(9), tzinfo=PARIS)
    errors = _errors(late, Timing.PLANNED, pair=pair)

    assert "The programme ends on" in errors["starts_at"][0]
    on_time = dt.datetime.combine(last, dt.time(9), tzinfo=PARIS)
    assert _errors(on_time, Timing.PLANNED, pair=pair) == {}


def test_window_record_in_the_future_is_refused():
    errors = _errors(NOW + dt.timedelta(minutes=1), Timing.RECORDED)

    assert "plan the session instead" in errors["starts_at"][0]


def test_window_record_before_the_pair_was_formed_is_refused():
    pair = _pair(formed=dt.datetime(2026, 10, 1, 12, 0, tzinfo=dt.UTC))

    errors = _errors(dt.datetime(2026, 9, 30, 9, 0, tzinfo=PARIS), Timing.RECORDED, pair=pair)

    assert "The pair was formed on" in errors["starts_at"][0]
    # The same day is fine: a pair may meet the day it is formed.
    assert _errors(dt.datetime(2026, 10, 1, 9, 0, tzinfo=PARIS), Timing.RECORDED, pair=pair) == {}


def test_window_record_in_year_1_is_before_the_programme():
    errors = _errors(dt.datetime(1, 1, 1, 12, 0, tzinfo=dt.UTC), Timing.RECORDED)

    assert list(errors) == ["starts_at"]
    assert "starts on" in errors["starts_at"][0]


def test_window_log_before_the_pair_was_formed_is_fine_but_not_before_the_programme():
    pair = _pair(formed=dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC))

    assert _errors(dt.datetime(2026, 11, 30, 9, 0, tzinfo=PARIS), Timing.LOGGED, pair=pair) == {}
    assert "starts_at" in _errors(dt.datetime(2026, 8, 31, 9, tzinfo=PARIS), Timing.LOGGED)


@pytest.mark.parametrize("minutes", [0, 14, 481, -60, 10**9])
def test_window_duration_out_of_bounds_names_duration(minutes):
    errors = _errors(NOW + dt.timedelta(days=1), Timing.PLANNED, minutes=minutes)

    assert list(errors) == ["duration_minutes"]


def test_window_unknown_time_zone_names_time_zone():
    errors = _errors(NOW + dt.timedelta(days=1), Timing.PLANNED, time_zone="Mars/Olympus")

    assert list(errors) == ["time_zone"]


def test_window_naive_start_is_refused():
    assert "starts_at" in _errors(dt.datetime(2026, 12, 10, 9, 0), Timing.PLANNED)


ANY_TIME = st.one_of(
    st.datetimes(timezones=st.timezones()),
    # Around "now" too, where most answers are yes.
    st.datetimes(
        min_value=dt.datetime(2025, 1, 1),
        max_value=dt.datetime(2029, 12, 31),
        timezones=st.timezones(),
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    starts_at=ANY_TIME,
    timing=st.sampled_from(list(Timing)),
    minutes=st.integers(min_value=-(2**31), max_value=2**31),
)
def test_window_any_datetime_is_accepted_or_refused_by_field_never_crashes(
    starts_at, timing, minutes
):
    pair = _pair()
    errors = _errors(starts_at, timing, pair=pair, minutes=minutes)

    assert set(errors) <= {"starts_at", "duration_minutes"}
    assert ("duration_minutes" in errors) == (not 15 <= minutes <= 480)
    if "starts_at" in errors:
        return
    # Accepted: the instant really lies in the window, checked here the long way round.
    utc = starts_at.astimezone(dt.UTC)
    day = utc.astimezone(PARIS).date()
    assert day >= pair.programme.start_date
    if timing is Timing.PLANNED:
        assert NOW - GRACE <= utc <= NOW + MAX_AHEAD + dt.timedelta(days=1)
        assert day <= pair.programme.end_date + AFTER_PROGRAMME_END
    else:
        assert utc <= NOW
    if timing is Timing.RECORDED:
        assert day >= pair.created_at.astimezone(PARIS).date()
