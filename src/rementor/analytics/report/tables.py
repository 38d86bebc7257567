"""The tables the report prints beside its charts (or alone), and how a figure is printed:
its value, or the word saying why there is none."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rementor.analytics.impact.results import ProgrammeResults
from rementor.analytics.impact.stat import Stat, State
from rementor.analytics.report.charts import number
from rementor.core.numbers import format_number
from rementor.mentoring.models import CheckInKind


@dataclass(frozen=True)
class Text:
    """A printed figure; ``hidden`` for the words standing for a figure not shown."""

    text: str
    hidden: bool = False


@dataclass(frozen=True)
class PrintTable:
    """A table printed beside a chart (or alone): a header and labelled rows."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Text, ...]], ...]


def show(
    stat: Stat | None,
    key: str | None = None,
    *,
    digits: int = 0,
    scale: int = 1,
    unit: str = "",
    count: bool = False,
) -> Text:
    """``stat``'s value (or ``extra[key]``; ``count``: its ``n``) as printed, or the word
    saying why it is not: no data, or hidden (* when hidden to protect another group)."""
    if stat is None or stat.state == State.EMPTY:
        return Text("—")
    if stat.state in (State.SMALL, State.WITHHELD):
        return Text(_("hidden"), hidden=True)
    if stat.state == State.PROTECTED:
        return Text(_("hidden") + "*", hidden=True)
    value = stat.n if count else (stat.value if key is None else stat.get(key))
    if value is None:
        return Text("—")
    return Text(format_number(value, digits, scale=scale) + unit)


PERCENT = {"digits": 0, "scale": 100, "unit": "\u00a0%"}


def tables(results: ProgrammeResults) -> dict[str, PrintTable]:
    """Every table of the report, by the name the template prints it under."""
    return {
        "funnel": _funnel_table(results),
        "health": _health_table(results),
        "skills": _skills_table(results),
        "departments": _departments_table(results),
        "growth": _growth_table(results),
        "pulses": _pulses_table(results),
        "nps": _nps_table(results),
        "ideas": _ideas_table(results),
        "retention": _retention_table(results),
        "again": _again_table(results),
    }


def _funnel_table(results: ProgrammeResults) -> PrintTable:
    roles = ("mentee", "mentor", "total")
    return PrintTable(
        caption=_("People at each stage (drop-off: fewer than at the stage before)"),
        header=(_("Stage"), _("Mentees"), _("Mentors"), _("Everyone"), _("Drop-off")),
        rows=tuple(
            (
                stage.label,
                (
                    *(show(stage.by_role[role]) for role in roles),
                    Text(
                        number(stage.drop_off["total"], 0) if stage.drop_off.get("total") else "—"
                    ),
                ),
            )
            for stage in results.funnel
        ),
    )


def _health_table(results: ProgrammeResults) -> PrintTable:
    return PrintTable(
        caption=_("Pairs by health"),
        header=(_("Health"), _("Pairs")),
        rows=(
            *((line.label, (show(line.stat),)) for line in results.health),
            (_("All pairs"), (show(results.health_total),)),
        ),
    )


def _skill_cells(stat: Stat) -> tuple[Text, ...]:
    return (
        show(stat, "baseline", digits=1),
        show(stat, "final", digits=1),
        show(stat, **PERCENT),
        show(stat, count=True),
    )


def _skills_table(results: ProgrammeResults) -> PrintTable:
    everyone = results.impact.all_departments
    return PrintTable(
        caption=_("Impact by skill, everyone with a baseline and a final self-assessment"),
        header=(
            _("Skill"),
            _("Baseline level"),
            _("Final level"),
            _("Weighted gap closed"),
            _("People"),
        ),
        rows=(
            *(
                (column.label, _skill_cells(cell))
                for column, cell in zip(results.impact.skills, everyone.cells, strict=True)
            ),
            (_("All skills"), _skill_cells(everyone.total)),
        ),
    )


