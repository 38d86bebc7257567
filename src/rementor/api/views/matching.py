"""Match runs (created through the same adapter as the matching page) and pairs."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from rementor.api import filters
from rementor.api.serializers.matching import (
    MatchRunSerializer,
    MatchRunWriteSerializer,
    PairSerializer,
)
from rementor.api.serializers.mentoring import FreeTimeSerializer
from rementor.api.views.base import ScopedViewSet
from rementor.matching import domain
from rementor.matching.models import MatchRun, Pair
from rementor.mentoring.booking import free_times_for
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

    @extend_schema(
        responses={200: FreeTimeSerializer(many=True)}, summary="Free times of your pair"
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="free-times",
        filter_backends=[],
        pagination_class=None,
    )
    def free_times(self, request, pk=None):
        """The times of the next four weeks (and before the programme's end) in both members'
        weekly availabilities when neither has another Rementor session: for the pair's two
        members only (a manager gets 403). Empty when the pair cannot book (paused, finished,
        programme not running)."""
        pair = self.get_object()
        self.require("mentoring.act_in_pair", pair)
        pair = Pair.objects.select_related("programme", "mentee__person", "mentor__person").get(
            pk=pair.pk
        )
        rows = [
            {
                "key": free.key,
                "day": free.day,
                "slot": free.slot,
                "starts_at": free.starts_at,
                "ends_at": free.ends_at,
                "time_zone": str(free.starts_at.tzinfo),
            }
            for free in free_times_for(pair=pair)
        ]
        return Response(FreeTimeSerializer(rows, many=True).data)
