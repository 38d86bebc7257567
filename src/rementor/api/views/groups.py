"""Mentoring groups: read-only, for their members and the programme's managers (who see
every group). Anyone else gets 404, sponsors included."""

from __future__ import annotations

from rest_framework import mixins

from rementor.api.serializers.groups import MentoringGroupSerializer
from rementor.api.views.base import ScopedViewSet
from rementor.mentoring.group_queries import groups_visible_to
from rementor.mentoring.models import MentoringGroup


class MentoringGroupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = MentoringGroup.objects.select_related(
        "programme", "mentor__person"
    ).prefetch_related("members__pair__mentee__person", "objectives")
    serializer_class = MentoringGroupSerializer
    ordering_fields = ["name", "created_at"]
    ordering = ["name", "pk"]

    def visible(self, queryset, user):
        return queryset.filter(pk__in=groups_visible_to(user).values("pk"))
