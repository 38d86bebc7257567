"""Circles and their meetings, read by their members and the programme's managers."""

from __future__ import annotations

from rest_framework import serializers

from rementor.circles.models import Circle, CircleMeeting


class CircleSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    members = serializers.SerializerMethodField()

    class Meta:
        model = Circle
        fields = ["id", "programme", "name", "members", "created_at"]
        read_only_fields = fields

    def get_members(self, circle: Circle) -> list[int]:
        """The enrolment ids of the members who still take part."""
        return sorted(m.enrollment_id for m in circle.active_members)


class CircleMeetingSerializer(serializers.ModelSerializer):
    circle = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = CircleMeeting
        fields = [
            "id",
            "circle",
            "starts_at",
            "time_zone",
            "duration_minutes",
            "location",
            "meeting_url",
            "agenda",
            "status",
            "shared_note",
            "note_updated_at",
        ]
        read_only_fields = fields
