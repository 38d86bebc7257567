"""The confidential-concerns part of the pair page (see mentoring/pairs/pair.html)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from rementor.mentoring.access import viewer_of
from rementor.mentoring.concerns import open_concern_count, own_concerns

register = template.Library()


@register.simple_tag(takes_context=True)
def concern_section(context, pair) -> str:
    """Members: how to raise a concern, and their own concerns only — never the partner's.
    Managers: how many concerns about this pair are open."""
    request, user, role = viewer_of(context, pair)
    is_manager = role is None and bool(getattr(user, "is_programme_manager", False))
    if role is None and not is_manager:
        return ""
    return render_to_string(
        "mentoring/concerns/section.html",
        {
            "pair": pair,
            "is_member": role is not None,
            "own_concerns": list(own_concerns(user, pair)) if role is not None else [],
            "is_manager": is_manager,
            "open_count": open_concern_count(pair) if is_manager else 0,
        },
        request=request,
    )
