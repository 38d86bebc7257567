"""Impact on skills: levels at the start and at the end, and the share of the gap closed,
per skill and per department.

For each mentee and skill with both a submitted baseline and a submitted final
self-assessment, baseline level vs final level (averaged over those people), and the share of
the priority-weighted gap closed::

    gap = max(0, baseline target - baseline level)
    closed = min(gap, max(0, final level - baseline level))
    share = sum(priority x closed) / sum(priority x gap)

(priority and target from the baseline: what the mentee committed to at the start; climbing
above the target does not count twice, going down counts as nothing closed).

For sponsors, the table is department x skill, as the needs heat map: a department's mentees
answer every skill, and the departments' totals add up to the headline, so no hidden count can
be narrowed to one value from the totals and the labels
(:func:`~rementor.analytics.suppression.suppress_groups`). A share closed of 0 % or 100 %, or
a level of 0 or 4, says what each mentee behind it did or answered: hidden like a small group.
Final self-assessments are read up to the last step of the minimum number of mentees, oldest
first (:func:`rementor.analytics.queries.oldest_responses`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils.translation import gettext as _

from rementor.analytics import queries, suppression
from rementor.analytics.impact.stat import (
    TOTAL,
    Stat,
    share,
    stat_for,
    waiting_stat,
    withheld,
)
from rementor.programmes.models import Programme, Role
from rementor.skills.models import AssessmentItem, AssessmentKind, Skill
from rementor.skills.queries import programme_skills

LEVELS = (0, 4)  # skills.levels.Level
DEPARTMENT = "assessment__enrollment__person__department"
DEPARTMENT_NAME = f"{DEPARTMENT}__name"
# The same person's baseline items, reached through the final item's enrolment.
BASELINE = "assessment__enrollment__assessments__"
SUMS = ("base", "final", "gap", "closed", "items")


@dataclass(frozen=True)
class Column:
    key: Hashable
    label: str


@dataclass(frozen=True)
class ImpactRow:
    """A department's line (or the all-departments line): per-skill cells and its total.

    Each Stat's value is the share of the weighted gap closed (0-1); extra holds
    ``baseline`` and ``final`` (average levels) and ``gap`` / ``closed`` (weighted sums)."""

    key: Hashable
    label: str
    cells: tuple[Stat, ...]
    total: Stat


@dataclass(frozen=True)
class Impact:
    skills: tuple[Column, ...]
    departments: tuple[ImpactRow, ...]
    all_departments: ImpactRow  # per skill over everyone; its total is the headline
    hidden_departments: int

    @property
    def by_skill(self) -> list[tuple[Column, Stat]]:
        return list(zip(self.skills, self.all_departments.cells, strict=True))


@dataclass(frozen=True)
class _Sums:
    """The impact sums read from the database: per (department, skill) cell, per department
    (with its ``people``), per skill, and over everyone."""

    cells: dict[tuple[Hashable, int], dict]
    departments: dict[Hashable, dict]
    columns: dict[int, dict]
    everyone: dict

    @property
    def people(self) -> int:
        return sum(row["people"] for row in self.departments.values())


def impact_on_skills(*, programme: Programme, people: Q, min_size: int | None) -> Impact:
    """Three queries (four for sponsors: the oldest final self-assessments)."""
    skills = list(programme_skills(programme).order_by("category__position", "position", "code"))
    items = _final_items(programme=programme, people=people, skills=skills)
    # Sponsors: the oldest final self-assessments only, in steps of min_size mentees.
    oldest = queries.oldest_responses(
        items,
        author="assessment__enrollment",
        time="assessment__submitted_at",
        pk="assessment__pk",
        step=min_size,
    )
    sums = _sums(items.filter(oldest.filter), skills)
    hidden_departments: set = set()
    if min_size is not None:
        hidden_departments = {k for k, row in sums.departments.items() if row["people"] < min_size}
    hidden = _hidden(sums, min_size=min_size)

    def stat(row: Mapping | None, *, hide: bool, n: int | None = None) -> Stat:
        count, extra = _measure(row, n)
        return stat_for(
            count,
            share(extra.get("closed", 0), extra.get("gap", 0)),
            hidden=hide,
            min_size=min_size,
            extra=extra,
        )

    rows = tuple(
        ImpactRow(
            key=row[DEPARTMENT],
            label=row[DEPARTMENT_NAME] or _("No department"),
            cells=tuple(
                stat(
                    sums.cells.get((row[DEPARTMENT], s.pk)), hide=(row[DEPARTMENT], s.pk) in hidden
                )
                for s in skills
            ),
            total=stat(
                row,
                hide=suppression.Total("row", row[DEPARTMENT]) in hidden,
                n=row["people"],
            ),
        )
        for row in _ordered(sums.departments.values())
        if row[DEPARTMENT] not in hidden_departments
    )
    all_row = ImpactRow(
        key=TOTAL,
        label=_("All departments"),
        cells=tuple(
            waiting_stat(
                stat(sums.columns[s.pk], hide=suppression.Total("col", s.pk) in hidden),
                oldest.waiting,
            )
            for s in skills
        ),
        total=waiting_stat(
            stat(sums.everyone, hide=suppression.GRAND in hidden, n=sums.people),
            oldest.waiting,
        ),
    )
    rows, all_row = withheld((rows, all_row), hidden)
    return Impact(
        skills=tuple(Column(key=s.pk, label=s.name) for s in skills),
        departments=tuple(rows),
        all_departments=all_row,
        hidden_departments=len(hidden_departments),
    )


def _final_items(*, programme: Programme, people: Q, skills: Sequence[Skill]) -> QuerySet:
    """The mentees' submitted final items on the programme's skills, each with the weighted
    gap and the part of it closed since the same person's submitted baseline item."""
    # The baseline item joined (not a subquery per item): conditions on a multi-valued
    # relation in one filter() call share one join, and the aliases after it reuse that join.
    return (
        AssessmentItem.objects.filter(
            people,
            assessment__enrollment__programme=programme,
            assessment__enrollment__role=Role.MENTEE,
            assessment__kind=AssessmentKind.FINAL,
            assessment__submitted_at__isnull=False,
            skill__in=[skill.pk for skill in skills],
        )
        .filter(
            **{
                f"{BASELINE}kind": AssessmentKind.BASELINE,
                f"{BASELINE}submitted_at__isnull": False,
                f"{BASELINE}items__skill": F("skill"),
            }
        )
        .alias(
            b_level=F(f"{BASELINE}items__level"),
            b_target=F(f"{BASELINE}items__target"),
            b_priority=F(f"{BASELINE}items__priority"),
        )
        .alias(
            gap=Greatest(
                Coalesce("b_target", "b_level", output_field=IntegerField()) - F("b_level"),
                Value(0),
            ),
        )
        .alias(
            w_gap=F("b_priority") * F("gap"),
            w_closed=F("b_priority")
            * Least(F("gap"), Greatest(F("level") - F("b_level"), Value(0))),
        )
        .order_by()
    )


