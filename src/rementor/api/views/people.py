"""Reference data (departments, the skills taxonomy) and the people directory."""

from __future__ import annotations

from rest_framework import mixins

from rementor.api import filters
from rementor.api.serializers.people import (
    DepartmentSerializer,
    PersonSerializer,
    SkillCategorySerializer,
    SkillSerializer,
)
from rementor.api.views.base import ScopedViewSet
from rementor.people.models import Department, Person
from rementor.people.queries import name_order
from rementor.skills.models import Skill, SkillCategory


class ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    pass


class DepartmentViewSet(ReadOnly):
    """Departments: reference data every signed-in user may read."""

    queryset = Department.objects.all()
    serializer_class = DepartmentSerializer
    ordering_fields = ["name", "code"]
    ordering = ["name"]

    def visible(self, queryset, user):
        return queryset


class SkillCategoryViewSet(ReadOnly):
    """Categories of the skills taxonomy (edited on the taxonomy page)."""

    queryset = SkillCategory.objects.all()
    serializer_class = SkillCategorySerializer
    ordering_fields = ["position", "code"]
    ordering = ["position", "code"]

    def visible(self, queryset, user):
        return queryset


class SkillViewSet(ReadOnly):
    """Skills of the taxonomy, with their category (edited on the taxonomy page)."""

    queryset = Skill.objects.all()
    serializer_class = SkillSerializer
    filterset_class = filters.SkillFilter
    ordering_fields = ["position", "code", "category"]
    ordering = ["category__position", "position", "code"]

    def visible(self, queryset, user):
        return queryset


class PersonViewSet(ReadOnly):
    """The people directory: programme managers only, as on the pages."""

    queryset = Person.objects.select_related("department")
    serializer_class = PersonSerializer
    filterset_class = filters.PersonFilter
    ordering_fields = ["last_name", "first_name", "employee_id"]
    ordering = name_order()
    required_perm = "people.view_directory"

    def visible(self, queryset, user):
        return queryset
