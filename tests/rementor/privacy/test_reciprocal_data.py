"""The role swap in personal-data rights: "my data" holds the pair's phase and the topic the
junior chose; erasure of the junior and the retention purge clear the words they typed, and
keep the phase (a figure)."""

from __future__ import annotations

import json

from rementor.mentoring.models import MentoringSession, Phase, ReciprocalPhase
from rementor.privacy import my_data
from rementor.privacy.erasure import anonymise_person
from rementor.privacy.retention import purge
from tests.rementor.mentoring.factories import held, make_pair
from tests.rementor.privacy.factories import close_programme

TOPIC = "TOPIC-IN-MY-WORDS negotiating"


def _swapped_pair():
    pair, mentee_user, mentor_user = make_pair()
    held(pair, mentor_user)
    ReciprocalPhase.objects.create(pair=pair, topic="own", topic_text=TOPIC, started_by=mentor_user)
    later = held(pair, mentee_user, days=-1)
    MentoringSession.objects.filter(pk=later.pk).update(phase=Phase.RECIPROCAL)
    return pair, mentee_user, mentor_user


def test_my_data_has_the_pair_phase_topic_and_session_phases(db):
    _pair, mentee_user, _mentor_user = _swapped_pair()
    data = my_data.collect(mentee_user)
    (row,) = data.rows("pairs")
    assert row["phase"] == "reciprocal" and row["reciprocal_topic"] == "own"
    assert row["reciprocal_topic_in_own_words"] == TOPIC
    assert sorted(s["phase"] for s in data.rows("sessions")) == ["reciprocal", "reverse"]


def test_my_data_of_a_pair_without_swap_says_reverse(db):
    _pair, mentee_user, _mentor_user = make_pair()
    (row,) = my_data.collect(mentee_user).rows("pairs")
    assert row["phase"] == "reverse" and row["reciprocal_topic"] == ""


def test_erasing_the_junior_clears_the_topic_words_and_keeps_the_phase(db):
    pair, _mentee_user, mentor_user = _swapped_pair()
    anonymise_person(person=mentor_user.person, by=None)
    phase = ReciprocalPhase.objects.get(pair=pair)
    assert phase.topic_text == "" and phase.topic == "own"


def test_retention_purge_clears_the_topic_words(db):
    pair, _mentee_user, _mentor_user = _swapped_pair()
    close_programme(pair.programme, days_ago=3 * 366)
    purge(dry_run=False)
    assert ReciprocalPhase.objects.get(pair=pair).topic_text == ""
    assert TOPIC not in json.dumps(list(ReciprocalPhase.objects.values()), default=str)
