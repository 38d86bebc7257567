"""Sessions held: how many, hours (the sum of their durations) and the pairs that held at
least one (a pair counts as one for the minimum group size)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from rementor.analytics.impact.stat import Stat, State, stat_for
from rementor.mentoring.models import MentoringSession, SessionStatus
from rementor.programmes.models import Programme


@dataclass(frozen=True)
class Sessions:
    held: Stat  # value = sessions; n = pairs; extra: hours


def sessions(*, programme: Programme, pairs_q: Q, min_size: int | None) -> Sessions:
    """One query."""
    row = (
        MentoringSession.objects.filter(
            pairs_q, pair__programme=programme, status=SessionStatus.HELD
        )
        .order_by()
        .aggregate(
            sessions=Count("pk"),
            minutes=Coalesce(Sum("duration_minutes"), 0),
            pairs=Count("pair", distinct=True),
        )
    )
    held = stat_for(
        row["pairs"], row["sessions"], min_size=min_size, extra={"hours": row["minutes"] / 60}
    )
    if held.state == State.EMPTY:
        held = Stat(State.SHOWN, value=0, n=0, extra={"hours": 0})
    return Sessions(held=held)
