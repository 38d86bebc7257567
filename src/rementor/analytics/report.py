"""The printable impact report: HTML built from the programme's results, then a PDF.

Every figure comes from :func:`rementor.analytics.impact.programme_results` (the needs heat map
from :mod:`rementor.analytics.heatmap`); this module only arranges them for A4 paper. Charts are
SVG drawn by Django templates from the geometry computed here (WeasyPrint renders SVG; no
JavaScript runs in a PDF). The sponsor version asks for the suppressed results, so hidden
figures never reach the template: the chart of a hidden figure draws no bar, only a word.

The web view and ``python -m rementor report`` both call :func:`report_pdf`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rementor.analytics import impact, queries
from rementor.analytics.heatmap import legend, needs_view
from rementor.core.exports import neutralise_cell
from rementor.mentoring.models import CheckInKind, Idea
from rementor.programmes.models import Programme


class Audience(models.TextChoices):
    MANAGER = "manager", gettext_lazy("Programme team")
    SPONSOR = "sponsor", gettext_lazy("Sponsors")


# --------------------------------------------------------------------------- SVG bar charts

PALETTE = ("#2f5d8a", "#e07b39", "#5b9a4a", "#8e6cc3")
MUTED = "#6c757d"
WIDTH = 640
LABEL_WIDTH = 170
VALUE_ROOM = 56
BAR = 12
BAR_GAP = 2
GROUP_GAP = 9
LEGEND_HEIGHT = 20
AXIS_HEIGHT = 16
MAX_LABEL = 30
MAX_IDEAS = 30

Value = float | int | str | None  # a number, or a word to print instead of a bar


@dataclass(frozen=True)
class SvgBar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    text: str
    text_x: float
    text_y: float
    # Stacked segments print their figure inside (white, centred); other bars after the end.
    inside: bool = False

    @property
    def text_fill(self) -> str:
        if self.inside:
            return "#ffffff"
        return "#212529" if self.width else MUTED


@dataclass(frozen=True)
class SvgRow:
    label: str
    label_y: float
    bars: tuple[SvgBar, ...]


@dataclass(frozen=True)
class SvgTick:
    x: float
    label: str


@dataclass(frozen=True)
class SvgLegend:
    x: float
    fill: str
    label: str

    @property
    def text_x(self) -> float:
        return self.x + 14


@dataclass(frozen=True)
class SvgChart:
    """A horizontal bar chart ready for ``analytics/report/bar_chart.svg``."""

    width: int
    height: float
    plot_x: float
    plot_width: float
    plot_top: float
    plot_bottom: float
    rows: tuple[SvgRow, ...]
    ticks: tuple[SvgTick, ...]
    legend: tuple[SvgLegend, ...]
    description: str
    has_data: bool

    @property
    def label_x(self) -> float:
        return self.plot_x - 6

    @property
    def tick_label_y(self) -> float:
        return self.plot_bottom + 11


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _number(value: float, decimals: int) -> str:
    return formats.number_format(round(value, decimals), decimals)


def _axis_maximum(largest: float, *, integers: bool) -> float:
    """The end of an axis of four equal steps covering ``largest``: each step 1, 2, 2.5 or 5
    times a power of ten (whole numbers only when ``integers``), so that ticks read well."""
    if largest <= 0:
        return 4 if integers else 1
    wanted = largest / 4
    power = 10 ** math.floor(math.log10(wanted))
    steps = (1, 2, 5, 10) if integers else (1, 2, 2.5, 5, 10)
    for step in steps:
        candidate = step * power
        if candidate >= wanted and (not integers or candidate == int(candidate)):
            return 4 * candidate
    return 4 * max(1, math.ceil(wanted))


def bar_chart(
    *,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[Value]]],
    description: str,
    maximum: float | None = None,
    decimals: int = 0,
    unit: str = "",
    stacked: bool = False,
    colours: Sequence[str] = PALETTE,
) -> SvgChart:
    """Geometry of a horizontal bar chart: one group of bars per category, one bar per series
    (or, ``stacked``, one bar made of every series' segments, for shares adding up to
    ``maximum``). A value that is text (e.g. "hidden") is printed instead of a bar."""
    numbers = [v for _label, values in series for v in values if isinstance(v, int | float)]
    if stacked:
        totals = [
            sum(v for _l, values in series if isinstance(v := values[i], int | float))
            for i in range(len(categories))
        ]
        numbers = totals
    if maximum is None:
        maximum = _axis_maximum(max(numbers, default=0), integers=decimals == 0)
    top = maximum or 1
    plot_x = LABEL_WIDTH
    plot_width = WIDTH - LABEL_WIDTH - VALUE_ROOM
    legend_rows = LEGEND_HEIGHT if len(series) > 1 else 0
    per_group = BAR if stacked else len(series) * BAR + (len(series) - 1) * BAR_GAP
    y = legend_rows + 4

    def scale(value: float) -> float:
        return max(0.0, min(1.0, value / top)) * plot_width

    rows = []
    for index, category in enumerate(categories):
        bars = []
        if stacked:
            x = plot_x
            words = []
            for position, (_label, values) in enumerate(series):
                value = values[index]
                if isinstance(value, str):
                    words.append(value)
                    continue
                if not value:
                    continue
                width = scale(value)
                text = _number(value, decimals) + unit if width >= 22 else ""
                bars.append(
                    SvgBar(
                        x,
                        y,
                        width,
                        BAR,
                        colours[position % len(colours)],
                        text,
                        x + width / 2,
                        y + BAR - 3,
                        inside=True,
                    )
                )
                x += width
            if words:
                bars.append(SvgBar(plot_x, y, 0, BAR, MUTED, words[0], plot_x + 2, y + BAR - 3))
        else:
            for position, (_label, values) in enumerate(series):
                value = values[index]
                bar_y = y + position * (BAR + BAR_GAP)
                if isinstance(value, int | float):
                    width = scale(value)
                    text = _number(value, decimals) + unit
                    fill = colours[position % len(colours)]
                else:
                    width, text, fill = 0.0, value or "", MUTED
                bars.append(
                    SvgBar(
                        plot_x, bar_y, width, BAR, fill, text, plot_x + width + 3, bar_y + BAR - 3
                    )
                )
        rows.append(SvgRow(_short(category), y + per_group / 2 + 3, tuple(bars)))
        y += per_group + GROUP_GAP
    plot_bottom = y - GROUP_GAP + 4
    ticks = tuple(
        SvgTick(plot_x + plot_width * step / 4, _number(top * step / 4, decimals) + unit)
        for step in range(5)
    )
    legend_items = []
    x = plot_x
    for position, (label, _values) in enumerate(series if legend_rows else ()):
        legend_items.append(SvgLegend(x, colours[position % len(colours)], label))
        x += 16 + 6.2 * len(label) + 14
    return SvgChart(
        width=WIDTH,
        height=plot_bottom + AXIS_HEIGHT,
        plot_x=plot_x,
        plot_width=plot_width,
        plot_top=legend_rows,
        plot_bottom=plot_bottom,
        rows=tuple(rows),
        ticks=ticks,
        legend=tuple(legend_items),
        description=description,
        has_data=any(bar.width for row in rows for bar in row.bars),
    )


# --------------------------------------------------------------------------- the report


def _shown(stat: impact.Stat, value: float | None = None) -> Value:
    """A stat's value for a chart, or the word saying why there is none."""
    if stat.shown:
        return stat.value if value is None else value
    if stat.state == impact.State.EMPTY:
        return _("no data")
    return _("hidden")


