"""The PDF impact report: what each audience's version prints, and never prints."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import zlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from weasyprint import HTML

from rementor.analytics.report.document import (
    Audience,
    report_context,
    report_html,
    report_pdf,
)
from rementor.matching.models import Pair
from tests.factories import SkillFactory
from tests.rementor.analytics.factories import (
    MARKERS,
    exported_pair,
    held_with_pulses,
    hostile_entries,
    pair_row,
    seven_mentees,
)


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


def test_manager_report_names_pairs_at_risk(pair):
    with translation.override("en"):
        html = report_html(programme=pair.programme, audience=Audience.MANAGER)
    assert "Éléonore Lefèvre" in html  # the pair has an open concern: at risk
    assert "open concern" in html
    assert pair.programme.name in html


@pytest.mark.parametrize(
    ("language", "words"), [("en", "no session yet"), ("fr", "aucune séance pour l’instant")]
)
def test_manager_report_says_no_session_yet_for_an_at_risk_pair_that_never_met(
    programme, language, words
):
    never = pair_row(programme, mentee={"last_name": "Jamais"})
    Pair.objects.filter(pk=never.pk).update(created_at=timezone.now() - dt.timedelta(days=40))
    programme.start_date = (timezone.now() - dt.timedelta(days=60)).date()
    programme.save()
    with translation.override(language):
        html = report_html(programme=programme, audience=Audience.MANAGER)
    (row,) = [r for r in html.split("<tr>") if "Jamais" in r]
    assert words in row
    quiet = pair_row(programme, mentee={"last_name": "Silencieux"})
    held_with_pulses(quiet, days_ago=50)
    with translation.override(language):
        html = report_html(programme=programme, audience=Audience.MANAGER)
    (row,) = [r for r in html.split("<tr>") if "Silencieux" in r]
    assert words not in row and "<td>50</td>" in row


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


def _flat(text: str) -> str:
    """Words as a reader sees them: lines and non-breaking spaces as single spaces."""
    return re.sub(r"\s+", " ", text)


def _verdict_texts(context) -> list[str]:
    return [answer.text for answer in context["verdict"].answers]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_report_starts_with_the_page_verdict(programme, sponsor, language):
    """The PDF's first words after its title are the verdict, word for word and figure for
    figure as the sponsors' page prints it."""
    from django.urls import reverse
    from django.utils.html import escape

    from tests.factories import client_for
    from tests.rementor.analytics.factories import answered_pairs

    skill = SkillFactory(name_en="LinkedIn")
    programme.skills.set([skill])
    answered_pairs(programme, skill)
    with translation.override(language):
        context = report_context(programme=programme, audience=Audience.SPONSOR)
        html = report_html(programme=programme, audience=Audience.SPONSOR)
    text = _flat(_pdf_text(html))
    texts = _verdict_texts(context)
    questions = [answer.question for answer in context["verdict"].answers]
    assert any(answer.shown for answer in context["verdict"].answers)
    start = text.index(_flat(questions[0]))
    # Nothing before it but the cover's title: the programme's name and dates.
    assert text.index(programme.name) < start
    for marker in ("Key figures" if language == "en" else "Chiffres clés", "Version"):
        assert start < text.index(marker), marker
    for sentence in texts:
        assert _flat(sentence) in text, sentence
    page = client_for(sponsor).get(
        reverse("analytics:sponsor", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE=language
    )
    body = page.content.decode()
    for sentence in texts:
        assert escape(sentence) in body, sentence
    numbers = re.findall(r"\d+\u00a0%|\b\d+\b", " ".join(texts))
    assert numbers and all(_flat(number) in text for number in numbers)


def test_report_draws_no_empty_chart_and_says_why(programme):
    with translation.override("en"):
        context = report_context(programme=programme, audience=Audience.SPONSOR)
        html = report_html(programme=programme, audience=Audience.SPONSOR)
    assert not any(chart.has_data for chart in context["charts"].values())
    assert "<svg" not in html
    assert "No pair has been formed yet." in html
    assert "No check-in answered yet." in html
    assert "Nobody has been invited to the programme yet." in html
    assert "This programme has no skills in focus" in _flat(_pdf_text(html))


def test_report_heat_map_falls_back_to_the_programme_wide_line(programme):
    from tests.rementor.analytics.factories import mentee_with_baseline

    skill = SkillFactory(name_en="LinkedIn")
    programme.skills.set([skill])
    for index in range(6):
        mentee_with_baseline(
            programme=programme, department=f"Small {index % 3}", answers={skill: (1, 3, 2)}
        )
    with translation.override("en"):
        context = report_context(programme=programme, audience=Audience.SPONSOR)
        html = report_html(programme=programme, audience=Audience.SPONSOR)
    assert context["needs"].programme_wide_only
    heatmap = html[html.index('class="figures-table heatmap"') :]
    heatmap = heatmap[: heatmap.index("</table>")]
    assert "All departments" in heatmap and "Small 0" not in heatmap
    assert "only the programme-wide figures are shown" in html
