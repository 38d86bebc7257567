"""The session plan's part of the pair page: who leads, and where the pair is in its plan."""

from django import template
from django.template.loader import render_to_string

from rementor.mentoring.access import viewer_of
from rementor.mentoring.charter import pair_is_open
from rementor.mentoring.leading import lead_sentence, leads
from rementor.mentoring.plan import position_of

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_section(context, pair) -> str:
    request, _user, role = viewer_of(context, pair)
    return render_to_string(
        "mentoring/plan/section.html",
        {
            "pair": pair,
            "lead": lead_sentence(pair.programme),
            "leads": leads(pair, role),
            "position": position_of(pair),
            "can_edit": bool(role) and pair_is_open(pair),
        },
        request=request,
    )
