"""Match runs (created through the same adapter as the matching page) and pairs, with the
pair's messages for its members."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from rementor.api import filters
from rementor.api.serializers.matching import (
    MatchRunSerializer,
    MatchRunWriteSerializer,
    PairSerializer,
)
from rementor.api.serializers.mentoring import PairMessageSerializer, PairMessageWriteSerializer
from rementor.api.views.base import ScopedViewSet
from rementor.matching import domain
from rementor.matching.models import MatchRun, Pair
from rementor.mentoring import messages as thread
from rementor.mentoring.queries import messages_readable_by, pairs_visible_to
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
        methods=["get"],
        responses={200: PairMessageSerializer(many=True)},
        summary="Your pair's messages",
    )
    @extend_schema(
        methods=["post"],
        request=PairMessageWriteSerializer,
        responses={201: PairMessageSerializer},
        summary="Write in your pair's thread",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def messages(self, request, pk=None):
        """The pair's thread, oldest first, for its members only: a programme manager, who
        sees the pair, gets 404 here as if there were no thread. Reading marks the thread as
        read. Posting: at most 2,000 characters (400 naming `text` otherwise); a finished
        pair's thread is read-only (400); the other member is e-mailed a link, never the
        text, at most once an hour."""
        pair = self.get_object()
        if not request.user.has_perm("mentoring.read_messages", pair):
            raise exceptions.NotFound
        if request.method == "POST":
            data = self.validated(PairMessageWriteSerializer)
            message = thread.post_message(pair=pair, by=request.user, text=data["text"])
            return self.read(message, status=201, serializer_class=PairMessageSerializer)
        rows = (
            messages_readable_by(request.user)
            .filter(pair=pair)
            .select_related("author", "pair__mentee", "pair__mentor")
        )
        thread.mark_read(pair=pair, user=request.user)
        return Response(
            PairMessageSerializer(rows, many=True, context=self.get_serializer_context()).data
        )
