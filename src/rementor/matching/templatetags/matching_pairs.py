"""The participant's own pairs, for pages of apps below matching (the programme page).

A template tag rather than a view import: the programme app sits below matching, so its
page asks for this part by name at render time instead of importing it.
"""

from __future__ import annotations

from django import template

from rementor.matching.queries import my_pairs

register = template.Library()


@register.inclusion_tag("matching/includes/my_pair.html")
def my_pairs_in(enrollment) -> dict[str, object]:
    """Partner and why, for each active pair of ``enrollment`` (never other candidates)."""
    return {"my_pairs": my_pairs(enrollment)}
