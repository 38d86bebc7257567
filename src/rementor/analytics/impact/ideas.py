"""Ideas logged by pairs, per department concerned. A pair counts as one for the minimum group
size; the departments' pairs share the total's (a pair may log ideas for several), so no
hidden count can be narrowed to one value from the total
(:func:`~rementor.analytics.suppression.suppress_groups`).

Adopted ideas (a programme manager recorded what changed in the company) are counted the same
way: for sponsors, only when at least the minimum group size of pairs are behind them, and
only when the total is shown itself (a hidden total stays unguessable)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from rementor.analytics import suppression
from rementor.analytics.impact.health import HealthLine
from rementor.analytics.impact.stat import Stat, State, stat_for, withheld
from rementor.mentoring.models import Idea
from rementor.programmes.models import Programme


@dataclass(frozen=True)
class Ideas:
    total: Stat  # value = ideas; n = pairs
    by_department: tuple[HealthLine, ...]
    adopted: Stat  # value = adopted ideas; n = pairs behind them


def ideas(*, programme: Programme, pairs_q: Q, min_size: int | None) -> Ideas:
    """Two queries: per department concerned, and the pairs behind them all (adopted ones
    counted in the second)."""
    logged = Idea.objects.filter(pairs_q, pair__programme=programme).order_by()
    rows = list(
        logged.values("department", "department__name").annotate(
            ideas=Count("pk"), pairs=Count("pair", distinct=True)
        )
    )
    adopted_q = Q(adopted_on__isnull=False)
    overall = logged.aggregate(
        ideas=Count("pk"),
        pairs=Count("pair", distinct=True),
        adopted=Count("pk", filter=adopted_q),
        adopted_pairs=Count("pair", filter=adopted_q, distinct=True),
    )
    hidden = suppression.suppress_groups(
        {(row["department"], "ideas"): row["pairs"] for row in rows},
        min_size=min_size,
        col_totals={"ideas": overall["pairs"]},
        cols_share_people=True,
    )
    rows.sort(key=lambda r: (r["department"] is None, (r["department__name"] or "").casefold()))
    lines = tuple(
        HealthLine(
            key=str(row["department"] or ""),
            label=row["department__name"] or _("No department"),
            stat=stat_for(
                row["pairs"],
                row["ideas"],
                hidden=(row["department"], "ideas") in hidden,
                min_size=min_size,
            ),
        )
        for row in rows
    )
    total = stat_for(
        overall["pairs"],
        overall["ideas"],
        hidden=suppression.Total("col", "ideas") in hidden,
        min_size=min_size,
    )
    if total.state == State.EMPTY:
        total = Stat(State.SHOWN, value=0, n=0)
    if not total.shown:
        adopted = Stat(total.state)
    elif not overall["adopted"]:
        adopted = Stat(State.SHOWN, value=0, n=0)
    else:
        adopted = stat_for(overall["adopted_pairs"], overall["adopted"], min_size=min_size)
    return withheld(Ideas(total=total, by_department=lines, adopted=adopted), hidden)