def _departments_table(results: ProgrammeResults) -> PrintTable:
    return PrintTable(
        caption=_("Share of the weighted gap closed, by department"),
        header=(_("Department"), _("Weighted gap closed"), _("People")),
        rows=tuple(
            (row.label, (show(row.total, **PERCENT), show(row.total, count=True)))
            for row in (*results.impact.departments, results.impact.all_departments)
        ),
    )


def _growth_table(results: ProgrammeResults) -> PrintTable:
    return PrintTable(
        caption=_("Mentors' own objectives, dropped ones left out"),
        header=(
            _("Area"),
            _("Mentors"),
            _("Objectives"),
            _("Average progress"),
            _("Achieved"),
        ),
        rows=tuple(
            (
                label,
                (
                    show(stat, count=True),
                    show(stat, "objectives"),
                    show(stat, unit="\u00a0%"),
                    show(achieved, **PERCENT),
                ),
            )
            for label, stat, achieved in (
                *((line.label, line.stat, line.achieved) for line in results.growth),
                (_("All areas"), results.growth_total, results.growth_total_achieved),
            )
        ),
    )


def _pulses_table(results: ProgrammeResults) -> PrintTable:
    return PrintTable(
        caption=_("Pulses after sessions (1 to 5)"),
        header=(_("Group"), _("People"), _("Pulses"), _("Usefulness"), _("Comfort")),
        rows=tuple(
            (
                line.label,
                (
                    show(line.stat, count=True),
                    show(line.stat, "pulses"),
                    show(line.stat, digits=1),
                    show(line.stat, "comfort", digits=1),
                ),
            )
            for line in results.satisfaction.pulses
        ),
    )


def _nps_table(results: ProgrammeResults) -> PrintTable:
    return PrintTable(
        caption=_("Would you recommend the programme to a colleague (net promoter score)"),
        header=(
            _("Group"),
            _("Answers"),
            _("NPS"),
            _("Promoters"),
            _("Passives"),
            _("Detractors"),
        ),
        rows=tuple(
            (
                f"{CheckInKind(kind).label} · {line.label}",
                (
                    show(line.stat, count=True),
                    show(line.stat),
                    show(line.stat, "promoters", **PERCENT),
                    show(line.stat, "passives", **PERCENT),
                    show(line.stat, "detractors", **PERCENT),
                ),
            )
            for kind, lines in results.satisfaction.nps.items()
            for line in lines
        ),
    )


def _ideas_table(results: ProgrammeResults) -> PrintTable:
    return PrintTable(
        caption=_("Ideas logged by pairs, by department concerned"),
        header=(_("Department concerned"), _("Ideas"), _("Pairs")),
        rows=(
            *(
                (line.label, (show(line.stat), show(line.stat, count=True)))
                for line in results.ideas.by_department
            ),
            (
                _("All ideas"),
                (show(results.ideas.total), show(results.ideas.total, count=True)),
            ),
            (
                _("Adopted: they became a change"),
                (show(results.ideas.adopted), show(results.ideas.adopted, count=True)),
            ),
        ),
    )


def _retention_table(results: ProgrammeResults) -> PrintTable:
    """People in the company at the start, still there after 6 and 12 months, and moved:
    shares only, every one hidden unless each group holds the minimum size."""
    retention = results.retention
    return PrintTable(
        caption=_("Retention and internal moves after the start (%(start)s)")
        % {"start": date_format(retention.start, "DATE_FORMAT")},
        header=(
            _("Group"),
            _("People"),
            _("Still in the company after 6 months"),
            _("Still in the company after 12 months"),
            _("Changed job title or department"),
        ),
        rows=tuple(
            (
                line.label,
                (
                    show(line.size),
                    *(show(stat, **PERCENT) for _m, _d, stat in line.retained),
                    show(line.moved, **PERCENT),
                ),
            )
            for line in retention.lines
        ),
    )


def _again_table(results: ProgrammeResults) -> PrintTable:
    retention = results.retention
    return PrintTable(
        caption=_("Volunteering again for a later programme"),
        header=(_("Group"), _("People")),
        rows=(
            (
                _("Mentees, as mentee or mentor"),
                (show(retention.mentees_again),),
            ),
            (_("Mentors, as mentor"), (show(retention.mentors_again),)),
        ),
    )
