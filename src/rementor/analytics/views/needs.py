"""The needs heat map page: in full for the programme team, small groups suppressed for sponsors."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rementor.analytics import queries
from rementor.analytics.forms import SiteFilterForm
from rementor.analytics.heatmap import legend, needs_view
from rementor.programmes.access import programme_for


def needs(request: HttpRequest, slug: str) -> HttpResponse:
    """The needs heat map: in full for managers, small groups suppressed for sponsors."""
    programme = programme_for(request, slug, "analytics.view_needs")
    in_full = request.user.has_perm("analytics.view_small_groups", programme)
    # Sponsors get no site filter: comparing a site with all sites would reveal, by
    # subtraction, the people of the other sites, however small their group.
    form = None
    site = None
    if in_full:
        form = SiteFilterForm(
            request.GET or None, sites=queries.baseline_sites(programme=programme)
        )
        site = form.chosen_site()
    min_size = None if in_full else settings.RM_MIN_GROUP_SIZE
    # Sponsors' heat map moves in steps of that many baselines: one more never changes it.
    heatmap = queries.needs_heatmap(programme=programme, site=site, step=min_size)
    view = needs_view(heatmap=heatmap, min_size=min_size)
    return render(
        request,
        "analytics/needs.html",
        {
            "programme": programme,
            "form": form,
            "site": site,
            "view": view,
            "no_answers": heatmap.is_empty and not heatmap.waiting,
            "legend": legend(),
            "min_size": settings.RM_MIN_GROUP_SIZE,
        },
    )
