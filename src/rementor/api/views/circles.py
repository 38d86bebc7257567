"""Circles and their meetings: read-only, for their active members and the managers (who
see every circle). Anyone else gets 404, sponsors included."""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import mixins

from rementor.api.serializers.circles import CircleMeetingSerializer, CircleSerializer
from rementor.api.views.base import ScopedViewSet
from rementor.circles.models import Circle, CircleMeeting
from rementor.circles.queries import active_memberships, circles_visible_to, meetings_visible_to


class CircleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Circle.objects.select_related("programme").prefetch_related(
        Prefetch("members", queryset=active_memberships(), to_attr="active_members")
    )
    serializer_class = CircleSerializer
    ordering_fields = ["name", "created_at"]
    ordering = ["name", "pk"]

    def visible(self, queryset, user):
        return queryset.filter(pk__in=circles_visible_to(user).values("pk"))


class CircleMeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = CircleMeeting.objects.all()
    serializer_class = CircleMeetingSerializer
    ordering_fields = ["starts_at"]
    ordering = ["-starts_at", "pk"]

    def visible(self, queryset, user):
        return queryset.filter(pk__in=meetings_visible_to(user).values("pk"))
