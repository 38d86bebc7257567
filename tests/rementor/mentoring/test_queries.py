"""The rules on who reads what (rementor.mentoring.queries): which pairs a user sees, whose
private note is whose, who reads a pulse comment."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from rementor.matching.models import Pair
from rementor.mentoring.models import MentoringSession, PrivateNote, Pulse
from rementor.mentoring.queries import (
    in_pairs_visible_to,
    member_of,
    pairs_visible_to,
    private_note_of,
    private_notes_of,
    pulse_comment_visible,
    pulse_comments_visible_to,
    with_visible_comment,
)
from tests.factories import UserFactory
from tests.rementor.mentoring.factories import held, make_pair, pulses_one_shared_one_kept

pytestmark = pytest.mark.django_db


# ----------------------------------------------------------------------------- visible pairs


@pytest.fixture
def two_pairs():
    """Two pairs of the same programme; returns (ours, theirs, mentee_user, mentor_user,
    their_member): the first two users are the members of ``ours``."""
    ours, mentee_user, mentor_user = make_pair()
    theirs, their_member, _their_mentor = make_pair(programme=ours.programme)
    return ours, theirs, mentee_user, mentor_user, their_member


def _seen(user) -> set[int]:
    return set(pairs_visible_to(user).values_list("pk", flat=True))


def test_pairs_visible_to_members_see_their_own_pairs_only(two_pairs):
    ours, theirs, mentee_user, mentor_user, their_member = two_pairs
    assert _seen(mentee_user) == {ours.pk}
    assert _seen(mentor_user) == {ours.pk}  # the other member of the same pair
    assert _seen(their_member) == {theirs.pk}


def test_pairs_visible_to_managers_oversee_every_pair(two_pairs, manager):
    ours, theirs, *_members = two_pairs
    assert _seen(manager) == {ours.pk, theirs.pk}
    # Overseeing needs no employee record.
    assert _seen(UserFactory(person=None, is_programme_manager=True)) == {ours.pk, theirs.pk}


def test_pairs_visible_to_strangers_and_anonymous_see_none(two_pairs, stranger, sponsor):
    assert _seen(stranger) == set()
    assert _seen(sponsor) == set()
    assert _seen(UserFactory(person=None)) == set()
    assert _seen(AnonymousUser()) == set()


def test_pairs_visible_to_keeps_the_given_queryset(two_pairs, manager):
    ours, _theirs, mentee_user, _mentor_user, _their_member = two_pairs
    open_pairs = Pair.objects.filter(status="active").select_related("programme")
    assert list(pairs_visible_to(mentee_user, open_pairs)) == [ours]
    assert pairs_visible_to(manager, open_pairs).count() == 2


def test_rows_hanging_off_a_pair_follow_the_same_rule(two_pairs, manager, stranger):
    ours, theirs, mentee_user, mentor_user, _their_member = two_pairs
    ours_session, theirs_session = held(ours, mentor_user), held(theirs, mentee_user)
    sessions = MentoringSession.objects.all()

    def seen(user) -> set[int]:
        return set(in_pairs_visible_to(sessions, user).values_list("pk", flat=True))

    assert seen(mentee_user) == seen(mentor_user) == {ours_session.pk}
    assert seen(manager) == {ours_session.pk, theirs_session.pk}
    assert seen(stranger) == seen(AnonymousUser()) == set()
    # The membership filter alone ignores oversight: a manager who is also a member is a
    # member of their own pair only.
    mentee_user.is_programme_manager = True
    mentee_user.save(update_fields=["is_programme_manager"])
    assert list(sessions.filter(member_of(mentee_user, prefix="pair__"))) == [ours_session]


# ----------------------------------------------------------------------------- private notes


@pytest.fixture
def notes():
    """A held session where each member wrote a private note."""
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)
    mine = PrivateNote.objects.create(session=session, author=mentee_user, text="Mentee's own")
    PrivateNote.objects.create(session=session, author=mentor_user, text="Mentor's own")
    return session, mentee_user, mentor_user, mine


def test_private_note_of_is_its_authors_only(notes, manager, stranger):
    session, mentee_user, mentor_user, mine = notes
    assert private_note_of(session, mentee_user) == mine
    # The other member reads their own note, never the mentee's.
    assert private_note_of(session, mentor_user).text == "Mentor's own"
    assert private_note_of(session, manager) is None
    assert private_note_of(session, stranger) is None
    assert private_note_of(session, AnonymousUser()) is None


def test_private_notes_of_maps_each_session_to_the_users_own_note(notes, manager):
    session, mentee_user, mentor_user, _mine = notes
    other = held(session.pair, mentor_user, days=-9)
    assert private_notes_of([session, other], mentee_user) == {session.pk: "Mentee's own"}
    assert private_notes_of([session, other], mentor_user) == {session.pk: "Mentor's own"}
    assert private_notes_of([session, other], manager) == {}
    assert private_notes_of([session], AnonymousUser()) == {}


# ----------------------------------------------------------------------------- pulse comments


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
