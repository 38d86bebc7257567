from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from rementor.api.serializers.common import PersonBriefSerializer, ScopedPrimaryKeyField
from rementor.people.models import Person
from rementor.people.queries import still_in_company
from rementor.programmes.models import (
    Enrollment,
    EnrollmentStatus,
    Lead,
    MentorApplications,
    Programme,
    ProgrammeStatus,
    Role,
    VideoTool,
)
from rementor.programmes.starting_points import TEMPLATES
from rementor.skills.models import Assessment, AssessmentItem, Skill

_LANGUAGES = [code for code, _name in settings.LANGUAGES]


class ProgrammeSerializer(serializers.ModelSerializer):
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    skills = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "name",
            "slug",
            "description",
            "start_date",
            "end_date",
            "status",
            "cadence_weeks",
            "session_minutes",
            "video_tool",
            "lead",
            "default_mentor_capacity",
            "max_mentor_capacity",
            "reporting_line_depth",
            "mentor_applications",
            "pair_consent",
            "consent_days",
            "reciprocal_phase",
            "reciprocal_after_sessions",
            "reciprocal_sessions",
            "group_mentoring",
            "languages",
            "weight_expertise",
            "weight_communication",
            "weight_willingness",
            "skills",
            "created_at",
            "updated_at",
        ]


def _all(queryset, user):
    return queryset


class ProgrammeWriteSerializer(serializers.Serializer):
    """Settings of a programme; its status moves only through ``POST …/status/``."""

    name = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=80, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    cadence_weeks = serializers.IntegerField(min_value=1, max_value=12, required=False)
    session_minutes = serializers.IntegerField(min_value=15, max_value=240, required=False)
    video_tool = serializers.ChoiceField(
        choices=VideoTool.choices,
        required=False,
        help_text="none: pairs say where they meet; link: a video call link typed for each "
        "session; jitsi: a Jitsi room made for each session (on RM_JITSI_HOST).",
    )
    lead = serializers.ChoiceField(
        choices=Lead.choices,
        required=False,
        help_text="mentor: the junior mentor proposes agendas and times (the default); mentee: "
        "the senior mentee schedules and sets the agenda.",
    )
    default_mentor_capacity = serializers.IntegerField(min_value=1, max_value=10, required=False)
    max_mentor_capacity = serializers.IntegerField(min_value=1, max_value=10, required=False)
    reporting_line_depth = serializers.IntegerField(min_value=1, max_value=10, required=False)
    pair_consent = serializers.BooleanField(
        required=False,
        help_text="Both members accept a proposed pair before it goes live.",
    )
    consent_days = serializers.IntegerField(min_value=1, max_value=30, required=False)
    reciprocal_phase = serializers.BooleanField(
        required=False,
        help_text="The programme ends with a reciprocal phase: after reciprocal_after_sessions "
        "sessions held, the senior mentors the junior for reciprocal_sessions sessions.",
    )
    reciprocal_after_sessions = serializers.IntegerField(min_value=1, max_value=20, required=False)
    reciprocal_sessions = serializers.IntegerField(min_value=1, max_value=10, required=False)
    group_mentoring = serializers.BooleanField(
        required=False,
        help_text="Managers may gather a mentor's pairs into a group that meets together "
        "(see /mentoring-groups/); each mentee keeps their own pair.",
    )
    mentor_applications = serializers.ChoiceField(
        choices=MentorApplications.choices,
        required=False,
        help_text="open: any employee may apply while the programme recruits; invited: only "
        "people invited as mentors (the default for a new programme).",
    )
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=_LANGUAGES), required=False, min_length=1
    )
    weight_expertise = serializers.IntegerField(min_value=0, max_value=100, required=False)
    weight_communication = serializers.IntegerField(min_value=0, max_value=100, required=False)
    weight_willingness = serializers.IntegerField(min_value=0, max_value=100, required=False)
    skills = ScopedPrimaryKeyField(
        scope=_all, queryset=Skill.objects.filter(is_active=True), many=True, required=False
    )

    def validate_slug(self, value: str) -> str:
        others = Programme.objects.filter(slug=value)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise serializers.ValidationError(_("Another programme already uses this name."))
        return value


