"""Horizontal SVG bar charts, drawn without JavaScript: this module computes the geometry,
``analytics/report/bar_chart.svg`` draws it (WeasyPrint renders SVG in the PDF report). A value
that is a word ("hidden", "no data") is printed where its bar would be.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rementor.analytics.impact.stat import formatted

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


def number(value: float, decimals: int) -> str:
    """``value`` as printed, in the active language's format, rounded half up as the pages
    and the verdict round it."""
    return formatted(value, decimals)


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
        at_index = [values[index] for _label, values in series]
        if stacked:
            bars = _segments(
                at_index, y, scale=scale, decimals=decimals, unit=unit, colours=colours
            )
        else:
            bars = _bars(at_index, y, scale=scale, decimals=decimals, unit=unit, colours=colours)
        rows.append(SvgRow(_short(category), y + per_group / 2 + 3, tuple(bars)))
        y += per_group + GROUP_GAP
    plot_bottom = y - GROUP_GAP + 4
    ticks = tuple(
        SvgTick(plot_x + plot_width * step / 4, number(top * step / 4, decimals) + unit)
        for step in range(5)
    )
    legend_items = _legend([label for label, _values in series] if legend_rows else [], colours)
    return SvgChart(
        width=WIDTH,
        height=plot_bottom + AXIS_HEIGHT,
        plot_x=plot_x,
        plot_width=plot_width,
        plot_top=legend_rows,
        plot_bottom=plot_bottom,
        rows=tuple(rows),
        ticks=ticks,
        legend=legend_items,
        description=description,
        has_data=any(bar.width for row in rows for bar in row.bars),
    )


def _bars(
    values: Sequence[Value],
    y: float,
    *,
    scale: Callable[[float], float],
    decimals: int,
    unit: str,
    colours: Sequence[str],
) -> list[SvgBar]:
    """One category's bars, one per series, each with its figure (or word) after its end."""
    bars = []
    for position, value in enumerate(values):
        bar_y = y + position * (BAR + BAR_GAP)
        if isinstance(value, int | float):
            width = scale(value)
            text = number(value, decimals) + unit
            fill = colours[position % len(colours)]
        else:
            width, text, fill = 0.0, value or "", MUTED
        bars.append(
            SvgBar(
                LABEL_WIDTH, bar_y, width, BAR, fill, text, LABEL_WIDTH + width + 3, bar_y + BAR - 3
            )
        )
    return bars


def _segments(
    values: Sequence[Value],
    y: float,
    *,
    scale: Callable[[float], float],
    decimals: int,
    unit: str,
    colours: Sequence[str],
) -> list[SvgBar]:
    """One category's stacked bar: a segment per non-zero series, its figure inside when it
    fits; the first word (a hidden figure) printed instead when there is one."""
    bars = []
    x = LABEL_WIDTH
    words = []
    for position, value in enumerate(values):
        if isinstance(value, str):
            words.append(value)
            continue
        if not value:
            continue
        width = scale(value)
        text = number(value, decimals) + unit if width >= 22 else ""
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
        bars.append(SvgBar(LABEL_WIDTH, y, 0, BAR, MUTED, words[0], LABEL_WIDTH + 2, y + BAR - 3))
    return bars


def _legend(labels: Sequence[str], colours: Sequence[str]) -> tuple[SvgLegend, ...]:
    """A colour key per series, side by side above the plot."""
    items = []
    x = LABEL_WIDTH
    for position, label in enumerate(labels):
        items.append(SvgLegend(x, colours[position % len(colours)], label))
        x += 16 + 6.2 * len(label) + 14
    return tuple(items)
