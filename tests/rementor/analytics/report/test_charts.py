"""The report's SVG bar charts: their geometry."""

from __future__ import annotations

import pytest

from rementor.analytics.report.charts import bar_chart


def test_bar_chart_scales_bars_and_prints_words_for_hidden_values():
    chart = bar_chart(
        categories=["A", "B", "C"],
        series=[("n", [30, "hidden", 0])],
        description="d",
    )
    a, b, c = (row.bars[0] for row in chart.rows)
    assert chart.ticks[-1].label == "40"  # 30 on an axis of four steps of 10
    assert a.width == pytest.approx(chart.plot_width * 30 / 40)
    assert (b.width, b.text) == (0, "hidden")
    assert (c.width, c.text) == (0, "0")
    assert chart.has_data


def test_bar_chart_without_any_figure_has_no_data():
    chart = bar_chart(categories=["A"], series=[("n", ["hidden"])], description="d")
    assert not chart.has_data


def test_stacked_bar_chart_adds_up_segments():
    chart = bar_chart(
        categories=["Final"],
        series=[("p", [50.0]), ("q", [30.0]), ("d", [20.0])],
        maximum=100,
        stacked=True,
        description="d",
    )
    bars = chart.rows[0].bars
    assert [bar.x for bar in bars] == pytest.approx(
        [chart.plot_x, chart.plot_x + chart.plot_width * 0.5, chart.plot_x + chart.plot_width * 0.8]
    )
    assert all(bar.inside for bar in bars)
