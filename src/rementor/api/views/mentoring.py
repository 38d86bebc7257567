"""What pairs live in: sessions (and their authors' private notes), objectives, pulses,
ideas and confidential concerns. Each role reads what the pages show it."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from rementor.api import filters
from rementor.api.serializers.mentoring import (
    ConcernSerializer,
    ConcernSummarySerializer,
    ConcernWriteSerializer,
    IdeaSerializer,
    IdeaWriteSerializer,
    ObjectiveSerializer,
    ObjectiveWriteSerializer,
    PrivateNoteSerializer,
    PulseSerializer,
    PulseWriteSerializer,
    ResolveConcernSerializer,
    SessionRecordSerializer,
    SessionSerializer,
    SessionWriteSerializer,
)
from rementor.api.views.base import ScopedViewSet
from rementor.audit.events import Event, record
from rementor.core.links import site_root
from rementor.mentoring import concerns, feedback, objectives, sessions
from rementor.mentoring.models import (
    Concern,
    Idea,
    MentoringSession,
    Objective,
    Pulse,
)
from rementor.mentoring.queries import in_pairs_visible_to, private_note_of, with_visible_comment

_PAIR = ("pair__mentee", "pair__mentor")


@extend_schema_view(
    create=extend_schema(request=SessionWriteSerializer, responses={201: SessionSerializer})
)
class SessionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Members read their sessions in full (except the other member's private note); managers
    see that sessions happened — place, agenda and notes are null for them."""

    queryset = MentoringSession.objects.select_related(*_PAIR).prefetch_related("skills")
    serializer_class = SessionSerializer
    filterset_class = filters.SessionFilter
    ordering_fields = ["starts_at", "status"]
    ordering = ["-starts_at", "pk"]

    def visible(self, queryset, user):
        return in_pairs_visible_to(queryset, user)

    def create(self, request, *args, **kwargs):
        """Plan a session of your pair; both members receive a calendar invitation.

        The start must be from now on (five minutes' grace), not before the programme's
        start date, no later than 90 days after its end date and at most two years ahead;
        otherwise 400 naming `starts_at`. A session that already took place is recorded
        with `POST /sessions/record/` instead."""
        data = dict(self.validated(SessionWriteSerializer))
        self.require("mentoring.act_in_pair", data["pair"])
        session = sessions.plan_session(by=request.user, base_url=site_root(request), **data)
        return self.read(self.base_queryset().get(pk=session.pk), status=201)

    @extend_schema(
        request=SessionRecordSerializer,
        responses={201: SessionSerializer},
        summary="Record a session that already took place",
    )
    @action(detail=False, methods=["post"])
    def record(self, request):
        """Record a session of your pair that already took place: it is logged as held at
        once, and nobody is invited (no e-mail, no calendar invitation).

        The start must have passed, and lie after the programme's start date and the day the
        pair was formed; otherwise 400 naming `starts_at`. Both members must have accepted
        the pair charter. `skills` are ids of the programme's skills."""
        data = dict(self.validated(SessionRecordSerializer))
        self.require("mentoring.act_in_pair", data["pair"])
        session = sessions.record_session(by=request.user, **data)
        return self.read(self.base_queryset().get(pk=session.pk), status=201)

    @extend_schema(
        methods=["get"], responses={200: PrivateNoteSerializer}, summary="Your private note"
    )
    @extend_schema(
        methods=["put"],
        request=PrivateNoteSerializer,
        responses={200: PrivateNoteSerializer},
        summary="Write your private note",
    )
    @extend_schema(methods=["delete"], responses={204: None}, summary="Delete your private note")
    @action(detail=True, methods=["get", "put", "delete"], url_path="private-note")
    def private_note(self, request, pk=None):
        """Your own private note on the session: nobody else ever reads it — not the other
        member, not a manager (404 for them, as if there were none)."""
        session = self.get_object()
        if not request.user.has_perm("mentoring.act_in_pair", session.pair):
            raise exceptions.NotFound
        note = private_note_of(session, request.user)
        if request.method == "GET":
            if note is None:
                raise exceptions.NotFound
            return Response(PrivateNoteSerializer(note).data)
        if request.method == "DELETE":
            sessions.save_private_note(session=session, author=request.user, text="")
            return Response(status=204)
        data = self.validated(PrivateNoteSerializer)
        note = sessions.save_private_note(session=session, author=request.user, text=data["text"])
        return Response(PrivateNoteSerializer(note).data)


