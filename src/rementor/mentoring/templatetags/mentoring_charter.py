"""The charter part of the pair page (see mentoring/pairs/pair.html)."""

from django import template
from django.template.loader import render_to_string

from rementor.mentoring.charter import get_or_create_charter, pair_is_open
from rementor.mentoring.models import PairCharter
from rementor.mentoring.rules import member_role

register = template.Library()


@register.simple_tag(takes_context=True)
def charter_section(context, pair) -> str:
    """The charter's status and a link to it. A member's first visit creates it (pre-filled);
    a manager only sees its status."""
    request = context["request"]
    role = member_role(request.user, pair)
    if role and pair_is_open(pair):
        charter = get_or_create_charter(pair=pair)
    else:
        charter = PairCharter.objects.filter(pair=pair).first()
    needs_me = bool(
        role and pair_is_open(pair) and charter and not getattr(charter, f"{role}_accepted_at")
    )
    return render_to_string(
        "mentoring/charter/section.html",
        {
            "pair": pair,
            "charter": charter,
            "show_link": bool(role),
            "needs_me": needs_me,
        },
        request=request,
    )
