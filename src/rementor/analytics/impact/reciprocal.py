"""Both directions of a programme that ends with a reciprocal phase (issue 17, the role swap):
sessions held and objectives achieved in the reverse phase (the junior mentors the senior)
and in the reciprocal phase (the senior mentors the junior), and the pairs that swapped.

Nothing (None) for a programme without a reciprocal phase. A pair counts as one for the
minimum group size. For sponsors the phases go through
:func:`~rementor.analytics.suppression.suppress_groups`: the sessions column adds up to the
sessions held shown in the key figures, so a phase hidden because too few pairs are behind it
hides the other one too (the total minus the shown phase would give it away); the phases share
pairs (a pair holds sessions in both), which the suppression is told."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from rementor.analytics import suppression
from rementor.analytics.impact.stat import Stat, State, count_stat, stat_for, withheld
from rementor.mentoring.models import (
    MentoringSession,
    Objective,
    ObjectiveStatus,
    Phase,
    ReciprocalPhase,
    SessionStatus,
)
from rementor.programmes.models import Programme

SESSIONS, OBJECTIVES = "sessions", "objectives"


@dataclass(frozen=True)
class PhaseLine:
    key: str
    label: str
    sessions: Stat  # value = sessions held; n = pairs that held them
    objectives: Stat  # value = objectives achieved; n = pairs that achieved them


@dataclass(frozen=True)
class Reciprocal:
    swapped: Stat  # value = n = pairs that started the reciprocal phase
    lines: tuple[PhaseLine, ...]


def _per_phase(queryset, *, value) -> dict[str, dict]:
    rows = (
        queryset.order_by()
        .values("phase")
        .annotate(value=value, pairs=Count("pair", distinct=True))
    )
    return {row["phase"]: row for row in rows}


def reciprocal(*, programme: Programme, pairs_q: Q, min_size: int | None) -> Reciprocal | None:
    """Four queries, none for a programme without a reciprocal phase."""
    if not programme.reciprocal_phase:
        return None
    held = _per_phase(
        MentoringSession.objects.filter(
            pairs_q, pair__programme=programme, status=SessionStatus.HELD
        ),
        value=Count("pk"),
    )
    achieved = _per_phase(
        Objective.objects.filter(
            pairs_q, pair__programme=programme, status=ObjectiveStatus.ACHIEVED
        ),
        value=Count("pk"),
    )
    swapped = ReciprocalPhase.objects.filter(pairs_q, pair__programme=programme).count()
    # The pairs behind the key figures' sessions held (the column's shown total).
    held_pairs = (
        MentoringSession.objects.filter(
            pairs_q, pair__programme=programme, status=SessionStatus.HELD
        )
        .values("pair")
        .distinct()
        .count()
    )
    groups = {}
    for phase in Phase.values:
        groups[(phase, SESSIONS)] = held.get(phase, {}).get("pairs", 0)
        groups[(phase, OBJECTIVES)] = achieved.get(phase, {}).get("pairs", 0)
    hidden = suppression.suppress_groups(
        groups,
        min_size=min_size,
        col_totals={SESSIONS: held_pairs},
        cols_share_people=True,
    )

    def figure(phase: str, column: str, rows: dict) -> Stat:
        row = rows.get(phase)
        if not row or not row["value"]:
            return Stat(State.SHOWN, value=0, n=0)
        return stat_for(
            row["pairs"], row["value"], hidden=(phase, column) in hidden, min_size=min_size
        )

    lines = tuple(
        PhaseLine(
            key=phase,
            label=str(label),
            sessions=figure(phase, SESSIONS, held),
            objectives=figure(phase, OBJECTIVES, achieved),
        )
        for phase, label in Phase.choices
    )
    return withheld(
        Reciprocal(swapped=count_stat(swapped, hidden=False, min_size=min_size), lines=lines),
        hidden,
    )