@extend_schema_view(
    create=extend_schema(request=ObjectiveWriteSerializer, responses={201: ObjectiveSerializer})
)
class ObjectiveViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Objectives of both parties: the pair's members and the managers."""

    queryset = Objective.objects.all()
    serializer_class = ObjectiveSerializer
    filterset_class = filters.ObjectiveFilter
    ordering_fields = ["target_date", "created_at", "status"]
    ordering = ["pair", "owner", "target_date", "pk"]

    def visible(self, queryset, user):
        return in_pairs_visible_to(queryset, user)

    def create(self, request, *args, **kwargs):
        data = self.validated(ObjectiveWriteSerializer)
        objective = objectives.add_objective(by=request.user, **data)
        return self.read(objective, status=201)


@extend_schema_view(
    create=extend_schema(request=PulseWriteSerializer, responses={201: PulseSerializer})
)
class PulseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """A member reads their own pulses; managers read every pulse's scores, and the comments
    their authors shared with the programme team (the partner reads none)."""

    queryset = Pulse.objects.select_related("author")
    serializer_class = PulseSerializer
    filterset_class = filters.PulseFilter
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "pk"]

    def visible(self, queryset, user):
        queryset = with_visible_comment(queryset, user)
        if user.has_perm("mentoring.oversee_pairs"):
            return queryset
        if user.person_id is None:
            return queryset.none()
        return queryset.filter(author__person_id=user.person_id)

    def create(self, request, *args, **kwargs):
        """Your pulse on a held session: usefulness and comfort (1-5), one optional sentence,
        private unless ``comment_shared`` (then the programme team reads it, never the
        partner)."""
        data = dict(self.validated(PulseWriteSerializer))
        pulse = feedback.submit_pulse(by=request.user, **data)
        return self.read(self.get_queryset().get(pk=pulse.pk), status=201)


@extend_schema_view(
    create=extend_schema(request=IdeaWriteSerializer, responses={201: IdeaSerializer})
)
class IdeaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Ideas for the company: the pair's members and the managers."""

    queryset = Idea.objects.all()
    serializer_class = IdeaSerializer
    filterset_class = filters.IdeaFilter
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "pk"]

    def visible(self, queryset, user):
        return in_pairs_visible_to(queryset, user)

    def create(self, request, *args, **kwargs):
        data = self.validated(IdeaWriteSerializer)
        idea = concerns.log_idea(by=request.user, **data)
        return self.read(idea, status=201)


@extend_schema_view(
    list=extend_schema(responses={200: ConcernSummarySerializer(many=True)}),
    create=extend_schema(request=ConcernWriteSerializer, responses={201: ConcernSerializer}),
)
class ConcernViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Confidential concerns: their author and the programme managers only — never the other
    member (404). Lists carry no text; a manager reading one is recorded in the audit trail."""

    queryset = Concern.objects.select_related("author", *_PAIR)
    serializer_class = ConcernSerializer
    filterset_class = filters.ConcernFilter
    ordering_fields = ["created_at", "status"]
    ordering = ["-created_at", "pk"]

    def get_serializer_class(self):
        return ConcernSummarySerializer if self.action == "list" else ConcernSerializer

    def visible(self, queryset, user):
        if user.is_programme_manager:
            return queryset
        return queryset.filter(author_id=user.pk)

    def list(self, request, *args, **kwargs):
        self.queryset = self.queryset.defer("text", "resolution_note")
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        concern = self.get_object()
        if not concerns.can_read_concern(request.user, concern):
            raise exceptions.NotFound
        if concern.author_id != request.user.pk:
            record(event=Event.SENSITIVE_READ, request=request, target=concern)
        return self.read(concern)

    def create(self, request, *args, **kwargs):
        """Write to the programme managers in confidence (a member of the pair)."""
        data = self.validated(ConcernWriteSerializer)
        concern = concerns.raise_concern(by=request.user, **data)
        return self.read(self.base_queryset().get(pk=concern.pk), status=201)

    @extend_schema(request=ResolveConcernSerializer, responses={200: ConcernSerializer})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """Resolve the concern, saying what was done (its author reads the note): managers."""
        concern = self.get_object()
        if not request.user.is_programme_manager:
            raise exceptions.PermissionDenied
        data = self.validated(ResolveConcernSerializer)
        concerns.resolve_concern(concern=concern, by=request.user, note=data["note"])
        return self.read(self.base_queryset().get(pk=concern.pk))
