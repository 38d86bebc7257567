"""The role swap part of the pair page (see mentoring/pairs/pair.html): shown only when the
programme ends with a reciprocal phase (or a pair started one before it was switched off)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from rementor.mentoring.access import viewer_of
from rementor.mentoring.objectives import pair_is_closed
from rementor.mentoring.reciprocal import phase_state

register = template.Library()


@register.simple_tag(takes_context=True)
def reciprocal_section(context, pair) -> str:
    """The pair's phase, its topic and the sessions held in each phase; the junior's way to
    start the phase once eligible. Managers see it all but cannot choose the topic."""
    if not pair.programme.reciprocal_phase and not hasattr(pair, "reciprocal_phase"):
        return ""
    request, _user, role = viewer_of(context, pair)
    return render_to_string(
        "mentoring/reciprocal/section.html",
        {
            "pair": pair,
            "state": phase_state(pair),
            "role": role,
            "closed": pair_is_closed(pair),
        },
        request=request,
    )
