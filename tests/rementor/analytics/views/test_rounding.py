"""The dashboard and the PDF report print the same figure the same way: one rounding rule
(decimal half up, :mod:`rementor.core.numbers`) for both."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from rementor.analytics.report.document import Audience, report_html
from tests.factories import client_for
from tests.rementor.analytics.factories import held_with_pulses, pair_row


@pytest.fixture
def quarter_average(programme):
    """Usefulness averaging exactly 1.25 for mentees, mentors and everyone (1, 1, 1, 2): a
    half to round. Python's round(1.25, 1) says 1.2, floatformat said 1.3."""
    pair = pair_row(programme)
    for days, usefulness in zip((3, 10, 17, 24), (1, 1, 1, 2), strict=True):
        held_with_pulses(pair, days_ago=days, pulses=[(usefulness, 3), (usefulness, 3)])
    return programme


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _dashboard_pulses(manager, programme, language) -> str:
    body = (
        client_for(manager)
        .get(reverse("analytics:dashboard", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE=language)
        .content.decode()
    )
    table = body[body.index('data-testid="pulse-table"') :]
    return _text(table[: table.index("</table>")])


def _report_pulses(programme, language) -> str:
    with translation.override(language):
        html = report_html(programme=programme, audience=Audience.MANAGER)
        caption = gettext("Pulses after sessions (1 to 5)")
    tables = re.findall(r'<table class="figures-table">.*?</table>', html, re.S)
    (table,) = [t for t in tables if f"<caption>{caption}</caption>" in t]
    return _text(table)


@pytest.mark.parametrize(
    ("language", "shown", "never"), [("en", "1.3", "1.2"), ("fr", "1,3", "1,2")]
)
def test_dashboard_and_report_round_a_half_alike(manager, quarter_average, language, shown, never):
    dashboard = _dashboard_pulses(manager, quarter_average, language)
    report = _report_pulses(quarter_average, language)
    # Mentees, mentors and everyone: 1.25 each, printed 1.3 on both.
    assert dashboard.count(shown) == 3, dashboard
    assert report.count(shown) == 3, report
    assert never not in dashboard and never not in report


def test_report_cover_says_the_same_as_the_dashboard(manager, quarter_average):
    with translation.override("en"):
        html = report_html(programme=quarter_average, audience=Audience.MANAGER)
    cover = _text(html[: html.index("average pulse, out of 5") + 30])
    assert "1.3" in cover[-120:]
