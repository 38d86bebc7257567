"""The report as a document: what its template shows for each audience, the HTML, the PDF."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy

from rementor.analytics import queries
from rementor.analytics.heatmap import legend, needs_view
from rementor.analytics.impact.results import chart_notes, programme_results
from rementor.analytics.impact.stat import State
from rementor.analytics.impact.verdict import previous_programme, programme_verdict
from rementor.analytics.report.figures import charts, key_figures
from rementor.analytics.report.tables import tables
from rementor.core.exports import neutralise_cell
from rementor.mentoring.models import Idea
from rementor.programmes.models import Programme


class Audience(models.TextChoices):
    MANAGER = "manager", gettext_lazy("Programme team")
    SPONSOR = "sponsor", gettext_lazy("Sponsors")


MAX_IDEAS = 30


# The report's charts by the name of the page's chart they draw (their reasons not to be
# drawn are the page's).
PAGE_CHARTS = {
    "funnel": "funnel",
    "health": "health",
    "skills": "skills",
    "gap_closed": "departments",
    "growth": "growth",
    "nps": "nps",
}


def report_context(
    *, programme: Programme, audience: Audience, now: dt.datetime | None = None, user=None
) -> dict:
    """Everything the report template shows, for ``audience`` (``user``: who asks for it,
    when someone does: the previous programme the verdict compares with must be theirs to
    read)."""
    for_sponsor = audience == Audience.SPONSOR
    min_size = settings.RM_MIN_GROUP_SIZE
    # Without ``now``: the figures the pages show (cached until their data changes), as of
    # when they were computed.
    results = programme_results(programme=programme, for_sponsor=for_sponsor, now=now)
    now = results.generated_at
    drawn = charts(results)
    notes = chart_notes(
        results,
        drawn={PAGE_CHARTS[name]: chart.has_data for name, chart in drawn.items()},
    )
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
        "key_figures": key_figures(results),
        "verdict": programme_verdict(
            programme=programme,
            results=results,
            previous=previous_programme(programme, user=user),
        ),
        "charts": drawn,
        "chart_notes": {name: notes.get(page, "") for name, page in PAGE_CHARTS.items()}
        | {"nps_final": notes.get("nps_final", "")},
        "tables": tables(results),
        "at_risk": results.at_risk if not for_sponsor else (),
        "needs": needs,
        "needs_rows": needs_rows,
        "needs_empty": heatmap.is_empty,
        "no_final": results.impact.all_departments.total.state == State.EMPTY,
        "legend": legend(),
        "ideas": ideas,
        "max_ideas": MAX_IDEAS,
    }


def report_html(
    *, programme: Programme, audience: Audience, now: dt.datetime | None = None, user=None
) -> str:
    """The report as the HTML WeasyPrint lays out (tests read it to check what is printed)."""
    return render_to_string(
        "analytics/report/report.html",
        report_context(programme=programme, audience=audience, now=now, user=user),
    )


def _no_fetch(url: str, *args, **kwargs):
    # Everything the report needs is inline: never let a URL in the data make the server
    # fetch something (file:// or the network).
    raise ValueError(f"the report fetches nothing: {url}")


def report_pdf(
    *, programme: Programme, audience: Audience, now: dt.datetime | None = None, user=None
) -> bytes:
    """The A4 PDF impact report for ``audience``, in the active language."""
    from weasyprint import CSS, HTML

    html = report_html(programme=programme, audience=audience, now=now, user=user)
    stylesheet = CSS(string=render_to_string("analytics/report/report.css"))
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf(stylesheets=[stylesheet])


def filename(*, programme: Programme, audience: Audience) -> str:
    return f"{programme.slug}-impact-report-{audience}.pdf"