def _percent(stat: impact.Stat, key: str | None = None) -> Value:
    if not stat.shown:
        return _shown(stat)
    value = stat.value if key is None else stat.get(key)
    return None if value is None else 100 * value


def _charts(results: impact.ProgrammeResults) -> dict[str, SvgChart]:
    roles = {"mentee": _("Mentees"), "mentor": _("Mentors")}
    skills = results.impact.skills
    everyone = results.impact.all_departments
    nps_kinds = list(results.satisfaction.nps.items())
    return {
        "funnel": bar_chart(
            categories=[stage.label for stage in results.funnel],
            series=[
                (label, [_shown(stage.by_role[role]) for stage in results.funnel])
                for role, label in roles.items()
            ],
            description=_("People at each stage of the programme, mentees and mentors."),
        ),
        "health": bar_chart(
            categories=[line.label for line in results.health],
            series=[(_("Pairs"), [_shown(line.stat) for line in results.health])],
            description=_("Pairs by health."),
        ),
        "skills": bar_chart(
            categories=[column.label for column in skills],
            series=[
                (_("Baseline level"), [_shown(c, c.get("baseline")) for c in everyone.cells]),
                (_("Final level"), [_shown(c, c.get("final")) for c in everyone.cells]),
            ],
            maximum=4,
            decimals=1,
            description=_("Average level per skill at the start and at the end (0 to 4)."),
        ),
        "gap_closed": bar_chart(
            categories=[row.label for row in results.impact.departments] + [everyone.label],
            series=[
                (
                    _("Share of the weighted gap closed"),
                    [_percent(row.total) for row in results.impact.departments]
                    + [_percent(everyone.total)],
                )
            ],
            maximum=100,
            unit="\u00a0%",
            description=_("Share of the priority-weighted gap closed, by department."),
        ),
        "growth": bar_chart(
            categories=[line.label for line in results.growth],
            series=[
                (_("Average progress"), [_shown(line.stat) for line in results.growth]),
                (
                    _("Objectives achieved"),
                    [_percent(line.achieved) for line in results.growth],
                ),
            ],
            maximum=100,
            unit="\u00a0%",
            description=_("Mentors' own objectives by area: average progress and share achieved."),
        ),
        "nps": bar_chart(
            categories=[str(CheckInKind(kind).label) for kind, _lines in nps_kinds],
            series=[
                (
                    label,
                    [_percent(lines[-1].stat, key) for _kind, lines in nps_kinds],
                )
                for key, label in (
                    ("promoters", _("Promoters (9-10)")),
                    ("passives", _("Passives (7-8)")),
                    ("detractors", _("Detractors (0-6)")),
                )
            ],
            maximum=100,
            unit="\u00a0%",
            stacked=True,
            colours=("#2e7d32", "#adb5bd", "#c62828"),
            description=_("Would you recommend the programme: answers by group, everyone."),
        ),
    }


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
    stat: impact.Stat | None,
    key: str | None = None,
    *,
    digits: int = 0,
    scale: float = 1,
    unit: str = "",
    count: bool = False,
) -> Text:
    """``stat``'s value (or ``extra[key]``; ``count``: its ``n``) as printed, or the word
    saying why it is not: no data, or hidden (* when hidden to protect another group)."""
    if stat is None or stat.state == impact.State.EMPTY:
        return Text("—")
    if stat.state in (impact.State.SMALL, impact.State.WITHHELD):
        return Text(_("hidden"), hidden=True)
    if stat.state == impact.State.PROTECTED:
        return Text(_("hidden") + "*", hidden=True)
    value = stat.n if count else (stat.value if key is None else stat.get(key))
    if value is None:
        return Text("—")
    return Text(_number(value * scale, digits) + unit)


