from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rementor.circles.models import Circle, CircleMeeting, CircleMember


def make_circle(programme, *, name="Mentors", members=()):
    circle = Circle.objects.create(programme=programme, name=name)
    for enrollment in members:
        CircleMember.objects.create(circle=circle, enrollment=enrollment)
    return circle


def make_meeting(circle, **fields):
    fields.setdefault("starts_at", timezone.now() + dt.timedelta(days=7))
    fields.setdefault("location", "Salle 3")
    return CircleMeeting.objects.create(circle=circle, **fields)
