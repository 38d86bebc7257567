"""The calendar-feed section of the account page (``mentoring/includes/profile_calendar.html``)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from rementor.core.links import site_root
from rementor.mentoring.calendar_feeds import NEW_FEED_KEY, live_feed_of

register = template.Library()


@register.simple_tag(takes_context=True)
def calendar_feed(context) -> dict:
    """The user's live feed, and the address made just before — popped: shown once only —
    as an https:// address and the webcal:// one calendar apps open by a click."""
    request = context["request"]
    secret = request.session.pop(NEW_FEED_KEY, None)
    https = webcal = ""
    if secret:
        https = site_root(request) + reverse("calendar:feed", args=[secret])
        webcal = "webcal://" + https.split("://", 1)[1]
    return {
        "allowed": request.user.has_perm("mentoring.subscribe_calendar"),
        "feed": live_feed_of(request.user),
        "https": https,
        "webcal": webcal,
    }
