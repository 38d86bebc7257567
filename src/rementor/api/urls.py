"""``/api/v1/``: the resources, the OpenAPI schema and its docs page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from rementor.api.views import (
    circles,
    groups,
    matching,
    mentoring,
    people,
    programmes,
    selection,
)


class Router(DefaultRouter):
    # One URL per resource: no ".json" variants to secure and test twice.
    include_format_suffixes = False


router = Router()
router.register("departments", people.DepartmentViewSet)
router.register("skill-categories", people.SkillCategoryViewSet)
router.register("skills", people.SkillViewSet)
router.register("people", people.PersonViewSet)
router.register("programmes", programmes.ProgrammeViewSet)
router.register(
    "programme-templates", programmes.ProgrammeTemplateViewSet, basename="programme-template"
)
router.register("enrollments", programmes.EnrollmentViewSet)
router.register("assessments", programmes.AssessmentViewSet)
router.register("mentor-applications", selection.MentorApplicationViewSet)
router.register("mentor-reviews", selection.MentorReviewViewSet)
router.register("match-runs", matching.MatchRunViewSet)
router.register("pairs", matching.PairViewSet)
router.register("pair-proposals", matching.PairProposalViewSet)
router.register("sessions", mentoring.SessionViewSet)
router.register("objectives", mentoring.ObjectiveViewSet)
router.register("pulses", mentoring.PulseViewSet)
router.register("ideas", mentoring.IdeaViewSet)
router.register("concerns", mentoring.ConcernViewSet)
router.register("circles", circles.CircleViewSet)
router.register("circle-meetings", circles.CircleMeetingViewSet)
router.register("mentoring-groups", groups.MentoringGroupViewSet)

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("", include(router.urls)),
]
