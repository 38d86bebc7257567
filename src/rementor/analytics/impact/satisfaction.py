"""Satisfaction: pulse averages (usefulness, comfort, 1-5) over every pulse given, and the net
promoter score of each check-in (mid-term, final) from "would you recommend the programme"
(0-10): % of promoters (9-10) minus % of detractors (0-6), from -100 to 100.

For sponsors, pulses and check-ins (per kind) are read up to the last step of the minimum
number of different people, oldest first
(:func:`rementor.analytics.queries.oldest_responses`), so one new answer never changes what
they see; while no step is complete, those figures read "fewer than 5", not "none". An
average usefulness or comfort of 1 or 5 is hidden (it says what each pulse answered). A net
promoter score and its shares are shown only when promoters, passives and detractors each
hold at least the minimum (an empty category counts as small), across roles with
complementary suppression (:func:`~rementor.analytics.suppression.suppress_shares`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from rementor.analytics import queries, suppression
from rementor.analytics.impact.stat import (
    EMPTY,
    ROLES,
    TOTAL,
    Stat,
    hidden_counts,
    role_labels,
    stat_for,
    waiting_stat,
    withheld,
)
from rementor.core.numbers import round_half_up
from rementor.mentoring.models import CheckIn, CheckInKind, Pulse
from rementor.programmes.models import Programme

PULSE = (1, 5)
CATEGORIES = ("promoters", "passives", "detractors")
KINDS = (CheckInKind.MIDTERM, CheckInKind.FINAL)


@dataclass(frozen=True)
class SatisfactionLine:
    key: str
    label: str
    stat: Stat  # pulses: value = usefulness; extra comfort, pulses. NPS: value = NPS.


@dataclass(frozen=True)
class Satisfaction:
    pulses: tuple[SatisfactionLine, ...]  # per role, then total
    nps: Mapping[str, tuple[SatisfactionLine, ...]]  # per check-in kind: per role, then total


# --------------------------------------------------------------------------- pulses


def pulse_lines(
    *, programme: Programme, people: Q, min_size: int | None
) -> tuple[SatisfactionLine, ...]:
    """Per role, then everyone: people, pulses, average usefulness and comfort (one query,
    two more for sponsors)."""
    labels = role_labels()
    given = Pulse.objects.filter(people, author__programme=programme)
    oldest = queries.oldest_responses(given, author="author", time="created_at", step=min_size)
    rows = _pulse_rows(given.filter(oldest.filter))
    total = {
        key: sum(row[key] for row in rows.values())
        for key in ("people", "pulses", "usefulness", "comfort")
    }
    hidden = _hidden_pulses(rows, total, min_size=min_size)
    lines = tuple(
        SatisfactionLine(
            key=role,
            label=labels[role],
            stat=waiting_stat(
                _pulse_stat(
                    rows.get(role) if role != TOTAL else total, role in hidden, min_size=min_size
                ),
                oldest.waiting,
            ),
        )
        for role in (*ROLES, TOTAL)
    )
    return withheld(lines, hidden)


def _pulse_rows(pulses: QuerySet[Pulse]) -> dict[str, dict]:
    return {
        row["author__role"]: row
        for row in pulses.order_by()
        .values("author__role")
        .annotate(
            people=Count("author", distinct=True),
            pulses=Count("pk"),
            usefulness=Sum("usefulness"),
            comfort=Sum("comfort"),
        )
    }


def _hidden_pulses(
    rows: Mapping[str, dict], total: Mapping[str, int], *, min_size: int | None
) -> set:
    # An average usefulness or comfort of 1 or 5 says what each pulse answered: hidden, with
    # the role beside it (the total minus one role is the other).
    uniform = [
        role
        for role, row in (*rows.items(), (TOTAL, total))
        if row["pulses"]
        and any(
            suppression.at_end(row[key] / row["pulses"], PULSE) for key in ("usefulness", "comfort")
        )
    ]
    return hidden_counts(
        {
            **{role: (rows.get(role) or {}).get("people", 0) for role in ROLES},
            TOTAL: total["people"],
        },
        min_size=min_size,
        sums={TOTAL: list(ROLES)},
        hidden=uniform,
    )


def _pulse_stat(row: Mapping | None, hide: bool, *, min_size: int | None) -> Stat:
    if not row or not row["pulses"]:
        return EMPTY
    return stat_for(
        row["people"],
        row["usefulness"] / row["pulses"],
        hidden=hide,
        min_size=min_size,
        extra={"comfort": row["comfort"] / row["pulses"], "pulses": row["pulses"]},
    )


# --------------------------------------------------------------------------- net promoter score


def nps_lines(
    *, programme: Programme, people: Q, min_size: int | None
) -> dict[str, tuple[SatisfactionLine, ...]]:
    """Per check-in kind: per role, then everyone (one query, two more for sponsors)."""
    labels = role_labels()
    answers, waiting = _check_ins(
        CheckIn.objects.filter(people, author__programme=programme), min_size=min_size
    )
    check_ins = _check_in_rows(answers)
    nps = {}
    for kind in KINDS:
        rows = {role: check_ins.get((kind, role)) for role in ROLES}
        rows[TOTAL] = {
            key: sum(row[key] for row in rows.values() if row)
            for key in ("n", "people", *CATEGORIES, *(f"{g}_people" for g in CATEGORIES))
        }
        hidden, small = _hidden_shares(rows, min_size=min_size)
        nps[kind.value] = tuple(
            SatisfactionLine(
                key=role,
                label=labels[role],
                stat=waiting_stat(
                    _nps_stat(rows[role], role in hidden, role in small, min_size=min_size),
                    waiting.get(kind, False),
                ),
            )
            for role in (*ROLES, TOTAL)
        )
        nps[kind.value] = withheld(nps[kind.value], hidden)
    return nps


def _check_ins(
    answers: QuerySet[CheckIn], *, min_size: int | None
) -> tuple[QuerySet[CheckIn], dict[str, bool]]:
    """The check-ins the figures are computed on — for sponsors, the oldest of each kind —,
    and for each kind whether sponsors are still waiting for a first step."""
    waiting: dict[str, bool] = {}
    if min_size is None:
        return answers, waiting
    snapshot = Q(pk__in=[])
    for kind in KINDS:
        oldest = queries.oldest_responses(
            answers.filter(kind=kind), author="author", time="created_at", step=min_size
        )
        snapshot |= Q(kind=kind) & oldest.filter
        waiting[kind] = oldest.waiting
    return answers.filter(snapshot), waiting


def _check_in_rows(answers: QuerySet[CheckIn]) -> dict[tuple[str, str], dict]:
    """Per (kind, role): answers and people, in all and per category."""
    groups = {
        "promoters": Q(recommend__gte=9),
        "passives": Q(recommend__gte=7, recommend__lte=8),
        "detractors": Q(recommend__lte=6),
    }
    return {
        (row["kind"], row["author__role"]): row
        for row in (
            answers.order_by()
            .values("kind", "author__role")
            .annotate(
                n=Count("pk"),
                people=Count("author", distinct=True),
                **{group: Count("pk", filter=q) for group, q in groups.items()},
                **{
                    f"{group}_people": Count("author", distinct=True, filter=q)
                    for group, q in groups.items()
                },
            )
        )
    }


def _nps_stat(row: Mapping | None, hide: bool, small: bool, *, min_size: int | None) -> Stat:
    if not row or not row["n"]:
        return EMPTY
    shares = {group: row[group] / row["n"] for group in CATEGORIES}
    return stat_for(
        row["n"],
        # From the counts, exactly: a score of -12.5 is -13, as printed everywhere.
        int(round_half_up(Decimal(100 * (row["promoters"] - row["detractors"])) / row["n"])),
        hidden=hide,
        min_size=min_size,
        small=small,
        extra=shares,
    )


def _hidden_shares(
    rows: Mapping[str, Mapping | None], *, min_size: int | None
) -> tuple[set[str], set[str]]:
    """The roles (and TOTAL) whose net promoter score and shares of promoters, passives and
    detractors sponsors must not see (:func:`rementor.analytics.suppression.suppress_shares`),
    and those of them standing for a small group. Categories are counted in answers (they add
    up) but must each hold ``min_size`` different people (a mentor of two pairs answers
    twice)."""
    if min_size is None:
        return set(), set()
    lines = {
        role: {group: (row or {}).get(group, 0) for group in CATEGORIES}
        for role, row in rows.items()
    }
    few_people = {
        (role, group)
        for role, row in rows.items()
        for group in CATEGORIES
        if (row or {}).get(f"{group}_people", 0) < min_size
    }
    hidden = suppression.suppress_shares(lines, min_size=min_size, total=TOTAL, hidden=few_people)
    small = {role for role, _group in few_people} | {
        role for role, row in rows.items() if (row or {}).get("people", 0) < min_size
    }
    return hidden | small, small
