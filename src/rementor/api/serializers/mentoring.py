from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from rementor.api.serializers.common import ScopedPrimaryKeyField
from rementor.matching.models import Pair
from rementor.mentoring.models import (
    Concern,
    Idea,
    MentorGoalArea,
    MentoringSession,
    Objective,
    ObjectiveOwner,
    PairMessage,
    PrivateNote,
    Pulse,
    SessionMode,
)
from rementor.mentoring.queries import member_of
from rementor.mentoring.rules import member_role
from rementor.mentoring.session_window import MAX_MINUTES, MIN_MINUTES
from rementor.people.models import Department
from rementor.skills.models import Skill


def _viewer(serializer: serializers.Serializer):
    return serializer.context["request"].user


def pairs_of_member(queryset, user):
    """Pairs the user belongs to: the only ones they may write in."""
    return queryset.filter(member_of(user))


def _sessions_of_member(queryset, user):
    return queryset.filter(member_of(user, prefix="pair__"))


def _all(queryset, user):
    return queryset


class SessionSerializer(serializers.ModelSerializer):
    """Members read everything but private notes; managers see that a session happened
    (when, how long, its status), never its place, video call link, agenda or notes: those
    are null. ``meeting_link`` is the video call's address: the typed link, or the session's
    Jitsi room."""

    location = serializers.CharField(read_only=True, allow_null=True)
    meeting_link = serializers.CharField(read_only=True, allow_null=True)
    agenda = serializers.CharField(read_only=True, allow_null=True)
    shared_notes = serializers.CharField(read_only=True, allow_null=True)
    skills = serializers.SerializerMethodField()

    MEMBERS_ONLY = ("location", "meeting_link", "agenda", "shared_notes", "skills")

    class Meta:
        model = MentoringSession
        fields = [
            "id",
            "pair",
            "starts_at",
            "time_zone",
            "duration_minutes",
            "mode",
            "status",
            "phase",
            "location",
            "meeting_link",
            "agenda",
            "shared_notes",
            "skills",
            "logged_at",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField(), allow_null=True))
    def get_skills(self, session: MentoringSession) -> list[int] | None:
        return [skill.pk for skill in session.skills.all()]

    def to_representation(self, session: MentoringSession) -> dict:
        if member_role(_viewer(self), session.pair) is not None:
            return super().to_representation(session)
        hidden = set(self.MEMBERS_ONLY)
        data = {}
        for field in self._readable_fields:
            data[field.field_name] = (
                None
                if field.field_name in hidden
                else field.to_representation(field.get_attribute(session))
            )
        return data


class _SessionWhenSerializer(serializers.Serializer):
    """When and where a session of one of the member's pairs is (planned or recorded)."""

    pair = ScopedPrimaryKeyField(scope=pairs_of_member, queryset=Pair.objects.all())
    starts_at = serializers.DateTimeField()
    time_zone = serializers.CharField(max_length=64, default=settings.TIME_ZONE)
    duration_minutes = serializers.IntegerField(
        min_value=MIN_MINUTES, max_value=MAX_MINUTES, default=60
    )
    mode = serializers.ChoiceField(choices=SessionMode.choices, default=SessionMode.REMOTE)
    location = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class SessionWriteSerializer(_SessionWhenSerializer):
    """Plan a session: both members receive a calendar invitation. ``starts_at`` must be
    from now on (a few minutes' grace), not before the programme's start date, no later than
    90 days after its end date and at most two years ahead."""

    agenda = serializers.CharField(max_length=3000, required=False, allow_blank=True, default="")
    meeting_url = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text="The video call's link (https:// or http:// only). A programme whose video "
        "tool is Jitsi gives a video call its own room without it.",
    )


class SessionRecordSerializer(_SessionWhenSerializer):
    """Record a session that already took place: logged as held at once, nobody is invited.
    ``starts_at`` must have passed, and lie after the programme's start date and the day the
    pair was formed."""

    skills = serializers.ListField(
        child=ScopedPrimaryKeyField(scope=_all, queryset=Skill.objects.all()),
        required=False,
        default=list,
        max_length=100,
    )
    shared_notes = serializers.CharField(
        max_length=10000, required=False, allow_blank=True, default=""
    )
    private_note = serializers.CharField(
        max_length=10000, required=False, allow_blank=True, default=""
    )


class PrivateNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = PrivateNote
        fields = ["session", "text", "updated_at"]
        read_only_fields = ["session", "updated_at"]
        extra_kwargs = {"text": {"max_length": 10000}}


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objective
        fields = [
            "id",
            "pair",
            "owner",
            "phase",
            "title",
            "skill",
            "area",
            "success_criterion",
            "target_date",
            "status",
            "progress",
            "created_at",
            "updated_at",
        ]


class ObjectiveWriteSerializer(serializers.Serializer):
    pair = ScopedPrimaryKeyField(scope=pairs_of_member, queryset=Pair.objects.all())
    owner = serializers.ChoiceField(choices=ObjectiveOwner.choices)
    title = serializers.CharField(max_length=200)
    skill = ScopedPrimaryKeyField(
        scope=_all, queryset=Skill.objects.all(), required=False, allow_null=True
    )
    area = serializers.ChoiceField(
        choices=MentorGoalArea.choices, required=False, allow_blank=True, default=""
    )
    success_criterion = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    target_date = serializers.DateField(required=False, allow_null=True)


