from __future__ import annotations

from rest_framework import serializers

from rementor.people.models import Department, Person
from rementor.skills.models import Skill, SkillCategory


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "code"]


class PersonSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    department = DepartmentSerializer(read_only=True, allow_null=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "employee_id",
            "first_name",
            "last_name",
            "full_name",
            "email",
            "job_title",
            "department",
            "site",
            "manager",
            "languages",
            "time_zone",
            "is_active",
        ]


class SkillCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = SkillCategory
        fields = [
            "id",
            "code",
            "name_fr",
            "name_en",
            "description_fr",
            "description_en",
            "position",
        ]


class SkillSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = [
            "id",
            "code",
            "category",
            "name_fr",
            "name_en",
            "description_fr",
            "description_en",
            "position",
            "is_active",
        ]
