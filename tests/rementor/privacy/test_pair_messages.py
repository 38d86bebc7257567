"""A pair's messages and personal-data rights: "my data" holds only the messages one wrote,
erasure deletes them, retention deletes the whole thread with the pair's private data."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from rementor.mentoring.models import MessageThreadState, PairMessage
from rementor.privacy import my_data
from rementor.privacy.erasure import anonymise_person
from tests.rementor.mentoring.factories import make_pair
from tests.rementor.privacy.factories import build_world


def _thread(pair, mentee_user, mentor_user):
    PairMessage.objects.create(pair=pair, author=mentee_user, text="MINE-message")
    PairMessage.objects.create(pair=pair, author=mentor_user, text="PARTNER-message")
    MessageThreadState.objects.create(pair=pair, user=mentee_user, last_read_id=1)


def test_my_data_holds_the_messages_i_wrote_never_the_partners(db):
    pair, mentee_user, mentor_user = make_pair()
    _thread(pair, mentee_user, mentor_user)
    rows = my_data.collect(mentee_user).rows("messages")
    assert [(r["pair"], r["message"]) for r in rows] == [(pair.pk, "MINE-message")]
    assert b"PARTNER-message" not in my_data.zip_bytes(my_data.collect(mentee_user))


def test_erasure_deletes_the_persons_messages_and_keeps_the_partners(db):
    world = build_world()
    _thread(world.pair, world.mentee, world.mentor)
    anonymise_person(person=world.mentee.person, by=None)
    assert list(PairMessage.objects.values_list("text", flat=True)) == ["PARTNER-message"]
    assert not MessageThreadState.objects.filter(user=world.mentee).exists()


def test_purge_deletes_the_thread_of_pairs_ended_long_ago(db):
    old, old_mentee, old_mentor = make_pair()
    _thread(old, old_mentee, old_mentor)
    old.status, old.ended_at = "completed", timezone.now() - dt.timedelta(days=31)
    old.save()
    recent, recent_mentee, recent_mentor = make_pair()
    _thread(recent, recent_mentee, recent_mentor)
    recent.status, recent.ended_at = "ended", timezone.now() - dt.timedelta(days=10)
    recent.save()
    out = StringIO()
    call_command("purge", stdout=out)
    assert "pair_messages: 2" in out.getvalue()
    assert set(PairMessage.objects.values_list("pair_id", flat=True)) == {recent.pk}
    assert not MessageThreadState.objects.filter(pair=old).exists()