class PulseSerializer(serializers.ModelSerializer):
    """The comment is its author's: others read ``null`` unless the author shared it with the
    programme team (``comment_shared``), which managers then read; the partner never does."""

    # ``visible_comment`` is annotated by the viewset through rementor.mentoring.queries, the
    # one place deciding who reads a pulse comment.
    comment = serializers.CharField(
        source="visible_comment",
        read_only=True,
        allow_null=True,
        help_text="The author's sentence; null when the viewer may not read it.",
    )

    class Meta:
        model = Pulse
        fields = [
            "id",
            "session",
            "author",
            "usefulness",
            "comfort",
            "comment",
            "comment_shared",
            "created_at",
        ]


class PulseWriteSerializer(serializers.Serializer):
    session = ScopedPrimaryKeyField(
        scope=_sessions_of_member, queryset=MentoringSession.objects.all()
    )
    usefulness = serializers.IntegerField(min_value=1, max_value=5)
    comfort = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=280, required=False, allow_blank=True, default="")
    comment_shared = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Share the comment with the programme team (never with the partner). "
        "Default: only its author reads it.",
    )


class IdeaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Idea
        # adopted_on: the day a programme manager recorded the change the idea became (null
        # until then); what changed is on the managers' ideas page.
        fields = ["id", "pair", "title", "description", "department", "created_at", "adopted_on"]


class IdeaWriteSerializer(serializers.Serializer):
    pair = ScopedPrimaryKeyField(scope=pairs_of_member, queryset=Pair.objects.all())
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000)
    department = ScopedPrimaryKeyField(
        scope=_all, queryset=Department.objects.all(), required=False, allow_null=True
    )


class ConcernSummarySerializer(serializers.ModelSerializer):
    """Lists carry when, which pair, whose side and the status — never the text."""

    author_role = serializers.SerializerMethodField()

    class Meta:
        model = Concern
        fields = ["id", "pair", "author_role", "status", "created_at", "resolved_at"]

    @extend_schema_field(serializers.ChoiceField(choices=["mentee", "mentor"], allow_null=True))
    def get_author_role(self, concern: Concern) -> str | None:
        return member_role(concern.author, concern.pair)


class ConcernSerializer(ConcernSummarySerializer):
    class Meta(ConcernSummarySerializer.Meta):
        fields = [*ConcernSummarySerializer.Meta.fields, "text", "resolution_note"]


class ConcernWriteSerializer(serializers.Serializer):
    pair = ScopedPrimaryKeyField(scope=pairs_of_member, queryset=Pair.objects.all())
    text = serializers.CharField(max_length=5000)


class ResolveConcernSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000)


class FreeTimeSerializer(serializers.Serializer):
    """A free time of a pair (``mentoring.booking``): ``key`` is the day and weekly slot the
    booking page posts; times are ISO 8601 with the mentor's UTC offset."""

    key = serializers.CharField()
    day = serializers.DateField()
    slot = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    time_zone = serializers.CharField()


class PairMessageSerializer(serializers.ModelSerializer):
    """A message of the pair's thread, for its members: ``mine`` when the reader wrote it."""

    mine = serializers.SerializerMethodField()
    author_role = serializers.SerializerMethodField()

    class Meta:
        model = PairMessage
        fields = ["id", "pair", "author_role", "mine", "text", "created_at"]

    def get_mine(self, message: PairMessage) -> bool:
        return message.author_id == _viewer(self).pk

    @extend_schema_field(serializers.ChoiceField(choices=["mentee", "mentor"], allow_null=True))
    def get_author_role(self, message: PairMessage) -> str | None:
        return member_role(message.author, message.pair) if message.author else None


class PairMessageWriteSerializer(serializers.Serializer):
    # The length is the domain's check (mentoring.messages.check_text): one message for the
    # page and the API, naming the limit.
    text = serializers.CharField(trim_whitespace=False)


class PlanStepSerializer(serializers.Serializer):
    """A step of a programme's session plan, in both languages."""

    number = serializers.IntegerField()
    theme_fr = serializers.CharField()
    theme_en = serializers.CharField()
    agenda_fr = serializers.CharField()
    agenda_en = serializers.CharField()


class PairStepSerializer(serializers.Serializer):
    """A step of the plan a pair follows: the programme's in the reader's language, or the
    pair's own in its own words."""

    number = serializers.IntegerField()
    theme = serializers.CharField()
    agenda = serializers.CharField()


class PairPlanSerializer(serializers.Serializer):
    """Where a pair is in its plan: its next session is ``number`` of ``total``."""

    number = serializers.IntegerField()
    total = serializers.IntegerField()
    held = serializers.IntegerField()
    own_plan = serializers.BooleanField()
    next = PairStepSerializer(allow_null=True)
    steps = PairStepSerializer(many=True)