def _tables(results: impact.ProgrammeResults) -> dict[str, PrintTable]:
    roles = ("mentee", "mentor", "total")
    everyone = results.impact.all_departments
    percent = {"digits": 0, "scale": 100, "unit": "\u00a0%"}

    def skill_cells(stat: impact.Stat) -> tuple[Text, ...]:
        return (
            show(stat, "baseline", digits=1),
            show(stat, "final", digits=1),
            show(stat, **percent),
            show(stat, count=True),
        )

    return {
        "funnel": PrintTable(
            caption=_("People at each stage (drop-off: fewer than at the stage before)"),
            header=(_("Stage"), _("Mentees"), _("Mentors"), _("Everyone"), _("Drop-off")),
            rows=tuple(
                (
                    stage.label,
                    (
                        *(show(stage.by_role[role]) for role in roles),
                        Text(
                            _number(stage.drop_off["total"], 0)
                            if stage.drop_off.get("total")
                            else "—"
                        ),
                    ),
                )
                for stage in results.funnel
            ),
        ),
        "health": PrintTable(
            caption=_("Pairs by health"),
            header=(_("Health"), _("Pairs")),
            rows=(
                *((line.label, (show(line.stat),)) for line in results.health),
                (_("All pairs"), (show(results.health_total),)),
            ),
        ),
        "skills": PrintTable(
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
                    (column.label, skill_cells(cell))
                    for column, cell in zip(results.impact.skills, everyone.cells, strict=True)
                ),
                (_("All skills"), skill_cells(everyone.total)),
            ),
        ),
        "departments": PrintTable(
            caption=_("Share of the weighted gap closed, by department"),
            header=(_("Department"), _("Weighted gap closed"), _("People")),
            rows=tuple(
                (row.label, (show(row.total, **percent), show(row.total, count=True)))
                for row in (*results.impact.departments, everyone)
            ),
        ),
        "growth": PrintTable(
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
                        show(achieved, **percent),
                    ),
                )
                for label, stat, achieved in (
                    *((line.label, line.stat, line.achieved) for line in results.growth),
                    (_("All areas"), results.growth_total, results.growth_total_achieved),
                )
            ),
        ),
        "pulses": PrintTable(
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
        ),
        "nps": PrintTable(
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
                        show(line.stat, "promoters", **percent),
                        show(line.stat, "passives", **percent),
                        show(line.stat, "detractors", **percent),
                    ),
                )
                for kind, lines in results.satisfaction.nps.items()
                for line in lines
            ),
        ),
        "ideas": PrintTable(
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
            ),
        ),
    }