def _sums(items: QuerySet, skills: Sequence[Skill]) -> _Sums:
    """Two queries: the sums per (department, skill) and per department."""
    sums = {
        "base": Sum("b_level"),
        "final": Sum("level"),
        "gap": Sum("w_gap"),
        "closed": Sum("w_closed"),
        "items": Count("pk"),
    }
    cells: dict[tuple[Hashable, int], dict] = {}
    for row in items.values(DEPARTMENT, "skill_id").annotate(**sums):
        # One final item per person and skill: items counted are people.
        cells[(row[DEPARTMENT], row["skill_id"])] = row
    departments: dict[Hashable, dict] = {}
    for row in items.values(DEPARTMENT, DEPARTMENT_NAME).annotate(
        people=Count("assessment", distinct=True), **sums
    ):
        departments[row[DEPARTMENT]] = row
    return _Sums(
        cells=cells,
        departments=departments,
        columns={s.pk: _add(r for k, r in cells.items() if k[1] == s.pk) for s in skills},
        everyone=_add(departments.values()),
    )


def _add(rows: Iterable[Mapping]) -> dict:
    result = dict.fromkeys(SUMS, 0)
    for row in rows:
        for key in result:
            result[key] += row[key] or 0
    return result


def _measure(row: Mapping | None, n: int | None = None) -> tuple[int, dict]:
    """(people behind ``row``'s sums — ``n``, or one per item —, the figures shown)."""
    if not row or not row["items"]:
        return 0, {}
    return (n if n is not None else row["items"]), {
        "baseline": row["base"] / row["items"],
        "final": row["final"] / row["items"],
        "gap": row["gap"],
        "closed": row["closed"],
    }


def _extreme(row: Mapping | None, levels: bool = False) -> bool:
    """Impact sums whose share of the gap closed is 0 or 1 or, with ``levels`` (the lines
    showing them), whose average baseline or final level is 0 or 4."""
    if not row or not row["items"]:
        return False
    if suppression.at_end(share(row["closed"] or 0, row["gap"] or 0), (0, 1)):
        return True
    return levels and any(
        suppression.at_end((row[key] or 0) / row["items"], LEVELS) for key in ("base", "final")
    )


def _hidden(sums: _Sums, *, min_size: int | None) -> set:
    """The cells and totals hidden from sponsors (nothing for managers)."""
    # Shares closed of 0 % or 100 % and levels at an end of the scale say what each mentee
    # behind them did or answered: hidden like a small group.
    extremes: set = set()
    if min_size is not None:
        extremes = {key for key, row in sums.cells.items() if _extreme(row)}
        extremes |= {
            suppression.Total("row", k) for k, row in sums.departments.items() if _extreme(row)
        }
        extremes |= {
            suppression.Total("col", k) for k, row in sums.columns.items() if _extreme(row, True)
        }
        if _extreme(sums.everyone, True):
            extremes.add(suppression.GRAND)
    # Department x skill, as the needs heat map: a department's mentees answer every skill;
    # the departments' totals add up to the headline, so a small department's total is not
    # the headline minus the others.
    return suppression.suppress_groups(
        {key: row["items"] for key, row in sums.cells.items()},
        min_size=min_size,
        row_totals={k: row["people"] for k, row in sums.departments.items()},
        col_totals=True,
        rows_share_people=True,
        grand_total=sums.people,
        hidden=extremes,
    )


def _ordered(departments: Iterable[dict]) -> list[dict]:
    """Departments by name, those without one last."""
    return sorted(
        departments,
        key=lambda r: (r[DEPARTMENT] is None, (r[DEPARTMENT_NAME] or "").casefold()),
    )
