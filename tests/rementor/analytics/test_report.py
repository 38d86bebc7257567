from __future__ import annotations

import contextlib
import io
import re
import zlib

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from weasyprint import HTML

from rementor.analytics.report.charts import bar_chart
from rementor.analytics.report.document import (
    Audience,
    report_context,
    report_html,
    report_pdf,
)
from tests.conftest import client_for
from tests.factories import SkillFactory
from tests.rementor.analytics.export_data import (
    AGENDA_MARKER,
    CONCERN_MARKER,
    PRIVATE_MARKER,
    PRIVATE_PULSE_MARKER,
    SHARED_MARKER,
    exported_pair,
    hostile_entries,
)
from tests.rementor.analytics.impact_factories import seven_mentees

MARKERS = (SHARED_MARKER, PRIVATE_MARKER, AGENDA_MARKER, CONCERN_MARKER, PRIVATE_PULSE_MARKER)


@pytest.fixture
def pair(db):
    pair, _mentee, _mentor = exported_pair()
    return pair


def _pdf_text(html: str) -> str:
    """The text WeasyPrint lays out on the pages, read from its boxes."""
    document = HTML(string=html).render()
    texts = []

    def walk(box):
        text = getattr(box, "text", None)
        if isinstance(text, str):
            texts.append(text)
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(texts)


# --------------------------------------------------------------------------- charts


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


# --------------------------------------------------------------------------- the report


def test_manager_report_names_pairs_at_risk(pair):
    with translation.override("en"):
        html = report_html(programme=pair.programme, audience=Audience.MANAGER)
    assert "Éléonore Lefèvre" in html  # the pair has an open concern: at risk
    assert "open concern" in html
    assert pair.programme.name in html


def test_sponsor_report_has_no_name_and_hides_small_groups(pair):
    with translation.override("en"):
        html = report_html(programme=pair.programme, audience=Audience.SPONSOR)
    assert "Lefèvre" not in html
    assert "Zoé" not in html
    assert "Pairs at risk" not in html
    assert "hidden" in html  # one pair: every group is too small


@pytest.mark.parametrize("audience", list(Audience))
def test_no_note_concern_or_agenda_in_the_report(pair, audience):
    with translation.override("en"):
        html = report_html(programme=pair.programme, audience=audience)
    text = _pdf_text(html)
    assert "Impact" in text
    for marker in MARKERS:
        assert marker not in html
        assert marker not in text


def test_report_prints_a_formula_behind_a_control_character_as_text(db):
    """Idea titles typed in the page form and sent through the API reach the PDF through
    the exports' one normalise-then-neutralise door."""
    pair = hostile_entries()
    with translation.override("en"):
        html = report_html(programme=pair.programme, audience=Audience.MANAGER)
    text = _pdf_text(html)
    assert "\x01" not in html and "\x01" not in text
    assert text.count("'=HYPERLINK(") == 2


def test_report_pdf_is_a_pdf_with_pages(pair):
    with translation.override("fr"):
        content = report_pdf(programme=pair.programme, audience=Audience.MANAGER)
    assert content.startswith(b"%PDF-")
    assert content.rstrip().endswith(b"%%EOF")
    assert _page_count(content) >= 5


def _page_count(content: bytes) -> int:
    """Pages declared in a PDF whose objects may sit in compressed object streams."""
    parts = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(match.group(1)))
    return sum(len(re.findall(rb"/Type\s*/Page(?![s\w])", part)) for part in parts)


def test_report_is_in_the_active_language(pair):
    with translation.override("en"):
        english = report_html(programme=pair.programme, audience=Audience.SPONSOR)
    assert "Reverse-mentoring impact report" in english
    assert 'lang="en"' in english


