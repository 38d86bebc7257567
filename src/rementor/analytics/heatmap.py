"""The needs heat map as a page shows it: suppression applied, colour buckets, chart data.

Built from :func:`rementor.analytics.queries.needs_heatmap` without touching the database.
For sponsors (``min_size`` set), hidden values are dropped here, before any template or
JSON sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import groupby

from django.utils.translation import gettext as _

from rementor.analytics import suppression
from rementor.analytics.queries import Department, NeedsHeatMap
from rementor.core.numbers import rounded_float
from rementor.skills.models import Skill

# Upper bounds (exclusive) of the colour buckets heat-0 .. heat-3; heat-4 is everything above.
# Fixed, not relative to the data, so that colours mean the same in every programme and view.
# The largest possible weighted gap is 3 (priority) x 4 (levels) = 12.
BUCKET_BOUNDS = (1.0, 2.0, 4.0, 6.0)
MAX_GAP = 12
TOP_NEEDS = 5


def bucket(value: float) -> int:
    """The colour bucket (0 = little need .. 4 = strong need) of an average weighted gap."""
    return sum(value >= bound for bound in BUCKET_BOUNDS)


def legend() -> list[tuple[int, float | None, float | None]]:
    """(bucket, lower bound, upper bound) for each colour; None where a range is open."""
    bounds = (None, *BUCKET_BOUNDS, None)
    return [(index, bounds[index], bounds[index + 1]) for index in range(len(BUCKET_BOUNDS) + 1)]


class State(StrEnum):
    SHOWN = "shown"
    EMPTY = "empty"  # nobody in the group answered
    SMALL = "small"  # fewer than the minimum group size (sponsors)
    PROTECTED = "protected"  # hidden so that a small group cannot be worked out from totals
    WITHHELD = "withheld"  # hidden where the two labels above would tell the counts


@dataclass(frozen=True)
class Shown:
    """What one table cell or total displays; ``value`` and ``n`` are None unless shown."""

    state: State
    value: float | None = None
    n: int | None = None

    @property
    def bucket(self) -> int | None:
        return bucket(self.value) if self.value is not None else None


@dataclass(frozen=True)
class Row:
    department: Department
    label: str
    cells: list[Shown]
    total: Shown


@dataclass(frozen=True)
class Need:
    skill: Skill
    total: int
    average: float
    n: int


@dataclass(frozen=True)
class NeedsView:
    skills: list[Skill]
    categories: list[tuple[str, int]]  # (category name, number of skills), in column order
    rows: list[Row]
    skill_totals: list[Shown]
    chart: dict
    top_needs: list[Need]
    suppressed: bool
    hidden_rows: int
    has_small: bool
    has_protected: bool

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def programme_wide_only(self) -> bool:
        """Every department too small to show (sponsors), but the programme-wide line shows
        a figure: the page and the report show that line instead of nothing."""
        return not self.rows and any(total.state == State.SHOWN for total in self.skill_totals)

    @property
    def shows_nothing(self) -> bool:
        """No line to show at all: neither a department nor the programme-wide line."""
        return not self.rows and not self.programme_wide_only


def _shown(
    cell: suppression.Cell | None, *, hidden: bool, min_size: int | None, labelled: bool = True
) -> Shown:
    if cell is None or cell.n == 0:
        return Shown(State.EMPTY)
    if hidden:
        if not labelled:
            return Shown(State.WITHHELD)
        small = min_size is not None and cell.n < min_size
        return Shown(State.SMALL if small else State.PROTECTED)
    return Shown(State.SHOWN, value=cell.value, n=cell.n)


def _unique_labels(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        result.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return result


def needs_view(*, heatmap: NeedsHeatMap, min_size: int | None) -> NeedsView:
    """The heat map ready to render. ``min_size=None``: everything (programme managers);
    an integer: the sponsor's view, with small-group and complementary suppression."""
    hidden: set = set()
    hidden_departments: set = set()
    if min_size is not None:
        hidden_departments = set(
            suppression.too_small(heatmap.department_totals, min_size=min_size)
        )
        # Totals are hidden as cells are (suppression.Total markers); an average gap of 0 or of
        # the largest possible says what each person behind it answered.
        hidden = suppression.suppress(
            heatmap.cells,
            min_size=min_size,
            row_totals={key: cell.n for key, cell in heatmap.department_totals.items()},
            col_totals=True,
            rows_share_people=True,
            scale=(0, MAX_GAP),
        )

    labelled = suppression.UNLABELLED not in hidden
    rows = []
    for department in heatmap.departments:
        if department.pk in hidden_departments:
            continue
        cells = [
            _shown(
                heatmap.cells.get((department.pk, skill.pk)),
                hidden=(department.pk, skill.pk) in hidden,
                min_size=min_size,
                labelled=labelled,
            )
            for skill in heatmap.skills
        ]
        total = _shown(
            heatmap.department_totals.get(department.pk),
            hidden=suppression.Total("row", department.pk) in hidden,
            min_size=min_size,
            labelled=labelled,
        )
        label = department.name if department.pk is not None else _("No department")
        rows.append(Row(department=department, label=label, cells=cells, total=total))

    skill_totals = [
        _shown(
            heatmap.skill_totals.get(skill.pk),
            hidden=suppression.Total("col", skill.pk) in hidden,
            min_size=min_size,
            labelled=labelled,
        )
        for skill in heatmap.skills
    ]
    states = {cell.state for row in rows for cell in (*row.cells, row.total)}
    states |= {total.state for total in skill_totals}
    return NeedsView(
        skills=heatmap.skills,
        categories=[
            (category.name, len(list(skills)))
            for category, skills in groupby(heatmap.skills, key=lambda skill: skill.category)
        ],
        rows=rows,
        skill_totals=skill_totals,
        chart=_chart(heatmap.skills, rows or [_programme_wide(skill_totals)]),
        top_needs=_top_needs(heatmap) if min_size is None else [],
        suppressed=min_size is not None,
        hidden_rows=len(hidden_departments),
        has_small=State.SMALL in states or bool(hidden_departments),
        has_protected=State.PROTECTED in states,
    )


