"""pair_risks, what the pairs page sorts, filters and counts every pair on, says what
pair_health says of each pair: the at-risk flag, its reasons and the days since the last
held session, without reading every pulse."""

import datetime as dt

import pytest
from django.utils import timezone

from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.models import Concern, ConcernStatus, Pulse
from rementor.mentoring.queries import pair_health, pair_risks
from tests.rementor.matching.factories import matching_programme
from tests.rementor.mentoring.factories import held, make_pair, planned

pytestmark = pytest.mark.django_db


def _pulses(session, pair, mentee: int, mentor: int) -> None:
    Pulse.objects.create(session=session, author=pair.mentee, usefulness=mentee, comfort=mentee)
    Pulse.objects.create(session=session, author=pair.mentor, usefulness=mentor, comfort=mentor)


def _every_kind_of_pair():
    """One pair of each case the at-risk flag tells apart, in one programme."""
    programme = matching_programme()
    programme.start_date = (timezone.now() - dt.timedelta(days=90)).date()
    programme.save()

    def pair(days_ago: int = 60):
        made, mentee_user, _mentor_user = make_pair(programme=programme)
        made.created_at = timezone.now() - dt.timedelta(days=days_ago)
        made.save(update_fields=["created_at"])
        return made, mentee_user

    healthy, user = pair()
    _pulses(held(healthy, user, days=-3), healthy, 4, 5)
    planned(healthy, user, days=4)
    # A low pulse long ago, two good ones since: not at risk.
    recovered, user = pair()
    _pulses(held(recovered, user, days=-20), recovered, 1, 1)
    _pulses(held(recovered, user, days=-5), recovered, 4, 4)
    # The last two pulses low, the earlier ones good.
    low, user = pair()
    _pulses(held(low, user, days=-20), low, 5, 5)
    _pulses(held(low, user, days=-2), low, 2, 2)
    # One low pulse and one good on the last session: averages 2.5, not below.
    borderline, user = pair()
    _pulses(held(borderline, user, days=-2), borderline, 1, 4)
    silent, user = pair()
    held(silent, user, days=-31)
    pair(days_ago=45)  # never met
    pair(days_ago=3)  # new
    # Made before the programme started: counted from the programme's first day.
    pair(days_ago=200)
    worried, user = pair()
    held(worried, user, days=-1)
    Concern.objects.create(pair=worried, author=user, text="x")
    resolved, user = pair()
    held(resolved, user, days=-1)
    Concern.objects.create(pair=resolved, author=user, text="x", status=ConcernStatus.RESOLVED)
    left, user = pair()
    left.mentor.person.is_active = False
    left.mentor.person.save()
    paused, user = pair()
    _pulses(held(paused, user, days=-40), paused, 1, 2)
    Pair.objects.filter(pk=paused.pk).update(status=PairStatus.PAUSED)
    ended, user = pair()
    _pulses(held(ended, user, days=-40), ended, 1, 1)
    ended.mentee.person.is_active = False
    ended.mentee.person.save()
    Pair.objects.filter(pk=ended.pk).update(status=PairStatus.ENDED, ended_at=timezone.now())
    return programme


def test_pair_risks_say_what_pair_health_says():
    programme = _every_kind_of_pair()
    pairs = Pair.objects.filter(programme=programme)
    now = timezone.now()

    health = pair_health(pairs, now=now)
    risks = pair_risks(pairs, now=now)

    assert set(risks) == set(health)
    for pk, risk in risks.items():
        expected = health[pk]
        assert (risk.at_risk, risk.reasons, risk.days_since) == (
            expected.at_risk,
            expected.reasons,
            expected.days_since,
        ), pk
    # The cases are really there: every reason shows, and some pairs are not at risk.
    reasons = {reason for risk in risks.values() for reason in risk.reasons}
    assert reasons == {"mentor_left", "no_session", "low_pulse", "open_concern"}
    assert sum(not risk.at_risk for risk in risks.values()) >= 4


def test_pair_risks_only_of_the_pairs_given():
    programme = _every_kind_of_pair()
    other, _user = make_pair()[:2]

    risks = pair_risks(Pair.objects.filter(programme=programme))

    assert other.pk not in risks
    assert len(risks) == Pair.objects.filter(programme=programme).count()


@pytest.mark.parametrize("count", [1, 4])
@pytest.mark.parametrize(("low", "queries"), [(True, 6), (False, 5)])
def test_pair_risks_constant_queries(count, low, queries, django_assert_num_queries):
    """The pairs, their last held session, the pairs whose mentor left, those whose mentee
    left, their open concerns, the pairs that gave a low pulse, and only when there are
    some, the last two pulses of those."""
    programme = matching_programme()
    for _ in range(count):
        pair, user, _mentor_user = make_pair(programme=programme)
        _pulses(held(pair, user), pair, 1 if low else 4, 2 if low else 5)
        Concern.objects.create(pair=pair, author=user, text="x")

    with django_assert_num_queries(queries):
        risks = pair_risks(Pair.objects.filter(programme=programme))

    assert len(risks) == count
    expected = ("low_pulse", "open_concern") if low else ("open_concern",)
    assert all(risk.reasons == expected for risk in risks.values())


def test_who_left_is_told_apart_and_only_for_their_own_pairs():
    """A mentee who left flags their pair "mentee_left" (not "mentor_left"); someone who left
    flags only the pairs they are in, not the other pairs of the programme."""
    programme = matching_programme()
    gone, _user, _mentor_user = make_pair(programme=programme)
    staying, _user, _mentor_user = make_pair(programme=programme)
    gone.mentee.person.is_active = False
    gone.mentee.person.save()

    risks = pair_risks(Pair.objects.filter(programme=programme))

    assert "mentee_left" in risks[gone.pk].reasons
    assert "mentor_left" not in risks[gone.pk].reasons
    assert not {"mentee_left", "mentor_left"} & set(risks[staying.pk].reasons)
