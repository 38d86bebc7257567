"""The ideas part of the pair page (see mentoring/pairs/pair.html)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from rementor.mentoring.access import viewer_of
from rementor.mentoring.objectives import pair_is_closed

register = template.Library()


@register.simple_tag(takes_context=True)
def ideas_section(context, pair) -> str:
    """The pair's ideas for the company, and a way to log one."""
    request, user, role = viewer_of(context, pair)
    return render_to_string(
        "mentoring/ideas/section.html",
        {
            "pair": pair,
            "ideas": pair.ideas.select_related("department"),
            "can_write": role is not None and not pair_is_closed(pair),
            "is_manager": role is None and bool(getattr(user, "is_programme_manager", False)),
        },
        request=request,
    )