def test_report_view_manager_chooses_the_version(pair, manager):
    client = client_for(manager)
    url = reverse("analytics:report", args=[pair.programme.slug])
    response = client.get(url, {"audience": "sponsor"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "impact-report-sponsor.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    response = client.get(url)
    assert "impact-report-manager.pdf" in response["Content-Disposition"]
    assert client.get(url, {"audience": "all"}).status_code == 400


def test_report_view_sponsor_always_gets_the_sponsor_version(pair, sponsor):
    response = client_for(sponsor).get(
        reverse("analytics:report", args=[pair.programme.slug]), {"audience": "manager"}
    )
    assert response.status_code == 200
    assert "impact-report-sponsor.pdf" in response["Content-Disposition"]


# --------------------------------------------------------------------------- the CLI


def test_cli_writes_each_format(pair, tmp_path):
    slug = pair.programme.slug
    call_command(
        "report", slug, "--format", "pdf", "--audience", "sponsor", "-o", tmp_path / "r.pdf"
    )
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
    call_command("report", slug, "--format", "xlsx", "--language", "en", "-o", tmp_path / "a.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO((tmp_path / "a.xlsx").read_bytes()))
    assert workbook.sheetnames == ["Pairs", "Sessions", "Objectives", "Pulses"]
    call_command(
        "report",
        slug,
        "--format",
        "csv",
        "--dataset",
        "objectives",
        "--flavour",
        "excel-fr",
        "-o",
        tmp_path / "o.csv",
    )
    content = (tmp_path / "o.csv").read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert "'@Publier sur LinkedIn" in content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such", "--format", "pdf"], "No programme"),
        (["{slug}", "--format", "csv"], "--dataset"),
        (["{slug}", "--format", "pdf", "--dataset", "pairs"], "--dataset"),
        (["{slug}", "--format", "doc"], "invalid choice"),
        (["{slug}", "--format", "csv", "--dataset", "notes"], "invalid choice"),
        (["{slug}", "--format", "pdf", "--audience", "everyone"], "invalid choice"),
    ],
)
def test_cli_fails_clearly_on_bad_input(pair, tmp_path, args, message):
    args = [arg.format(slug=pair.programme.slug) for arg in args]
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, "-o", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_cli_refuses_a_missing_directory(pair, tmp_path):
    with pytest.raises(CommandError, match="No such directory"):
        call_command(
            "report", pair.programme.slug, "--format", "pdf", "-o", tmp_path / "no" / "r.pdf"
        )


def test_report_runs_a_constant_number_of_queries(db):
    first, _mentee, _mentor = exported_pair()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            report_context(programme=first.programme, audience=Audience.MANAGER)
        counts.append(len(queries))
        for _more in range(2):
            exported_pair(programme=first.programme)
    assert counts[0] == counts[1]


def test_sponsor_report_prints_no_small_share_or_drop_off(programme):
    skill = SkillFactory(name_en="LinkedIn")
    programme.skills.set([skill])
    seven_mentees(programme, skill)
    with translation.override("en"):
        manager = report_context(programme=programme, audience=Audience.MANAGER)
        html = report_html(programme=programme, audience=Audience.SPONSOR)
        context = report_context(programme=programme, audience=Audience.SPONSOR)
    # The programme team's version: 2 of 7 detractors (29 %), 9 invited and 7 enrolled.
    nps = {label: cells for label, cells in manager["tables"]["nps"].rows}
    assert nps["Final check-in · Everyone"][4].text == "29\u00a0%"
    assert manager["tables"]["funnel"].rows[1][1][3].text == "2"
    text = _pdf_text(html)
    for leak in ("29\u00a0%", "71\u00a0%", "43"):
        assert leak not in text, leak
    nps = {label: cells for label, cells in context["tables"]["nps"].rows}
    assert all(cell.hidden for cell in nps["Final check-in · Everyone"])
    drops = [cells[3].text for _label, cells in context["tables"]["funnel"].rows]
    assert all(drop == "—" or int(drop) >= 5 for drop in drops), drops
    enrolled = context["tables"]["funnel"].rows[1][1]
    assert enrolled[0].hidden  # mentees: 9 invited, so not 7 enrolled
    # The stacked chart of promoters / passives / detractors draws no bar for the final one.
    final = context["charts"]["nps"].rows[1]
    assert all(not bar.width for bar in final.bars)
