"""Pair health: how many pairs are on track, at risk, paused, completed or ended early, and
(for the programme team only) which pairs are at risk and why.

From :func:`rementor.mentoring.queries.pair_health`: *at risk* — an active or paused pair
with no session for 30 days, a low recent pulse or an open concern; *on track* — an active
pair not at risk; *paused* — paused, not at risk; *completed*; *ended early*. A pair counts as
one for the minimum group size (which only makes the rule stricter).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rementor.analytics.impact.stat import TOTAL, Stat, count_stat, hidden_counts, withheld
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.queries import PairHealth, may_be_at_risk, pair_health
from rementor.programmes.models import Programme

# The names of a pair at risk: read for the programme team only.
NAMES = [
    "mentee__person__first_name",
    "mentee__person__last_name",
    "mentor__person__first_name",
    "mentor__person__last_name",
]


@dataclass(frozen=True)
class HealthLine:
    key: str
    label: str
    stat: Stat  # value = pairs


@dataclass(frozen=True)
class AtRiskPair:
    pair_id: int
    mentee: str
    mentor: str
    reasons: tuple[str, ...]  # labels
    days_since: int
    sessions_held: int
    sessions_expected: int
    recent_pulse: float | None
    open_concerns: int


def _reason_labels() -> dict[str, str]:
    return {
        "mentor_left": _("mentor left the company"),
        "mentee_left": _("mentee left the company"),
        "no_session": _("no session for 30 days"),
        "low_pulse": _("low recent pulse"),
        "open_concern": _("open concern"),
    }


def _line_labels() -> dict[str, str]:
    return {
        "on_track": _("On track"),
        "at_risk": _("At risk"),
        "paused": pgettext("pairs", "Paused"),
        "completed": pgettext("pairs", "Completed"),
        "ended": pgettext("pairs", "Ended early"),
    }


def health(
    *, programme: Programme, pairs_q: Q, now: dt.datetime, min_size: int | None
) -> tuple[tuple[HealthLine, ...], Stat, tuple[AtRiskPair, ...]]:
    """Six queries: pairs per status, the pairs that may be at risk, pair_health's four.

    pair_health says which pairs are at risk, but it reads every pulse of the pairs it is
    given. So it is given only the running pairs that *may* be at risk (:func:`_candidates`).
    Names and the at-risk list are read for the programme team only (``min_size`` None).
    """
    pairs = Pair.objects.filter(pairs_q, programme=programme).order_by()
    by_status = dict(pairs.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    names = min_size is None
    candidates = _candidates(pairs, now=now, names=names)
    states = pair_health([p["pk"] for p in candidates], now=now)
    counts = {
        "at_risk": 0,
        "on_track": by_status.get(PairStatus.ACTIVE, 0),
        "paused": by_status.get(PairStatus.PAUSED, 0),
        "completed": by_status.get(PairStatus.COMPLETED, 0),
        "ended": by_status.get(PairStatus.ENDED, 0),
    }
    at_risk = []
    reasons = _reason_labels()
    for pair in candidates:
        state = states[pair["pk"]]
        if not state.at_risk:
            continue
        counts["at_risk"] += 1
        counts["on_track" if pair["status"] == PairStatus.ACTIVE else "paused"] -= 1
        if names:
            at_risk.append(_at_risk_pair(pair, state, reasons))
    # Most urgent first: more reasons, then longer without a session.
    at_risk.sort(key=lambda p: (-len(p.reasons), -p.days_since, p.pair_id))
    lines, total = _lines(counts, sum(by_status.values()), min_size=min_size)
    return lines, total, tuple(at_risk)


def _candidates(pairs: QuerySet[Pair], *, now: dt.datetime, names: bool) -> list[dict]:
    """The running pairs that may be at risk (:func:`~rementor.mentoring.queries.may_be_at_risk`),
    with their status and (for the programme team) their names."""
    fields = ["pk", "status", *(NAMES if names else [])]
    return list(may_be_at_risk(pairs, now=now).values(*fields))


def _at_risk_pair(pair: dict, state: PairHealth, reasons: dict[str, str]) -> AtRiskPair:
    return AtRiskPair(
        pair_id=pair["pk"],
        mentee=f"{pair['mentee__person__first_name']} {pair['mentee__person__last_name']}",
        mentor=f"{pair['mentor__person__first_name']} {pair['mentor__person__last_name']}",
        reasons=tuple(reasons[r] for r in state.reasons),
        days_since=state.days_since,
        sessions_held=state.sessions_held,
        sessions_expected=state.sessions_expected,
        recent_pulse=state.recent_pulse_average,
        open_concerns=state.open_concerns,
    )


def _lines(
    counts: dict[str, int], total: int, *, min_size: int | None
) -> tuple[tuple[HealthLine, ...], Stat]:
    """The pairs per health, and all pairs: the lines add up to the total."""
    hidden = hidden_counts(
        {**counts, TOTAL: total},
        min_size=min_size,
        sums={TOTAL: list(counts)},
    )
    lines = tuple(
        HealthLine(
            key=key,
            label=label,
            stat=count_stat(counts[key], hidden=key in hidden, min_size=min_size),
        )
        for key, label in _line_labels().items()
    )
    return withheld((lines, count_stat(total, hidden=TOTAL in hidden, min_size=min_size)), hidden)
