"""Programmes, enrolments and assessments."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from rementor.api import filters
from rementor.api.serializers.mentoring import PlanStepSerializer
from rementor.api.serializers.programmes import (
    AssessmentSerializer,
    EnrollmentSerializer,
    EnrollmentWriteSerializer,
    ProgrammeSerializer,
    ProgrammeStatusSerializer,
    ProgrammeWriteSerializer,
)
from rementor.api.views.base import ScopedViewSet
from rementor.mentoring.models import PlanStep
from rementor.people.queries import name_order
from rementor.programmes import domain, invitations
from rementor.programmes.models import Enrollment, Programme
from rementor.skills.models import Assessment


def _is_manager(user) -> bool:
    return user.has_perm("programmes.list_programmes")


@extend_schema_view(
    create=extend_schema(request=ProgrammeWriteSerializer, responses={201: ProgrammeSerializer}),
    partial_update=extend_schema(
        request=ProgrammeWriteSerializer, responses={200: ProgrammeSerializer}
    ),
)
class ProgrammeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Programmes: managers see all of them; participants the ones they are enrolled in.
    Sponsors know programmes exist (403) but read their results on the analytics pages."""

    queryset = Programme.objects.prefetch_related("skills")
    serializer_class = ProgrammeSerializer
    filterset_class = filters.ProgrammeFilter
    ordering_fields = ["start_date", "name", "status"]
    ordering = ["-start_date", "name"]
    know_perm = "programmes.know_programme"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def visible(self, queryset, user):
        if _is_manager(user):
            return queryset
        if user.person_id is None:
            return queryset.none()
        return queryset.filter(enrollments__person_id=user.person_id)

    def create(self, request, *args, **kwargs):
        self.require("programmes.add_programme")
        data = dict(self.validated(ProgrammeWriteSerializer))
        programme = domain.create_programme(
            by=request.user, name=data.pop("name"), skills=data.pop("skills", None), **data
        )
        return self.read(programme, status=201)

    def partial_update(self, request, *args, **kwargs):
        programme = self.get_object()
        self.require("programmes.change_programme", programme)
        data = dict(self.validated(ProgrammeWriteSerializer, instance=programme, partial=True))
        programme = domain.update_programme(
            programme=programme, by=request.user, skills=data.pop("skills", None), **data
        )
        return self.read(programme)

    @extend_schema(responses={200: PlanStepSerializer(many=True)}, summary="The session plan")
    @action(detail=True, methods=["get"], pagination_class=None)
    def plan(self, request, pk=None):
        """The programme's session plan, in order, in French and English: for its managers
        and the people enrolled in it (others: 404; sponsors: 403)."""
        programme = self.get_object()
        steps = PlanStep.objects.filter(programme=programme)
        return Response(PlanStepSerializer(steps, many=True).data)

    @extend_schema(request=ProgrammeStatusSerializer, responses={200: ProgrammeSerializer})
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Move the programme along its workflow (draft → recruiting → matching → running →
        closed, and back to running within 30 days of closing); an illegal move answers 400
        naming the legal ones. Running before the start date needs ``start_early``, closing
        before the end date ``close_early``; closing is refused (400) while pairs are still
        active or paused: complete or end them first."""
        programme = self.get_object()
        self.require("programmes.change_programme", programme)
        data = self.validated(ProgrammeStatusSerializer)
        domain.change_programme_status(
            programme=programme,
            to=data["to"],
            by=request.user,
            start_early=data["start_early"],
            close_early=data["close_early"],
        )
        return self.read(Programme.objects.get(pk=programme.pk))


@extend_schema_view(
    create=extend_schema(request=EnrollmentWriteSerializer, responses={201: EnrollmentSerializer})
)
class EnrollmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Enrolments: managers see every one; participants their own."""

    queryset = Enrollment.objects.select_related("person", "programme")
    serializer_class = EnrollmentSerializer
    filterset_class = filters.EnrollmentFilter
    ordering_fields = ["created_at", "role", "status"]
    ordering = ["programme", "role", *name_order("person")]

    def visible(self, queryset, user):
        if _is_manager(user):
            return queryset
        return queryset.filter(person_id=user.person_id) if user.person_id else queryset.none()

    def create(self, request, *args, **kwargs):
        """Enrol a person (or change their one enrolment in the programme): managers."""
        self.require("programmes.invite_people")
        data = self.validated(EnrollmentWriteSerializer)
        enrollment = invitations.enroll_without_invitation(**data)
        return self.read(enrollment, status=201)


class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Skill assessments (baseline, final, mentor proficiency): managers, and each
    participant's own."""

    queryset = Assessment.objects.select_related("enrollment").prefetch_related("items")
    serializer_class = AssessmentSerializer
    filterset_class = filters.AssessmentFilter
    ordering_fields = ["submitted_at", "kind"]
    ordering = ["enrollment", "kind"]

    def visible(self, queryset, user):
        if _is_manager(user):
            return queryset
        if user.person_id is None:
            return queryset.none()
        return queryset.filter(Q(enrollment__person_id=user.person_id))