def _key_figures(results: impact.ProgrammeResults) -> list[tuple[str, Text, str]]:
    """The cover's headline figures: (label, figure, what it counts)."""
    stages = {stage.key: stage for stage in results.funnel}
    enrolled = stages.get("enrolled")
    final_nps = results.satisfaction.nps.get(CheckInKind.FINAL.value, ())
    sessions = results.sessions.held
    everyone = results.impact.all_departments.total
    pulses = results.satisfaction.pulses[-1].stat if results.satisfaction.pulses else None
    return [
        (
            _("Participants"),
            show(enrolled.by_role["total"]) if enrolled else Text("—"),
            _("mentees and mentors enrolled"),
        ),
        (_("Pairs"), show(results.health_total), _("formed by the matching")),
        (_("Sessions held"), show(sessions), _("mentoring sessions")),
        (_("Hours"), show(sessions, "hours"), _("spent learning together")),
        (
            _("Gap closed"),
            show(everyone, digits=0, scale=100, unit="\u00a0%"),
            _("of the priority-weighted skills gap"),
        ),
        (
            _("Net promoter score"),
            show(final_nps[-1].stat) if final_nps else Text("—"),
            _("at the final check-in (-100 to 100)"),
        ),
        (_("Usefulness"), show(pulses, digits=1), _("average pulse, out of 5")),
        (_("Ideas"), show(results.ideas.total), _("logged by pairs for the company")),
    ]


def report_context(
    *, programme: Programme, audience: Audience, now: dt.datetime | None = None
) -> dict:
    """Everything the report template shows, for ``audience``."""
    now = now or timezone.now()
    for_sponsor = audience == Audience.SPONSOR
    min_size = settings.RM_MIN_GROUP_SIZE
    results = impact.programme_results(programme=programme, for_sponsor=for_sponsor, now=now)
    heatmap = queries.needs_heatmap(programme=programme, step=min_size if for_sponsor else None)
    needs = needs_view(heatmap=heatmap, min_size=min_size if for_sponsor else None)
    # The heat map printed transposed (skills down the page, departments across), so a
    # twenty-skill taxonomy fits a portrait A4 page.
    needs_rows = [
        (skill, [row.cells[index] for row in needs.rows], needs.skill_totals[index])
        for index, skill in enumerate(needs.skills)
    ]
    ideas = []
    if not for_sponsor:
        # Titles only: what the pair offers the company, not its discussions. Typed by
        # participants, so through the exports' one normalise-then-neutralise door.
        ideas = [
            (neutralise_cell(title), neutralise_cell(department))
            for title, department in Idea.objects.filter(pair__programme=programme)
            .order_by("-created_at", "-pk")
            .values_list("title", "department__name")[:MAX_IDEAS]
        ]
    return {
        "programme": programme,
        "audience": audience,
        "for_sponsor": for_sponsor,
        "min_size": min_size,
        "generated_at": timezone.localtime(now),
        "results": results,
        "key_figures": _key_figures(results),
        "charts": _charts(results),
        "tables": _tables(results),
        "at_risk": results.at_risk if not for_sponsor else (),
        "needs": needs,
        "needs_rows": needs_rows,
        "needs_empty": heatmap.is_empty,
        "no_final": results.impact.all_departments.total.state == impact.State.EMPTY,
        "legend": legend(),
        "ideas": ideas,
        "max_ideas": MAX_IDEAS,
    }


def report_html(*, programme: Programme, audience: Audience, now: dt.datetime | None = None) -> str:
    """The report as the HTML WeasyPrint lays out (tests read it to check what is printed)."""
    return render_to_string(
        "analytics/report/report.html",
        report_context(programme=programme, audience=audience, now=now),
    )


def _no_fetch(url: str, *args, **kwargs):
    # Everything the report needs is inline: never let a URL in the data make the server
    # fetch something (file:// or the network).
    raise ValueError(f"the report fetches nothing: {url}")


def report_pdf(
    *, programme: Programme, audience: Audience, now: dt.datetime | None = None
) -> bytes:
    """The A4 PDF impact report for ``audience``, in the active language."""
    from weasyprint import CSS, HTML

    html = report_html(programme=programme, audience=audience, now=now)
    stylesheet = CSS(string=render_to_string("analytics/report/report.css"))
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf(stylesheets=[stylesheet])


def filename(*, programme: Programme, audience: Audience) -> str:
    return f"{programme.slug}-impact-report-{audience}.pdf"
