"""The retention rules (``privacy.retention``): what a purge clears, and whom it spares."""

from __future__ import annotations

import datetime as dt

from rementor.privacy.retention import months_before, purge
from tests.factories import EnrollmentFactory
from tests.rementor.mentoring.factories import make_pair
from tests.rementor.privacy.factories import build_world, close_programme


def test_months_before_handles_month_ends():
    moment = dt.datetime(2027, 3, 31, 12, tzinfo=dt.UTC)
    assert months_before(moment, 1) == dt.datetime(2027, 2, 28, 12, tzinfo=dt.UTC)
    assert months_before(moment, 12) == dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC)
    assert months_before(moment, 15).month == 12


def test_purge_spares_recent_programmes_and_people_enrolled_elsewhere(db):
    world = build_world()
    close_programme(world.pair.programme, days_ago=400)
    EnrollmentFactory(person=world.mentor.person, role="mentor")  # another programme
    recent, recent_mentee, _mentor = make_pair()
    close_programme(recent.programme, days_ago=30)
    report = purge(dry_run=False)
    assert report.programmes == [world.pair.programme.name]
    assert report.counts["people"] == 1
    world.mentor.person.refresh_from_db()
    assert not hasattr(world.mentor.person, "erasure")
    recent_mentee.person.refresh_from_db()
    assert not hasattr(recent_mentee.person, "erasure")
