"""The pair's page (its members and the managers), and the programme manager's view of every
pair's health, at-risk pairs first."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rementor.core.lists import paginate
from rementor.matching.explain import pair_reasons
from rementor.matching.models import OCCUPYING, Pair, PairProposal, ProposalStatus
from rementor.mentoring.access import pair_for
from rementor.mentoring.forms.pairs import PairFilterForm
from rementor.mentoring.plan import positions_of
from rementor.mentoring.queries import pair_health, pair_risks
from rementor.mentoring.rules import member_role
from rementor.programmes.access import programme_for

RISK_REASONS = {
    "mentor_left": _("mentor left the company"),
    "mentee_left": _("mentee left the company"),
    "no_session": _("no session for 30 days or more"),
    "low_pulse": _("recent pulses are low"),
    "open_concern": _("an open concern"),
}

# Enough to scan at a glance, few enough for a phone (a page of 340 pairs weighed 122 KiB).
PAIRS_PER_PAGE = 40


def pair_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The pair's space: each part (training, charter, sessions, objectives...) renders itself
    through its own template tag, given the pair and the viewer."""
    pair = pair_for(request, pk)
    return render(
        request,
        "mentoring/pairs/pair.html",
        {
            "pair": pair,
            "role": member_role(request.user, pair),
            "reasons": pair_reasons(pair),
            "group": _group_of(pair),
        },
    )


def _group_of(pair: Pair):
    """The group the pair meets in, or None (loaded with the pair by ``pair_for``)."""
    try:
        return pair.group_membership.group
    except ObjectDoesNotExist:
        return None


def pairs_overview(request: HttpRequest, slug: str) -> HttpResponse:
    """Every pair of the programme with its health, at-risk pairs first, filtered and cut into
    pages: a constant number of queries whatever the number of pairs. Every pair's risk is
    read in six (what the order, the filter and the counts need); the full health — which
    reads every pulse — only for the page's pairs, in four more; the page's pairs in one,
    their places in the session plan in three."""
    programme = programme_for(request, slug, "mentoring.oversee_pairs")
    filters = PairFilterForm(request.GET or None)
    now = timezone.now()
    risks = pair_risks(filters.apply(Pair.objects.filter(programme=programme)), now=now)
    ordered = sorted(
        (pk for pk, risk in risks.items() if filters.matches_risk(risk)),
        key=lambda pk: (
            not risks[pk].at_risk,
            risks[pk].status not in OCCUPYING,
            -risks[pk].days_since,
            pk,
        ),
    )
    # A page number out of range shows the last page, one that is not a number the first.
    pages = paginate(request, ordered, per_page=PAIRS_PER_PAGE)
    page = pages["page"]
    shown = list(page.object_list)
    health = pair_health(shown, now=now)
    loaded = Pair.objects.select_related(
        "mentee__person__department", "mentor__person__department"
    ).in_bulk(shown)
    # Where each pair is in its session plan: three queries for the whole page.
    positions = positions_of(loaded.values())
    rows = [
        {
            "pair": loaded[pk],
            "health": health[pk],
            "position": positions[pk],
            "reasons": [RISK_REASONS.get(r, r) for r in health[pk].reasons],
        }
        for pk in shown
        if pk in loaded and pk in health
    ]
    return render(
        request,
        "mentoring/pairs/overview.html",
        {
            "programme": programme,
            "filters": filters,
            "filtered": bool(filters.values()),
            "rows": rows,
            **pages,
            "matching": len(ordered),
            "at_risk": sum(1 for pk in ordered if risks[pk].at_risk),
            # Consent to the pair: proposals not live yet (counted only where it is asked).
            "proposals_open": PairProposal.objects.filter(
                programme=programme, status=ProposalStatus.OPEN
            ).count()
            if programme.pair_consent
            else 0,
        },
    )