def _changeable(queryset, user):
    # The programmes a copy may start from: those the caller may change, as on the pages.
    return queryset if user.has_perm("programmes.change_programme") else queryset.none()


class ProgrammeCreateSerializer(ProgrammeWriteSerializer):
    """A new programme, blank or from a starting point (``GET /programme-templates/`` lists
    the templates): the settings left out are the template's, or those of the copied
    programme (its weights and skills too; never its people, pairs or texts). Dates left out
    start on the first of next month, for the template's length or the copied programme's;
    a start date alone keeps that length."""

    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)
    template = serializers.ChoiceField(
        choices=[(key, t.label) for key, t in TEMPLATES.items()],
        required=False,
        help_text="The key of a shipped template (see /programme-templates/).",
    )
    copied_from = ScopedPrimaryKeyField(
        scope=_changeable,
        queryset=Programme.objects.all(),
        required=False,
        help_text="The id of an earlier programme whose settings the new one takes.",
    )

    def to_internal_value(self, data):
        # Without a starting point both dates are required; said with the other fields' errors.
        try:
            attrs, errors = super().to_internal_value(data), {}
        except serializers.ValidationError as error:
            attrs, errors = None, dict(error.detail)
        if hasattr(data, "get") and not (data.get("template") or data.get("copied_from")):
            for name in ("start_date", "end_date"):
                if name not in data and name not in errors:
                    errors[name] = [self.fields[name].error_messages["required"]]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def validate(self, attrs):
        if attrs.get("template") and attrs.get("copied_from"):
            raise serializers.ValidationError(
                {"copied_from": _("Start from a template or from a copy, not both.")}
            )
        return attrs


class ProgrammeTemplateSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    summary = serializers.CharField()
    months = serializers.IntegerField(help_text="How long a programme made from it lasts.")
    description = serializers.CharField(help_text="In the language of the request.")
    settings = serializers.DictField(help_text="The settings a programme made from it takes.")


class ProgrammeStatusSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=ProgrammeStatus.choices)
    start_early = serializers.BooleanField(
        default=False,
        help_text=_("Move to running before the start date: the start date becomes today."),
    )
    close_early = serializers.BooleanField(
        default=False,
        help_text=_("Close before the end date: the end date becomes today."),
    )


class EnrollmentSerializer(serializers.ModelSerializer):
    person = PersonBriefSerializer(read_only=True)
    effective_capacity = serializers.SerializerMethodField()
    slots = serializers.ListField(child=serializers.IntegerField(), read_only=True)

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "programme",
            "person",
            "role",
            "status",
            "capacity",
            "effective_capacity",
            "pace",
            "style",
            "mode",
            "slots",
            "created_at",
        ]

    def get_effective_capacity(self, enrollment: Enrollment) -> int | None:
        return enrollment.effective_capacity if enrollment.role == Role.MENTOR else None


def _managed_programmes(queryset, user):
    return queryset if user.has_perm("programmes.invite_people") else queryset.none()


class EnrollmentWriteSerializer(serializers.Serializer):
    programme = ScopedPrimaryKeyField(scope=_managed_programmes, queryset=Programme.objects.all())
    person = ScopedPrimaryKeyField(
        scope=_all, queryset=still_in_company(Person.objects.all(), person="")
    )
    role = serializers.ChoiceField(choices=Role.choices)
    status = serializers.ChoiceField(
        choices=EnrollmentStatus.choices, default=EnrollmentStatus.INVITED
    )
    capacity = serializers.IntegerField(min_value=1, max_value=10, required=False, allow_null=True)


class AssessmentItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssessmentItem
        fields = ["skill", "level", "target", "priority", "evidence"]


class AssessmentSerializer(serializers.ModelSerializer):
    items = AssessmentItemSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "enrollment", "kind", "wishes", "submitted_at", "items"]
