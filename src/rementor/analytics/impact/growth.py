"""Mentors' growth: the mentors' own objectives (dropped ones left out) — number of mentors,
average progress (%), share achieved — per area (communication, pedagogy, leadership) and
over every area (a mentor may work on several).

For sponsors, an average progress of 0 % or 100 % says where each objective stands: hidden,
and so is a further area when the hidden ones together average at an end
(:func:`~rementor.analytics.suppression.suppress_groups` with ``scale``). The share achieved
is shown only when the mentors with an objective achieved and those with one still open are
each at least the minimum (either side of a share small would give those few mentors away),
with complementary suppression across areas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _

from rementor.analytics import suppression
from rementor.analytics.impact.stat import (
    EMPTY,
    TOTAL,
    Stat,
    State,
    share,
    stat_for,
    withheld,
)
from rementor.mentoring.models import MentorGoalArea, Objective, ObjectiveOwner, ObjectiveStatus
from rementor.programmes.models import Programme

PROGRESS = (0, 100)
ACHIEVED = Q(status=ObjectiveStatus.ACHIEVED)
SIDES = ("achieved_mentors", "open_mentors")  # the two sides of a share achieved


@dataclass(frozen=True)
class GrowthLine:
    key: str
    label: str
    stat: Stat  # value = average progress (%); n = mentors; extra: objectives
    achieved: Stat = EMPTY  # value = share of the objectives achieved; n = mentors


def growth(
    *, programme: Programme, mentors: Q, min_size: int | None
) -> tuple[tuple[GrowthLine, ...], Stat, Stat]:
    """Two queries: per area, and over every area. Returns the areas' lines, and the
    average progress and the share achieved over every area."""
    objectives = (
        Objective.objects.filter(mentors, pair__programme=programme, owner=ObjectiveOwner.MENTOR)
        .exclude(status=ObjectiveStatus.DROPPED)
        .order_by()
    )
    figures = _figures()
    by_area = {row["area"]: row for row in objectives.values("area").annotate(**figures)}
    overall = objectives.aggregate(**figures)
    hidden = _hidden_progress(by_area, overall, min_size=min_size)
    hidden_shares = _hidden_shares(by_area, overall, hidden, min_size=min_size)
    areas = [(area.value, area.label) for area in MentorGoalArea]
    if "" in by_area:
        areas.append(("", _("Other")))
    lines = tuple(
        GrowthLine(
            key=key,
            label=str(label),
            stat=_progress(by_area.get(key), (key, "all") in hidden, min_size=min_size),
            achieved=_achieved(
                by_area.get(key),
                (key, "all") in hidden,
                any((key, side) in hidden_shares for side in SIDES),
                min_size=min_size,
            ),
        )
        for key, label in areas
    )
    everyone = overall if overall["objectives"] else None
    hide_total = suppression.Total("col", "all") in hidden
    return withheld(
        (
            lines,
            _progress(everyone, hide_total, min_size=min_size),
            _achieved(everyone, hide_total, TOTAL in hidden_shares, min_size=min_size),
        ),
        hidden | hidden_shares,
    )


def _figures() -> dict:
    return {
        "mentors": Count("pair__mentor", distinct=True),
        "objectives": Count("pk"),
        "progress": Avg("progress"),
        "achieved": Count("pk", filter=ACHIEVED),
        "achieved_mentors": Count("pair__mentor", distinct=True, filter=ACHIEVED),
        "open_mentors": Count("pair__mentor", distinct=True, filter=~ACHIEVED),
    }


def _hidden_progress(by_area: Mapping[str, dict], overall: Mapping, *, min_size: int | None) -> set:
    """The areas (and the total over every area) whose mentors and progress are hidden."""
    # Average progress of 0 % or 100 % says where each objective stands: hidden, and so is
    # a further area when the hidden ones together average at an end (objectives, in the
    # report, weigh the averages).
    return suppression.suppress_groups(
        {(area, "all"): row["mentors"] for area, row in by_area.items()},
        min_size=min_size,
        col_totals={"all": overall["mentors"]},
        cols_share_people=True,
        means={
            (area, "all"): (float(row["progress"] or 0), row["objectives"])
            for area, row in by_area.items()
        },
        scale=PROGRESS,
        hidden=(
            [suppression.Total("col", "all")]
            if suppression.at_end(overall["progress"], PROGRESS)
            else []
        ),
    )


def _hidden_shares(
    by_area: Mapping[str, dict], overall: Mapping, hidden: set, *, min_size: int | None
) -> set:
    """The (area, side) cells whose share achieved is hidden, and TOTAL when the share over
    every area is: the mentors with an objective achieved and those with one open, per area,
    suppressed as a table whose lines share people (nothing for managers)."""
    if min_size is None:
        return set()
    hidden_shares = suppression.suppress(
        {
            (area, side): suppression.Cell(n=row[side], value=0.0)
            for area, row in by_area.items()
            for side in SIDES
        },
        min_size=min_size,
        row_totals={area: row["mentors"] for area, row in by_area.items()},
        col_totals={side: overall[side] for side in SIDES},
        rows_share_people=True,
        cols_share_people=True,
        hidden={(key[0], side) for key in hidden if isinstance(key, tuple) for side in SIDES},
    )
    if any(overall[side] < min_size for side in SIDES) or any(
        isinstance(key, suppression.Total) and key.axis == "col" for key in hidden_shares
    ):
        hidden_shares.add(TOTAL)
    hidden_shares |= {
        (key.line, side)
        for key in hidden_shares
        if isinstance(key, suppression.Total) and key.axis == "row"
        for side in SIDES
    }
    return hidden_shares


def _progress(row: Mapping | None, hide: bool, *, min_size: int | None) -> Stat:
    if not row:
        return EMPTY
    return stat_for(
        row["mentors"],
        row["progress"],
        hidden=hide,
        min_size=min_size,
        extra={"objectives": row["objectives"]},
    )


def _achieved(row: Mapping | None, hide: bool, hide_share: bool, *, min_size: int | None) -> Stat:
    if not row:
        return EMPTY
    line = _progress(row, hide, min_size=min_size)
    if not line.shown:
        return line
    if hide_share:
        small = min(row["achieved_mentors"], row["open_mentors"]) < (min_size or 0)
        return Stat(State.SMALL if small else State.PROTECTED)
    return Stat(State.SHOWN, value=share(row["achieved"], row["objectives"]), n=line.n)
