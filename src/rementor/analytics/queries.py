"""Read-only aggregates over a programme's data, computed in the database.

Every function runs a fixed number of queries whatever the size of the programme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce, Greatest

from rementor.analytics import oldest_marks
from rementor.analytics.suppression import Cell, snapshot_size, totals
from rementor.programmes.models import Programme
from rementor.skills.models import Skill
from rementor.skills.queries import baseline_items, programme_skills

# Department of the mentee behind an assessment item.
_DEPARTMENT = "assessment__enrollment__person__department"
_SITE = "assessment__enrollment__person__site"


def weighted_gap() -> CombinedExpression:
    """priority x max(0, target - level), as ``AssessmentItem.weighted_gap`` and
    ``rementor.skills.queries.programme_needs`` define it (no target: no gap)."""
    return F("priority") * Greatest(
        Coalesce("target", "level", output_field=IntegerField()) - F("level"), Value(0)
    )


@dataclass(frozen=True)
class Department:
    """A heat-map row: ``pk`` is None for mentees without a department."""

    pk: int | None
    name: str


@dataclass
class NeedsHeatMap:
    """Average priority-weighted gap per department and skill, with the people behind each.

    ``cells`` and the totals hold :class:`rementor.analytics.suppression.Cell` (``n`` people,
    ``value`` the average weighted gap). ``skill_sums`` is the total weighted gap per skill
    (what ranks the programme's needs). Department rows share people across skills; skill
    columns do not (a person has one department).
    """

    skills: list[Skill]
    departments: list[Department]
    cells: dict[tuple[int | None, int], Cell] = field(default_factory=dict)
    department_totals: dict[int | None, Cell] = field(default_factory=dict)
    skill_totals: dict[int, Cell] = field(default_factory=dict)
    skill_sums: dict[int, int] = field(default_factory=dict)
    # Sponsors: baselines were submitted, but by too few people yet to show any.
    waiting: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.cells


class Oldest(NamedTuple):
    """The responses sponsors' figures use (``filter``); ``waiting``: some were given, but by
    too few people yet for a first step (figures then read "fewer than 5", not "no answer")."""

    filter: Q
    waiting: bool = False


def oldest_responses(
    responses: QuerySet, *, author: str, time: str, pk: str = "pk", step: int | None
) -> Oldest:
    """The responses sponsors' figures are computed on: the oldest ones, ordered by ``time``
    then ``pk``, in steps of ``step`` people (:func:`rementor.analytics.suppression.snapshot_size`),
    so that one new response never changes what sponsors see. ``responses``: the candidate
    rows (one query); ``author``, ``time`` and ``pk``: paths from its model to the respondent,
    the submission time and the response's id (the filter uses the same paths; one response
    has one time and one respondent). ``step`` None (managers): every response, no query.

    Where the last step ended is kept (:mod:`rementor.analytics.oldest_marks`) when each row
    is a response (``pk`` "pk"): the next call reads only the responses given since."""
    if step is None:
        return Oldest(Q())
    ordered = responses.order_by(time, pk)
    key = oldest_marks.key_of(ordered.values_list(author, pk), step=step) if pk == "pk" else ""
    mark = oldest_marks.read(key) if key else None
    if mark is not None:
        moved = _walk_on(ordered, mark, author=author, time=time, step=step)
        if moved is not None:
            if moved != mark:
                oldest_marks.keep(key, moved)
            return Oldest(_up_to(responses, time, pk, moved.last))
    # Respondents and ids only: the times of tens of thousands of pulses cost more to read
    # than all the rest. A response read through several rows (an assessment's items) comes
    # on adjacent rows of the same (respondent, id), kept once, in order.
    rows = list(dict.fromkeys(ordered.values_list(author, pk)))
    if not rows:
        return Oldest(Q(**{f"{pk}__in": []}))
    size = snapshot_size([row[0] for row in rows], step=step)
    if not size:
        # Before the oldest response: none (still a query, so their number stays fixed).
        return Oldest(Q(**{f"{time}__lt": _time_of(responses, time, pk, rows[0][1])}), waiting=True)
    last = rows[size - 1][1]
    if key:
        oldest_marks.keep(key, oldest_marks.Mark(last=last, seen=max(row[1] for row in rows)))
    return Oldest(_up_to(responses, time, pk, last))


def _walk_on(
    ordered: QuerySet, mark: oldest_marks.Mark, *, author: str, time: str, step: int
) -> oldest_marks.Mark | None:
    """``mark`` moved on over the responses after it (one query), or None when a response
    before it was added since (a clock set back): then every response is walked again."""
    after = ~_up_to(ordered, time, "pk", mark.last)
    rows = list(
        ordered.filter(after | Q(pk__gt=mark.seen))
        .annotate(rm_after=ExpressionWrapper(after, output_field=BooleanField()))
        .values_list(author, "pk", "rm_after")
    )
    if not all(row[2] for row in rows):
        return None
    size = snapshot_size([row[0] for row in rows], step=step)
    return oldest_marks.Mark(
        last=rows[size - 1][1] if size else mark.last,
        seen=max([mark.seen, *(row[1] for row in rows)]),
    )


def _up_to(responses: QuerySet, time: str, pk: str, last: object) -> Q:
    """The responses up to ``last`` (its id) in the order (``time``, ``pk``)."""
    last_time = _time_of(responses, time, pk, last)
    return Q(**{f"{time}__lt": last_time}) | Q(**{time: last_time, f"{pk}__lte": last})


def _time_of(responses: QuerySet, time: str, pk: str, key: object) -> Subquery:
    """The time of the response ``key``, read inside the query the filter goes into."""
    return Subquery(responses.filter(**{pk: key}).order_by().values(time)[:1])


def baseline_sites(*, programme: Programme) -> list[str]:
    """The sites of the mentees who submitted a baseline, for the heat map's filter."""
    return list(
        baseline_items(programme)
        .exclude(**{_SITE: ""})
        .order_by(_SITE)
        .values_list(_SITE, flat=True)
        .distinct()
    )


