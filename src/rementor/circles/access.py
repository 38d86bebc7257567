"""Loading the circle or meeting a page is about: 404 for anyone who may not know it exists
(not a member, not a manager: sponsors included), 403 for a member asking for a manager's
action. Both refusals audited (``rementor.core.access.check_object_perm``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from rementor.circles.models import Circle, CircleMeeting
from rementor.core.access import check_object_perm

VIEW_CIRCLE = "circles.view_circle"


def circle_for(request: HttpRequest, pk: int, perm: str) -> Circle:
    circle = get_object_or_404(Circle.objects.select_related("programme"), pk=pk)
    check_object_perm(request, perm, circle, know_perm=VIEW_CIRCLE)
    return circle


def meeting_for(request: HttpRequest, pk: int, perm: str) -> CircleMeeting:
    meeting = get_object_or_404(CircleMeeting.objects.select_related("circle__programme"), pk=pk)
    check_object_perm(request, perm, meeting.circle, know_perm=VIEW_CIRCLE)
    return meeting
