"""A participant's circles, for their home page (``{% my_circles %}``): the site app shows
them without importing circles' models or queries."""

from __future__ import annotations

from django import template
from django.db.models import Min, Q
from django.template.loader import render_to_string
from django.utils import timezone

from rementor.circles.models import MeetingStatus
from rementor.circles.queries import circles_of_person

register = template.Library()


@register.simple_tag(takes_context=True)
def my_circles(context) -> str:
    """Nothing for someone in no circle (managers reach circles from their programmes)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.person_id is None:
        return ""
    circles = list(
        circles_of_person(user.person_id).annotate(
            next_meeting=Min(
                "meetings__starts_at",
                filter=Q(
                    meetings__status=MeetingStatus.PLANNED,
                    meetings__starts_at__gte=timezone.now(),
                ),
            )
        )
    )
    if not circles:
        return ""
    return render_to_string(
        "circles/includes/my_circles.html", {"circles": circles}, request=request
    )
