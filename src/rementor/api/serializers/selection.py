from __future__ import annotations

from rest_framework import serializers

from rementor.api.serializers.common import PersonBriefSerializer, ScopedPrimaryKeyField
from rementor.selection.models import Decision, MentorApplication, MentorReview
from rementor.selection.scoring import CANDIDATE_STATUSES


class MentorApplicationSerializer(serializers.ModelSerializer):
    programme = serializers.IntegerField(source="enrollment.programme_id", read_only=True)
    person = PersonBriefSerializer(source="enrollment.person", read_only=True)
    status = serializers.CharField(source="enrollment.status", read_only=True)
    capacity = serializers.IntegerField(
        source="enrollment.capacity", read_only=True, allow_null=True
    )

    class Meta:
        model = MentorApplication
        fields = [
            "id",
            "enrollment",
            "programme",
            "person",
            "status",
            "capacity",
            "motivation",
            "commitment",
            "submitted_at",
            "decided_at",
            "decision_reason",
        ]


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class MentorReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = MentorReview
        fields = [
            "id",
            "application",
            "reviewer",
            "clarity",
            "listening",
            "adaptability",
            "willingness",
            "comment",
            "created_at",
            "updated_at",
        ]


def _candidates(queryset, user):
    if not user.has_perm("selection.manage_candidates"):
        return queryset.none()
    return queryset.filter(enrollment__status__in=CANDIDATE_STATUSES)


def _rating():
    return serializers.IntegerField(min_value=1, max_value=5)


class MentorReviewWriteSerializer(serializers.Serializer):
    """Creates or replaces the requesting manager's review of a candidate."""

    application = ScopedPrimaryKeyField(scope=_candidates, queryset=MentorApplication.objects.all())
    clarity = _rating()
    listening = _rating()
    adaptability = _rating()
    willingness = _rating()
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
