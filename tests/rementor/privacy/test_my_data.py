"""What "my data" collects for a person (``my_data.collect``): their own records, not their
partner's or other pairs'."""

from __future__ import annotations

import json

from rementor.mentoring.models import Pulse
from rementor.privacy import my_data
from tests.rementor.mentoring.factories import make_pair
from tests.rementor.privacy.factories import build_world


def test_my_data_of_the_mentor_has_reviews_without_the_reviewer(db, manager):
    world = build_world(reviewer=manager)
    data = my_data.collect(world.mentor)
    assert data.rows("mentor_reviews")[0]["comment"] == "REVIEW-COMMENT about the mentor"
    assert "reviewer" not in data.rows("mentor_reviews")[0]
    assert data.rows("sessions")[0]["my_private_note"] == "MENTOR-PRIVATE secret"
    flat = json.dumps(data.sections, default=str)
    assert "MENTEE-PRIVATE" not in flat and "MENTEE-CONCERN" not in flat
    assert manager.email not in flat


def test_my_data_leaves_out_other_pairs(db):
    world = build_world()
    _other, other_mentee, _mentor = make_pair()
    data = my_data.collect(world.mentee)
    assert {row["pair"] for row in data.rows("sessions")} <= {world.pair.pk}
    assert other_mentee.person.full_name not in json.dumps(data.sections, default=str)


def test_my_data_has_every_own_pulse_comment_with_its_sharing(db):
    world = build_world()
    Pulse.objects.filter(comment="PULSE-MENTEE").update(comment_shared=True)
    data = my_data.collect(world.mentee)
    assert [
        (row["comment"], row["comment_shared_with_programme_team"]) for row in data.rows("pulses")
    ] == [("PULSE-MENTEE", True)]
    # A comment kept private is still its author's data.
    data = my_data.collect(world.mentor)
    assert [
        (row["comment"], row["comment_shared_with_programme_team"]) for row in data.rows("pulses")
    ] == [("PULSE-MENTOR", False)]


def test_my_data_has_the_sessions_video_call_link(db):
    from rementor.mentoring.models import MentoringSession

    world = build_world()
    MentoringSession.objects.filter(pair=world.pair).update(
        mode="remote", meeting_url="https://meet.example.org/our-call"
    )
    data = my_data.collect(world.mentee)
    assert {row["video_call_link"] for row in data.rows("sessions")} == {
        "https://meet.example.org/our-call"
    }
