"""Date filters of the API: any ISO 8601 text answers 200 or a 400 naming the parameter, never
a 500 — whatever the year or the offset (overflow past year 1 or 9999 included)."""

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rementor.core.dates import EARLIEST, LATEST
from tests.rementor.api.factories import build_world, token_client


@pytest.fixture
def world(db):
    return build_world()


@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31T23:59:59-23:59",
        "9999-12-31T23:59:59+00:00",
        "0001-01-01T00:00:00+23:59",
        "0001-01-01T00:00:00",
        "1899-12-31T23:59:59Z",
        "3000-01-01T00:00:00Z",
    ],
)
@pytest.mark.parametrize("name", ["starts_after", "starts_before"])
def test_session_time_filter_out_of_range_gives_400_naming_it(world, name, value):
    response = token_client(world.mentee).get(
        "/api/v1/sessions/", {name: value}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    assert "between the years 1900 and 2999" in response.json()[name][0]


def test_session_time_filter_at_the_ends_of_the_range_answers(world):
    client = token_client(world.mentee)

    early = client.get("/api/v1/sessions/", {"starts_after": "1900-01-01T00:00:00Z"})
    late = client.get("/api/v1/sessions/", {"starts_before": "2999-12-31T23:59:59Z"})

    assert early.status_code == late.status_code == 200
    assert early.json()["count"] == late.json()["count"] == 1


def _iso(moment: dt.datetime, offset_minutes: int | None) -> str:
    text = moment.replace(tzinfo=None).isoformat()
    if offset_minutes is None:
        return text
    sign = "+" if offset_minutes >= 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return f"{text}{sign}{hours:02d}:{minutes:02d}"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    moment=st.datetimes(),
    offset=st.one_of(st.none(), st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1)),
    name=st.sampled_from(["starts_after", "starts_before"]),
)
def test_session_time_filter_any_instant_answers_200_or_400(world, moment, offset, name):
    """Cross-checked the long way: 400 exactly when the instant leaves the supported range
    (or names no single instant), otherwise the world's one session is listed exactly when
    it matches the bound."""
    value = _iso(moment, offset)
    response = token_client(world.mentee).get("/api/v1/sessions/", {name: value})

    # Without an offset, the site's zone; a wall time its clocks skip or repeat is refused.
    zone = timezone.get_current_timezone() if offset is None else None
    tz = zone or dt.timezone(dt.timedelta(minutes=offset))
    unclear = zone is not None and zone.utcoffset(moment.replace(fold=0)) != zone.utcoffset(
        moment.replace(fold=1)
    )
    try:
        instant = moment.replace(tzinfo=tz).astimezone(dt.UTC)
    except OverflowError:
        instant = None
    if unclear or instant is None or not EARLIEST <= instant <= LATEST:
        assert response.status_code == 400, value
        assert name in response.json()
        return
    assert response.status_code == 200, (value, response.content)
    starts = world.session.starts_at
    listed = starts >= instant if name == "starts_after" else starts < instant
    assert response.json()["count"] == int(listed), value
