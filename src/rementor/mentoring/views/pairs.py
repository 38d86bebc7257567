"""The pair's page (its members and the managers), and the programme manager's view of every
pair's health, at-risk pairs first."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from rementor.matching.explain import pair_reasons
from rementor.matching.models import OCCUPYING, Pair
from rementor.mentoring.access import pair_for
from rementor.mentoring.queries import pair_health
from rementor.mentoring.rules import member_role
from rementor.programmes.access import programme_for

RISK_REASONS = {
    "mentor_left": _("mentor left the company"),
    "mentee_left": _("mentee left the company"),
    "no_session": _("no session for 30 days or more"),
    "low_pulse": _("recent pulses are low"),
    "open_concern": _("an open concern"),
}


def pair_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The pair's space: each part (training, charter, sessions, objectives...) renders itself
    through its own template tag, given the pair and the viewer."""
    pair = pair_for(request, pk)
    return render(
        request,
        "mentoring/pairs/pair.html",
        {"pair": pair, "role": member_role(request.user, pair), "reasons": pair_reasons(pair)},
    )


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
        "mentoring/pairs/overview.html",
        {
            "programme": programme,
            "rows": rows,
            "at_risk": sum(1 for r in rows if r["health"].at_risk),
        },
    )
