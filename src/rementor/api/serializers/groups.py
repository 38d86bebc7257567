"""Mentoring groups, read by their members and the programme's managers: names only, and the
shared group note and objectives for the group's members alone (managers get null, as on
the page)."""

from __future__ import annotations

from rest_framework import serializers

from rementor.mentoring.group_queries import group_role
from rementor.mentoring.models import MentoringGroup


class MentoringGroupSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    mentor = serializers.SerializerMethodField()
    mentees = serializers.SerializerMethodField()
    shared_note = serializers.SerializerMethodField()
    objectives = serializers.SerializerMethodField()

    class Meta:
        model = MentoringGroup
        fields = [
            "id",
            "programme",
            "name",
            "mentor",
            "mentees",
            "shared_note",
            "note_updated_at",
            "objectives",
            "created_at",
        ]
        read_only_fields = fields

    def get_mentor(self, group: MentoringGroup) -> str:
        """The mentor's name."""
        return group.mentor.person.full_name

    def get_mentees(self, group: MentoringGroup) -> list[str]:
        """The mentees' names, nothing of their pairs."""
        return [m.pair.mentee.person.full_name for m in group.members.all()]

    def get_shared_note(self, group: MentoringGroup) -> str | None:
        """The group's note, for its members; null for a manager."""
        request = self.context.get("request")
        if request is None or group_role(request.user, group) is None:
            return None
        return group.shared_note

    def get_objectives(self, group: MentoringGroup) -> list[dict] | None:
        """The group's objectives (title, achieved_at), for its members; null for a manager."""
        request = self.context.get("request")
        if request is None or group_role(request.user, group) is None:
            return None
        return [{"title": o.title, "achieved_at": o.achieved_at} for o in group.objectives.all()]
