"""Mentor applications (with the manager's decision) and structured reviews."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action

from rementor.api import filters
from rementor.api.serializers.selection import (
    DecisionSerializer,
    MentorApplicationSerializer,
    MentorReviewSerializer,
    MentorReviewWriteSerializer,
)
from rementor.api.views.base import ScopedViewSet
from rementor.core.links import site_root
from rementor.selection import domain
from rementor.selection.models import MentorApplication, MentorReview
from rementor.selection.scoring import CANDIDATE_STATUSES


class MentorApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Managers see the candidate pool (withdrawn candidates leave it); a candidate sees their
    own application and its decision."""

    queryset = MentorApplication.objects.select_related("enrollment__person")
    serializer_class = MentorApplicationSerializer
    filterset_class = filters.MentorApplicationFilter
    ordering_fields = ["submitted_at", "decided_at"]
    ordering = ["-submitted_at", "pk"]

    def visible(self, queryset, user):
        if user.has_perm("selection.manage_candidates"):
            return queryset.filter(enrollment__status__in=CANDIDATE_STATUSES)
        if user.person_id is None:
            return queryset.none()
        return queryset.filter(enrollment__person_id=user.person_id)

    @extend_schema(request=DecisionSerializer, responses={200: MentorApplicationSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Approve or decline the candidate (a reason is required to decline); the candidate
        is e-mailed."""
        application = self.get_object()
        self.require("selection.manage_candidates")
        data = self.validated(DecisionSerializer)
        domain.decide_application(
            application=application,
            by=request.user,
            decision=data["decision"],
            reason=data["reason"],
            base_url=site_root(request),
        )
        return self.read(self.base_queryset().get(pk=application.pk))


@extend_schema_view(
    create=extend_schema(
        request=MentorReviewWriteSerializer, responses={201: MentorReviewSerializer}
    )
)
class MentorReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Managers' structured reviews of candidates (managers only)."""

    queryset = MentorReview.objects.all()
    serializer_class = MentorReviewSerializer
    filterset_class = filters.MentorReviewFilter
    ordering_fields = ["created_at", "updated_at"]
    ordering = ["-created_at", "pk"]
    required_perm = "selection.manage_candidates"

    def visible(self, queryset, user):
        return queryset.filter(application__enrollment__status__in=CANDIDATE_STATUSES)

    def create(self, request, *args, **kwargs):
        """Create or replace your review of a candidate (ratings 1-5)."""
        data = dict(self.validated(MentorReviewWriteSerializer))
        review = domain.save_review(reviewer=request.user, **data)
        return self.read(review, status=201)
