"""The pair charter's domain: pre-filled in the pair's language, acceptances, changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from rementor.matching.models import PairStatus
from rementor.mentoring.charter import (
    accept_charter,
    charter_signed,
    charter_version,
    get_or_create_charter,
    update_charter,
)
from rementor.mentoring.models import PairCharter
from tests.rementor.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db


def test_get_or_create_charter_prefills_from_programme_in_pair_language():
    pair, _, _ = make_pair(language="en")
    for person in (pair.mentee.person, pair.mentor.person):
        person.languages = ["fr", "en"]
        person.save()
    pair.programme.cadence_weeks = 2
    pair.programme.session_minutes = 45
    pair.programme.save()
    charter = get_or_create_charter(pair=pair)
    assert (charter.cadence_weeks, charter.session_minutes) == (2, 45)
    assert charter.confidentiality.startswith("What is said in our pair")
    assert get_or_create_charter(pair=pair).pk == charter.pk
    assert PairCharter.objects.count() == 1


def test_get_or_create_charter_in_the_language_both_speak():
    # Both members chose English for the interface, but French is the one they share.
    pair, _, _ = make_pair(language="en")
    assert get_or_create_charter(pair=pair).confidentiality.startswith("Ce qui se dit")


def test_charter_signed_needs_both_members():
    pair, mentee_user, mentor_user = make_pair()
    assert not charter_signed(pair)
    charter = get_or_create_charter(pair=pair)
    accept_charter(charter=charter, by=mentee_user)
    assert not charter_signed(pair)
    accept_charter(charter=charter, by=mentor_user, version=charter_version(charter))
    assert charter_signed(pair)


def test_update_charter_clears_both_acceptances():
    pair, mentee_user, mentor_user = make_pair()
    charter = get_or_create_charter(pair=pair)
    accept_charter(charter=charter, by=mentee_user)
    accept_charter(charter=charter, by=mentor_user)
    assert update_charter(charter=charter, by=mentor_user, first_objectives="LinkedIn weekly")
    charter.refresh_from_db()
    assert charter.mentee_accepted_at is None and charter.mentor_accepted_at is None
    assert not charter_signed(pair)


def test_update_charter_without_change_keeps_acceptances():
    pair, mentee_user, _ = make_pair()
    charter = get_or_create_charter(pair=pair)
    accept_charter(charter=charter, by=mentee_user)
    assert not update_charter(charter=charter, by=mentee_user, cadence_weeks=charter.cadence_weeks)
    charter.refresh_from_db()
    assert charter.mentee_accepted_at is not None


def test_accept_charter_of_a_changed_text_is_refused():
    pair, mentee_user, mentor_user = make_pair()
    charter = get_or_create_charter(pair=pair)
    seen = charter_version(charter)
    update_charter(charter=charter, by=mentor_user, first_objectives="Something else")
    with pytest.raises(ValidationError):
        accept_charter(charter=charter, by=mentee_user, version=seen)


def test_charter_of_an_ended_pair_cannot_be_changed():
    pair, mentee_user, _ = make_pair()
    charter = get_or_create_charter(pair=pair)
    pair.status = PairStatus.ENDED
    pair.save()
    with pytest.raises(ValidationError):
        update_charter(charter=charter, by=mentee_user, first_objectives="x")
    with pytest.raises(ValidationError):
        accept_charter(charter=charter, by=mentee_user)


def test_ended_pair_without_charter_gets_none_created():
    pair, _, _ = make_pair()
    pair.status = PairStatus.COMPLETED
    pair.save()
    charter = get_or_create_charter(pair=pair)
    assert charter.pk is None and not PairCharter.objects.exists()


def test_non_member_cannot_accept(manager):
    pair, _, _ = make_pair()
    charter = get_or_create_charter(pair=pair)
    with pytest.raises(ValidationError):
        accept_charter(charter=charter, by=manager)
