from __future__ import annotations

from rest_framework import serializers

from rementor.api.serializers.common import PersonBriefSerializer, ScopedPrimaryKeyField
from rementor.matching.explain import reasons_for
from rementor.matching.models import DEFAULT_WEIGHTS, MatchRun, Pair, PairProposal
from rementor.programmes.models import Programme


class MatchRunSerializer(serializers.ModelSerializer):
    weights = serializers.DictField(child=serializers.FloatField(), read_only=True)
    result = serializers.JSONField(read_only=True)

    class Meta:
        model = MatchRun
        fields = [
            "id",
            "programme",
            "number",
            "status",
            "weights",
            "engine_version",
            "created_at",
            "finished_at",
            "elapsed_s",
            "matched",
            "unmatched",
            "total_score",
            "optimal",
            "error",
            "result",
            "published_at",
        ]


def _matchable(queryset, user):
    return queryset if user.has_perm("matching.manage_matching") else queryset.none()


class WeightsSerializer(serializers.Serializer):
    skills = serializers.FloatField(min_value=0, max_value=1, required=False)
    availability = serializers.FloatField(min_value=0, max_value=1, required=False)
    preferences = serializers.FloatField(min_value=0, max_value=1, required=False)
    cross_department = serializers.FloatField(min_value=0, max_value=1, required=False)


assert set(WeightsSerializer._declared_fields) == set(DEFAULT_WEIGHTS)


class MatchRunWriteSerializer(serializers.Serializer):
    """Start a run: the engine solves a snapshot of the programme, in the background."""

    programme = ScopedPrimaryKeyField(scope=_matchable, queryset=Programme.objects.all())
    weights = WeightsSerializer(required=False)


class PairSerializer(serializers.ModelSerializer):
    mentee = PersonBriefSerializer(source="mentee.person", read_only=True)
    mentor = PersonBriefSerializer(source="mentor.person", read_only=True)
    mentee_enrollment = serializers.IntegerField(source="mentee_id", read_only=True)
    mentor_enrollment = serializers.IntegerField(source="mentor_id", read_only=True)
    covered_skills = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Pair
        fields = [
            "id",
            "programme",
            "mentee",
            "mentor",
            "mentee_enrollment",
            "mentor_enrollment",
            "status",
            "score",
            "covered_skills",
            "run",
            "created_at",
            "ended_at",
        ]


class PairProposalSerializer(serializers.ModelSerializer):
    """A proposed pair (consent to the pair). ``reasons`` are the sentences its members read;
    the reason of a decline and a manager's reason are for managers only."""

    mentee = PersonBriefSerializer(source="mentee.person", read_only=True)
    mentor = PersonBriefSerializer(source="mentor.person", read_only=True)
    reasons = serializers.SerializerMethodField()
    expired = serializers.BooleanField(source="is_expired", read_only=True)
    decline_reason = serializers.CharField(read_only=True)
    override_reason = serializers.CharField(read_only=True)

    class Meta:
        model = PairProposal
        fields = [
            "id",
            "programme",
            "run",
            "mentee",
            "mentor",
            "status",
            "expired",
            "deadline",
            "mentee_answer",
            "mentor_answer",
            "reasons",
            "pair",
            "decline_reason",
            "override_reason",
            "created_at",
        ]

    def get_reasons(self, proposal: PairProposal) -> list[str]:
        return reasons_for(
            mentee=proposal.mentee,
            mentor=proposal.mentor,
            covered_skills=proposal.covered_skills or [],
            skill_names=self.context.get("skill_names"),
        )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not request.user.is_programme_manager:
            # Never to the other member, and not back to the author either: managers only.
            data.pop("decline_reason")
            data.pop("override_reason")
        return data


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, help_text="Why you decline: read by the programme team only."
    )
