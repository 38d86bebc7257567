import datetime as dt

import pytest
from django.utils import timezone

from rementor.matching.models import PairStatus
from rementor.mentoring.models import Concern, ConcernStatus, PairCharter, Pulse
from rementor.mentoring.queries import pair_health
from tests.rementor.matching.factories import matching_programme
from tests.rementor.mentoring.factories import held, make_pair, planned

pytestmark = pytest.mark.django_db


def _started(pair, days_ago: int):
    pair.created_at = timezone.now() - dt.timedelta(days=days_ago)
    pair.save(update_fields=["created_at"])
    pair.programme.start_date = (timezone.now() - dt.timedelta(days=days_ago + 10)).date()
    pair.programme.save()


def _pulse(session, enrollment, score: int) -> Pulse:
    return Pulse.objects.create(session=session, author=enrollment, usefulness=score, comfort=score)


def test_pair_health_counts_held_sessions_against_cadence():
    pair, mentee_user, _mentor_user = make_pair()
    _started(pair, 43)  # three-week cadence: two periods gone
    held(pair, mentee_user, days=-30)
    held(pair, mentee_user, days=-5)
    planned(pair, mentee_user, days=3)

    health = pair_health([pair])[pair.pk]

    assert health.sessions_held == 2
    assert health.sessions_expected == 2
    assert health.days_since == 5
    assert not health.at_risk


def test_pair_health_cadence_from_charter():
    pair, _mentee_user, _mentor_user = make_pair()
    _started(pair, 43)
    PairCharter.objects.create(pair=pair, confidentiality="x", cadence_weeks=1)

    assert pair_health([pair])[pair.pk].sessions_expected == 6


def test_pair_health_at_risk_without_session_for_30_days():
    pair, mentee_user, _mentor_user = make_pair()
    _started(pair, 60)
    held(pair, mentee_user, days=-31)

    health = pair_health([pair])[pair.pk]

    assert health.at_risk
    assert health.reasons == ("no_session",)


def test_pair_health_new_pair_without_session_is_not_at_risk():
    pair, _mentee_user, _mentor_user = make_pair()
    _started(pair, 10)

    health = pair_health([pair])[pair.pk]

    assert health.last_held is None
    assert not health.at_risk


def test_pair_health_at_risk_when_last_two_pulses_low():
    pair, mentee_user, _mentor_user = make_pair()
    _started(pair, 20)
    good = held(pair, mentee_user, days=-10)
    _pulse(good, pair.mentee, 5)
    _pulse(good, pair.mentor, 5)
    bad = held(pair, mentee_user, days=-2)
    _pulse(bad, pair.mentee, 2)
    _pulse(bad, pair.mentor, 2)

    health = pair_health([pair])[pair.pk]

    assert health.pulse_average == 3.5
    assert health.recent_pulse_average == 2
    assert health.reasons == ("low_pulse",)


def test_pair_health_at_risk_with_open_concern():
    pair, mentee_user, _mentor_user = make_pair()
    _started(pair, 5)
    Concern.objects.create(pair=pair, author=mentee_user, text="Secret worry")
    Concern.objects.create(pair=pair, author=mentee_user, text="Old", status=ConcernStatus.RESOLVED)

    health = pair_health([pair])[pair.pk]

    assert health.open_concerns == 1
    assert health.reasons == ("open_concern",)
    assert "Secret" not in repr(health)


def test_pair_health_closed_pair_never_at_risk():
    pair, _mentee_user, _mentor_user = make_pair()
    _started(pair, 90)
    pair.status = PairStatus.ENDED
    pair.ended_at = timezone.now()
    pair.save()

    assert not pair_health([pair])[pair.pk].at_risk


def _pairs(count: int):
    programme = matching_programme()
    pairs = []
    for _ in range(count):
        pair, mentee_user, _mentor_user = make_pair(programme=programme)
        session = held(pair, mentee_user)
        _pulse(session, pair.mentee, 4)
        Concern.objects.create(pair=pair, author=mentee_user, text="x")
        pairs.append(pair)
    return pairs


@pytest.mark.parametrize("count", [1, 3])
def test_pair_health_constant_queries(count, django_assert_num_queries):
    pairs = _pairs(count)

    with django_assert_num_queries(4):
        health = pair_health(pairs)

    assert len(health) == count


def test_pair_health_of_nothing_makes_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert pair_health([]) == {}


@pytest.mark.parametrize("who", ["mentor", "mentee"])
def test_pair_health_at_risk_when_a_member_left(who):
    pair, mentee_user, _mentor_user = make_pair()
    _started(pair, 10)
    held(pair, mentee_user, days=-2)
    person = getattr(pair, who).person
    person.is_active = False
    person.save()

    health = pair_health([pair])[pair.pk]

    assert health.at_risk and health.reasons == (f"{who}_left",)


def test_pair_health_closed_pair_is_not_flagged_when_a_member_left():
    pair, _mentee_user, _mentor_user = make_pair()
    pair.status = PairStatus.ENDED
    pair.save(update_fields=["status"])
    pair.mentor.person.is_active = False
    pair.mentor.person.save()
    assert not pair_health([pair])[pair.pk].at_risk
