"""The one rule on who reads a pulse comment (rementor.mentoring.queries)."""

from __future__ import annotations

import pytest

from rementor.mentoring.models import Pulse
from rementor.mentoring.queries import (
    pulse_comment_visible,
    pulse_comments_visible_to,
    with_visible_comment,
)
from tests.factories import UserFactory
from tests.rementor.mentoring.factories import pulses_one_shared_one_kept

pytestmark = pytest.mark.django_db


@pytest.fixture
def pulses():
    """A session where the mentee shared their comment and the mentor kept theirs."""
    pair, mentee_user, mentor_user, _session = pulses_one_shared_one_kept(
        shared="Shared by the mentee", kept="Kept by the mentor"
    )
    return pair, mentee_user, mentor_user


def _readable(user) -> set[str]:
    return set(Pulse.objects.filter(pulse_comment_visible(user)).values_list("comment", flat=True))


def test_pulse_comment_visible_author_always_partner_never(pulses):
    _pair, mentee_user, mentor_user = pulses
    assert _readable(mentee_user) == {"Shared by the mentee"}
    assert _readable(mentor_user) == {"Kept by the mentor"}


def test_pulse_comment_visible_programme_team_reads_shared_only(pulses, manager, sponsor):
    assert _readable(manager) == {"Shared by the mentee"}
    assert _readable(None) == {"Shared by the mentee"}
    assert _readable(sponsor) == set()
    assert _readable(UserFactory()) == set()


def test_pulse_comment_visible_manager_who_is_a_member_reads_own_and_shared(pulses):
    _pair, _mentee_user, mentor_user = pulses
    mentor_user.is_programme_manager = True
    mentor_user.save()
    assert _readable(mentor_user) == {"Shared by the mentee", "Kept by the mentor"}


def test_with_visible_comment_keeps_every_score_and_hides_private_text(pulses, manager):
    rows = with_visible_comment(Pulse.objects.order_by("-usefulness"), manager)
    assert [(p.usefulness, p.visible_comment) for p in rows] == [
        (4, "Shared by the mentee"),
        (2, None),
    ]


def test_pulse_comments_visible_to_lists_the_pairs_readable_comments(pulses, manager):
    pair, _mentee_user, mentor_user = pulses
    assert [p.comment for p in pulse_comments_visible_to(manager, pair=pair)] == [
        "Shared by the mentee"
    ]
    assert [p.comment for p in pulse_comments_visible_to(mentor_user, pair=pair)] == [
        "Kept by the mentor"
    ]
