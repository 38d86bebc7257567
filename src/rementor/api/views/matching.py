"""Match runs (created through the same adapter as the matching page) and pairs, with the
pair's messages for its members."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from rementor.api import filters
from rementor.api.serializers.matching import (
    DeclineSerializer,
    MatchRunSerializer,
    MatchRunWriteSerializer,
    PairProposalSerializer,
    PairSerializer,
)
from rementor.api.serializers.mentoring import (
    FreeTimeSerializer,
    PairMessageSerializer,
    PairMessageWriteSerializer,
    PairPlanSerializer,
)
from rementor.api.views.base import ScopedViewSet
from rementor.matching import domain
from rementor.matching.consent import answer_proposal
from rementor.matching.explain import skill_names
from rementor.matching.models import MatchRun, Pair, PairProposal
from rementor.matching.queries import proposals_of_member
from rementor.mentoring import messages as thread
from rementor.mentoring import plan as session_plan
from rementor.mentoring.booking import free_times_for
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

    @extend_schema(responses={200: PairPlanSerializer}, summary="Where the pair is in its plan")
    @action(detail=True, methods=["get"], pagination_class=None)
    def plan(self, request, pk=None):
        """The plan the pair follows (its own when it reordered or replaced themes, else the
        programme's in the reader's language) and its position: the next session is
        ``number`` of ``total``. For the pair's members and the programme managers."""
        pair = self.get_object()
        position = session_plan.position_of(pair)
        data = {
            "number": position.number,
            "total": position.total,
            "held": position.held,
            "own_plan": position.own_plan,
            "next": position.next,
            "steps": session_plan.pair_steps(pair),
        }
        return Response(PairPlanSerializer(data).data)

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


class PairProposalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Proposed pairs (consent to the pair): a participant sees their own and answers them;
    managers see every proposal, with the reasons of declines (decisions for someone else
    are made on the programme's proposals page)."""

    queryset = PairProposal.objects.select_related(
        "programme", "mentee__person__department", "mentor__person__department"
    )
    serializer_class = PairProposalSerializer
    ordering_fields = ["created_at", "deadline"]
    ordering = ["-created_at", "-pk"]

    def visible(self, queryset, user):
        if user.is_programme_manager:
            return queryset
        return queryset.filter(pk__in=proposals_of_member(user, open_only=False).values("pk"))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "skill_names": skill_names()}

    def _own(self):
        """The proposal and the caller's enrolment in it; 403 for a manager who is not in it
        (decisions for someone else are made on the programme's proposals page)."""
        proposal = self.get_object()
        person_id = self.request.user.person_id
        if person_id == proposal.mentee.person_id:
            return proposal, proposal.mentee
        if person_id == proposal.mentor.person_id:
            return proposal, proposal.mentor
        raise exceptions.PermissionDenied

    def _answer(self, proposal, member, accept: bool, reason: str = ""):
        answer_proposal(
            proposal=proposal, member=member, accept=accept, reason=reason, by=self.request.user
        )
        return self.read(self.base_queryset().get(pk=proposal.pk))

    @extend_schema(request=None, responses={200: PairProposalSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept your proposed pair; it goes live (see `pair`) when both have accepted.
        400 when you already answered or the time to answer has passed."""
        return self._answer(*self._own(), True)

    @extend_schema(request=DeclineSerializer, responses={200: PairProposalSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """Decline your proposed pair with a `reason` (required; read by the programme team
        only, never by the other member). Both go back to the pool for the next run."""
        proposal, member = self._own()
        data = self.validated(DeclineSerializer)
        return self._answer(proposal, member, False, data["reason"])
