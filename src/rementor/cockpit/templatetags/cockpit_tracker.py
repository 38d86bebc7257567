"""``{% programme_tracker programme %}``: the step tracker, shown on the programme page (a
page of a lower app, which loads this part instead of importing it)."""

from __future__ import annotations

from django import template

from rementor.cockpit.tracker import tracker

register = template.Library()


@register.inclusion_tag("cockpit/includes/tracker.html")
def programme_tracker(programme) -> dict:
    return {"programme": programme, "tracker": tracker(programme=programme)}