def needs_heatmap(
    *, programme: Programme, site: str | None = None, step: int | None = None
) -> NeedsHeatMap:
    """The programme's needs, skill x department, from the mentees' submitted baselines.

    Columns are the programme's active skills in taxonomy order (so grouped by category);
    rows are the departments of mentees with a submitted baseline, by name, "no department"
    last. ``site`` keeps only mentees of that site. ``step`` (sponsors): only the oldest
    baselines, in steps of that many people (:func:`oldest_responses`). Three queries (four
    with ``step``), whatever the data size.
    """
    skills = list(programme_skills(programme).order_by("category__position", "position", "code"))
    items = baseline_items(programme).filter(skill__in=[skill.pk for skill in skills])
    if site:
        items = items.filter(**{_SITE: site})
    heatmap = NeedsHeatMap(skills=skills, departments=[])
    if not skills:
        return heatmap
    oldest = oldest_responses(
        items,
        author="assessment__enrollment",
        time="assessment__submitted_at",
        pk="assessment__pk",
        step=step,
    )
    heatmap.waiting = oldest.waiting
    items = items.filter(oldest.filter).annotate(weighted=weighted_gap()).order_by()

    # One person has at most one baseline per programme and one item per skill in it, so
    # counting items per (department, skill) counts people.
    for row in items.values(_DEPARTMENT, "skill_id").annotate(
        people=Count("pk"), total=Sum("weighted")
    ):
        heatmap.cells[(row[_DEPARTMENT], row["skill_id"])] = Cell(
            n=row["people"], value=row["total"] / row["people"]
        )
        heatmap.skill_sums[row["skill_id"]] = (
            heatmap.skill_sums.get(row["skill_id"], 0) + row["total"]
        )

    for row in items.values(_DEPARTMENT, f"{_DEPARTMENT}__name").annotate(
        people=Count("assessment", distinct=True), answers=Count("pk"), total=Sum("weighted")
    ):
        key = row[_DEPARTMENT]
        heatmap.departments.append(Department(pk=key, name=row[f"{_DEPARTMENT}__name"] or ""))
        heatmap.department_totals[key] = Cell(n=row["people"], value=row["total"] / row["answers"])
    heatmap.departments.sort(key=lambda d: (d.pk is None, d.name.casefold(), d.pk or 0))

    # Departments split a skill's respondents into disjoint groups: its total adds them up.
    heatmap.skill_totals = totals(heatmap.cells, by="col")
    return heatmap