def _programme_wide(skill_totals: list[Shown]) -> Row:
    """The programme-wide line as a chart row, drawn when no department can be."""
    return Row(
        department=Department(pk=None, name=""),
        label=_("All departments"),
        cells=skill_totals,
        total=Shown(State.EMPTY),
    )


def _chart(skills: list[Skill], rows: list[Row]) -> dict:
    """Data for heatmap.js: only cells shown in the table ever get here."""
    x_labels = _unique_labels([skill.name for skill in skills])
    y_labels = _unique_labels([row.label for row in rows])
    points = [
        {
            "x": x_labels[i],
            "y": y_labels[j],
            "v": rounded_float(cell.value, 1),
            "n": cell.n,
            "b": cell.bucket,
        }
        for j, row in enumerate(rows)
        for i, cell in enumerate(row.cells)
        if cell.state == State.SHOWN
    ]
    return {
        "x": x_labels,
        "y": y_labels,
        "points": points,
        # heatmap.js fills in the %(...)s placeholders.
        "text": {
            "label": _("Average priority-weighted gap"),
            "value": _("Average weighted gap: %(value)s"),
            "people": _("People: %(n)s"),
            "x": _("Skill"),
            "y": _("Department"),
        },
    }


def _top_needs(heatmap: NeedsHeatMap) -> list[Need]:
    """Skills ranked by total priority-weighted gap (the programme's focus), largest first."""
    ranked = sorted(
        (
            (heatmap.skill_sums.get(skill.pk, 0), position, skill)
            for position, skill in enumerate(heatmap.skills)
        ),
        key=lambda entry: (-entry[0], entry[1]),
    )
    return [
        Need(
            skill=skill,
            total=total,
            average=heatmap.skill_totals[skill.pk].value,
            n=heatmap.skill_totals[skill.pk].n,
        )
        for total, _position, skill in ranked[:TOP_NEEDS]
        if total > 0
    ]
