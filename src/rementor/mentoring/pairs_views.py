"""The programme manager's view of every pair's health, at-risk pairs first."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from rementor.core.access import signed_in
from rementor.matching.models import OCCUPYING, Pair
from rementor.mentoring.queries import pair_health
from rementor.programmes.access import programme_for

RISK_REASONS = {
    "mentor_left": _("mentor left the company"),
    "mentee_left": _("mentee left the company"),
    "no_session": _("no session for 30 days or more"),
    "low_pulse": _("recent pulses are low"),
    "open_concern": _("an open concern"),
}


@signed_in
def pairs_overview(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "mentoring.oversee_pairs")
    pairs = list(
        Pair.objects.filter(programme=programme).select_related(
            "mentee__person__department", "mentor__person__department"
        )
    )
    health = pair_health(pairs)
    rows = [
        {
            "pair": pair,
            "health": health[pair.pk],
            "reasons": [RISK_REASONS.get(r, r) for r in health[pair.pk].reasons],
        }
        for pair in pairs
    ]
    rows.sort(
        key=lambda r: (
            not r["health"].at_risk,
            r["pair"].status not in OCCUPYING,
            -r["health"].days_since,
        )
    )
    return render(
        request,
        "mentoring/pairs_overview.html",
        {
            "programme": programme,
            "rows": rows,
            "at_risk": sum(1 for r in rows if r["health"].at_risk),
        },
    )
