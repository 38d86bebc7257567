"""The programme's results: the manager dashboard and the sponsor view.

Both pages render :func:`rementor.analytics.impact.results.programme_results`; the sponsor view asks
for the suppressed figures (aggregates only, no names, no filters: comparing a filtered view
with the whole would reveal the people left out by subtraction).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rementor.analytics.forms import DashboardFilterForm
from rementor.analytics.impact.filters import filter_choices
from rementor.analytics.impact.results import chart_notes, department_rows, programme_results
from rementor.analytics.impact.verdict import previous_programme, programme_verdict
from rementor.programmes.access import programme_for


def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme manager's dashboard, with names, the at-risk list and filters."""
    programme = programme_for(request, slug, "analytics.view_dashboard")
    departments, sites = filter_choices(programme=programme)
    form = DashboardFilterForm(request.GET or None, departments=departments, sites=sites)
    department_id, site = form.chosen()
    results = programme_results(
        programme=programme, department_id=department_id, site=site, for_sponsor=False
    )
    return _render(request, programme, results, form=form, template="analytics/dashboard.html")


def sponsor(request: HttpRequest, slug: str) -> HttpResponse:
    """What the executive committee sees: the same story, aggregates only."""
    programme = programme_for(request, slug, "analytics.view_results")
    results = programme_results(programme=programme, for_sponsor=True)
    return _render(request, programme, results, form=None, template="analytics/sponsor.html")


def _render(request, programme, results, *, form, template) -> HttpResponse:
    chart = results.as_chart_data()
    previous = previous_programme(programme, user=request.user)
    return render(
        request,
        template,
        {
            "programme": programme,
            "results": results,
            "form": form,
            "verdict": programme_verdict(programme=programme, results=results, previous=previous),
            "chart": chart,
            "chart_notes": chart_notes(results, chart),
            "department_rows": department_rows(results.impact),
            "nps_final": results.satisfaction.nps["final"][-1].stat,
            "nps_midterm": results.satisfaction.nps["midterm"][-1].stat,
            "min_size": results.min_size,
        },
    )
