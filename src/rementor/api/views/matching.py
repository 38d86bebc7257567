"""Match runs (created through the same adapter as the matching page) and pairs."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from rementor.api import filters
from rementor.api.serializers.matching import (
    MatchRunSerializer,
    MatchRunWriteSerializer,
    PairSerializer,
)
from rementor.api.views.base import ScopedViewSet
from rementor.matching import domain
from rementor.matching.models import MatchRun, Pair
from rementor.mentoring.queries import pairs_visible_to
from rementor.people.queries import name_order


@extend_schema_view(
    create=extend_schema(request=MatchRunWriteSerializer, responses={201: MatchRunSerializer})
)
class MatchRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Runs of the matching engine: programme managers only."""

    queryset = MatchRun.objects.all()
    serializer_class = MatchRunSerializer
    filterset_class = filters.MatchRunFilter
    ordering_fields = ["created_at", "number"]
    ordering = ["-created_at", "-number"]
    required_perm = "matching.manage_matching"

    def visible(self, queryset, user):
        return queryset

    def create(self, request, *args, **kwargs):
        """Start a run: the programme is snapshotted and the engine solves it in the
        background; poll the run until its status is "done" or "failed"."""
        data = self.validated(MatchRunWriteSerializer)
        run = domain.start_match_run(
            programme=data["programme"], by=request.user, weights=data.get("weights")
        )
        run.refresh_from_db()
        return self.read(run, status=201)


class PairViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Pairs: managers see every pair; a participant their own pairs only."""

    queryset = Pair.objects.select_related("mentee__person", "mentor__person")
    serializer_class = PairSerializer
    filterset_class = filters.PairFilter
    ordering_fields = ["created_at", "status"]
    ordering = ["programme", *name_order("mentee__person")]

    def visible(self, queryset, user):
        return pairs_visible_to(user, queryset)
