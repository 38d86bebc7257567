"""Pair health's pulse figures read as per-pair totals and the last two pulses ranked by the
database: exactly those of the former reading of every pulse (kept below as the reference),
with sessions at the same time, pulses given at the same time, one pulse, none."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from rementor.mentoring.models import MentoringSession, Pulse
from rementor.mentoring.queries import pair_health
from tests.rementor.mentoring.factories import held, make_pair

pytestmark = pytest.mark.django_db


def _average(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def reference(pair_id: int) -> dict:
    """The former reading: every pulse of the pair, oldest session first."""
    pulses = list(
        Pulse.objects.filter(session__pair_id=pair_id)
        .order_by("session__starts_at", "created_at", "pk")
        .values_list("usefulness", "comfort")
    )
    scores = [(u + c) / 2 for u, c in pulses]
    return {
        "pulse_average": _average(scores),
        "recent_pulse_average": _average(scores[-2:]),
        "usefulness_average": _average([u for u, _c in pulses]),
        "comfort_average": _average([c for _u, c in pulses]),
        "pulses": len(scores),
    }


# Per pair: per session (days from now), the pulses (usefulness, comfort) of mentee, mentor.
PLANS = [
    [],
    [(-3, [(1, 2)])],
    [(-3, [(5, 4), (1, 1)])],
    [(-40, [(5, 5), (5, 5)]), (-10, [(1, 2), (2, 1)]), (-10, [(4, 4)])],
    [(-20, [(3, 2), (2, 2)]), (-5, [(1, 1)]), (-5, [(5, 5), (4, 5)]), (-2, [(2, 3)])],
    [(-60, [(1, 1)]), (-50, [(2, 2)]), (-31, [(2, 1), (1, 2)])],
]


def test_the_pulse_figures_of_the_former_reading():
    now = timezone.now()
    pair_ids = []
    tied = now - dt.timedelta(days=1)
    for plan in PLANS:
        pair, mentee_user, _mentor_user = make_pair()
        for days, pulses in plan:
            session = held(pair, mentee_user, days=days)
            # Sessions planned the same day start at the same time: ties of the first key.
            MentoringSession.objects.filter(pk=session.pk).update(
                starts_at=(now + dt.timedelta(days=days)).replace(microsecond=0, second=0)
            )
            for author, (usefulness, comfort) in zip(
                (pair.mentee, pair.mentor), pulses, strict=False
            ):
                pulse = Pulse.objects.create(
                    session=session, author=author, usefulness=usefulness, comfort=comfort
                )
                if usefulness % 2:
                    # Given at the same time: ties of the second key, broken by the id.
                    Pulse.objects.filter(pk=pulse.pk).update(created_at=tied)
        pair_ids.append(pair.pk)
    health = pair_health(pair_ids, now=now)
    for pair_id in pair_ids:
        got = health[pair_id]
        expected = reference(pair_id)
        assert {key: getattr(got, key) for key in expected} == expected, pair_id
    assert health[pair_ids[0]].pulses == 0
    assert health[pair_ids[-1]].recent_pulse_average == 1.5
