"""Programmes, enrolments and assessments."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from rementor.api import filters
from rementor.api.permissions import ActiveUser, GlobalPerm
from rementor.api.serializers.mentoring import PlanStepSerializer
from rementor.api.serializers.programmes import (
    AssessmentSerializer,
    EnrollmentSerializer,
    EnrollmentWriteSerializer,
    ProgrammeCreateSerializer,
    ProgrammeSerializer,
    ProgrammeStatusSerializer,
    ProgrammeTemplateSerializer,
    ProgrammeWriteSerializer,
)
from rementor.api.views.base import ScopedViewSet
from rementor.mentoring.models import PlanStep
from rementor.people.queries import name_order
from rementor.programmes import domain, invitations, starting_points
from rementor.programmes.models import Enrollment, Programme
from rementor.skills.models import Assessment, Skill


def _is_manager(user) -> bool:
    return user.has_perm("programmes.list_programmes")


@extend_schema_view(
    create=extend_schema(request=ProgrammeCreateSerializer, responses={201: ProgrammeSerializer}),
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
        """Create a draft programme: blank, from a shipped template (``template``) or as a
        copy of an earlier programme's settings (``copied_from``), as on the pages."""
        self.require("programmes.add_programme")
        data = dict(self.validated(ProgrammeCreateSerializer))
        key, source = data.pop("template", None), data.pop("copied_from", None)
        data = starting_points.settings_from(
            given=data,
            today=timezone.localdate(),
            template=starting_points.TEMPLATES.get(key) if key else None,
            source=source,
        )
        skills = data.pop("skills", None)
        if skills is not None:
            # Given skills, or a copy's (ids): only the active ones are in focus.
            ids = [getattr(skill, "pk", skill) for skill in skills]
            skills = Skill.objects.filter(is_active=True, pk__in=ids)
        programme = domain.create_programme(
            by=request.user,
            name=data.pop("name"),
            skills=skills,
            copied_from=source,
            template=key,
            **data,
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


class ProgrammeTemplateViewSet(viewsets.ViewSet):
    """The templates a new programme can start from (``template`` when creating one), as the
    programme form offers them: programme managers."""

    permission_classes = [ActiveUser, GlobalPerm]
    required_perm = "programmes.add_programme"
    lookup_field = "key"
    lookup_value_regex = r"[a-z0-9-]+"
    serializer_class = ProgrammeTemplateSerializer

    @staticmethod
    def _row(template: starting_points.Template) -> dict:
        return {
            "key": template.key,
            "label": str(template.label),
            "summary": str(template.summary),
            "months": template.months,
            "description": str(template.description),
            "settings": template.settings,
        }

    @extend_schema(responses={200: ProgrammeTemplateSerializer(many=True)})
    def list(self, request):
        rows = [self._row(t) for t in starting_points.TEMPLATES.values()]
        return Response(ProgrammeTemplateSerializer(rows, many=True).data)

    @extend_schema(
        responses={200: ProgrammeTemplateSerializer},
        parameters=[OpenApiParameter("key", str, OpenApiParameter.PATH, description="Its key.")],
    )
    def retrieve(self, request, key=None):
        template = starting_points.TEMPLATES.get(key)
        if template is None:
            raise exceptions.NotFound
        return Response(ProgrammeTemplateSerializer(self._row(template)).data)


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
