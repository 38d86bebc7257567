"""django-filter filter sets of the API: ids are checked as numbers in range (a huge id is
"not found", never a database error), instants as dates within the supported years."""

from __future__ import annotations

import django_filters
import django_filters.fields
from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.api.serializers.common import MAX_ID
from rementor.core.dates import utc_instant
from rementor.matching.models import MatchRun, Pair, PairStatus
from rementor.mentoring.models import (
    Concern,
    ConcernStatus,
    Idea,
    MentoringSession,
    Objective,
    ObjectiveOwner,
    ObjectiveStatus,
    Pulse,
    SessionStatus,
)
from rementor.people.models import Person
from rementor.programmes.models import (
    Enrollment,
    EnrollmentStatus,
    Programme,
    ProgrammeStatus,
    Role,
)
from rementor.selection.models import MentorApplication, MentorReview
from rementor.skills.models import Assessment, AssessmentKind, Skill


class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 instant, turned into UTC while the input is checked: an instant beyond the
    supported years, or one an offset pushes past year 1 or 9999, is a 400 naming the
    parameter — never an overflow (500) at the conversion or in the database."""

    def to_python(self, value):
        value = super().to_python(value)
        return None if value is None else utc_instant(value)


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    """Compared in UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows
    (found by Schemathesis: a 500 instead of an answer)."""

    field_class = UtcIsoDateTimeField


class SkillFilter(django_filters.FilterSet):
    category = IdFilter()
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = Skill
        fields = ["category", "is_active"]


class PersonFilter(django_filters.FilterSet):
    department = IdFilter()
    site = django_filters.CharFilter()
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = Person
        fields = ["department", "site", "is_active"]


class ProgrammeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ProgrammeStatus.choices)

    class Meta:
        model = Programme
        fields = ["status"]


class EnrollmentFilter(django_filters.FilterSet):
    programme = IdFilter()
    person = IdFilter()
    role = django_filters.ChoiceFilter(choices=Role.choices)
    status = django_filters.ChoiceFilter(choices=EnrollmentStatus.choices)

    class Meta:
        model = Enrollment
        fields = ["programme", "person", "role", "status"]


class AssessmentFilter(django_filters.FilterSet):
    enrollment = IdFilter()
    programme = IdFilter(field_name="enrollment__programme")
    kind = django_filters.ChoiceFilter(choices=AssessmentKind.choices)

    class Meta:
        model = Assessment
        fields = ["enrollment", "programme", "kind"]


class MentorApplicationFilter(django_filters.FilterSet):
    programme = IdFilter(field_name="enrollment__programme")
    status = django_filters.ChoiceFilter(
        field_name="enrollment__status", choices=EnrollmentStatus.choices
    )

    class Meta:
        model = MentorApplication
        fields = ["programme", "status"]


class MentorReviewFilter(django_filters.FilterSet):
    application = IdFilter()

    class Meta:
        model = MentorReview
        fields = ["application"]


class MatchRunFilter(django_filters.FilterSet):
    programme = IdFilter()

    class Meta:
        model = MatchRun
        fields = ["programme"]


class PairFilter(django_filters.FilterSet):
    programme = IdFilter()
    status = django_filters.ChoiceFilter(choices=PairStatus.choices)

    class Meta:
        model = Pair
        fields = ["programme", "status"]


class SessionFilter(django_filters.FilterSet):
    pair = IdFilter()
    status = django_filters.ChoiceFilter(choices=SessionStatus.choices)
    starts_after = UtcDateTimeFilter(
        field_name="starts_at",
        lookup_expr="gte",
        help_text=_("Sessions starting at or after this ISO 8601 instant (years 1900 to 2999)."),
    )
    starts_before = UtcDateTimeFilter(
        field_name="starts_at",
        lookup_expr="lt",
        help_text=_("Sessions starting before this ISO 8601 instant (years 1900 to 2999)."),
    )

    class Meta:
        model = MentoringSession
        fields = ["pair", "status"]


class ObjectiveFilter(django_filters.FilterSet):
    pair = IdFilter()
    owner = django_filters.ChoiceFilter(choices=ObjectiveOwner.choices)
    status = django_filters.ChoiceFilter(choices=ObjectiveStatus.choices)

    class Meta:
        model = Objective
        fields = ["pair", "owner", "status"]


class PulseFilter(django_filters.FilterSet):
    session = IdFilter()
    pair = IdFilter(field_name="session__pair")

    class Meta:
        model = Pulse
        fields = ["session", "pair"]


class IdeaFilter(django_filters.FilterSet):
    pair = IdFilter()
    programme = IdFilter(field_name="pair__programme")

    class Meta:
        model = Idea
        fields = ["pair", "programme"]


class ConcernFilter(django_filters.FilterSet):
    pair = IdFilter()
    programme = IdFilter(field_name="pair__programme")
    status = django_filters.ChoiceFilter(choices=ConcernStatus.choices)

    class Meta:
        model = Concern
        fields = ["pair", "programme", "status"]
