"""REST API settings: Django REST Framework and drf-spectacular (owned by the API)."""

from __future__ import annotations

from rementor.settings.env import envstr

# Requests per period ("120/minute", "5000/hour"...) for anonymous callers (by address) and
# signed-in users (by account); an empty value turns that limit off. Over it: HTTP 429.
RM_API_THROTTLE_RATES = {
    "anon": envstr("RM_API_THROTTLE_ANON", "120/minute") or None,
    "user": envstr("RM_API_THROTTLE_USER", "1200/minute") or None,
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that a request without credentials gets 401 with a Bearer challenge.
        "rementor.api.authentication.BearerTokenAuthentication",
        # The pages' session, with its CSRF check (scripts in the browser).
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rementor.api.permissions.ActiveUser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rementor.api.throttling.AnonThrottle",
        "rementor.api.throttling.UserThrottle",
    ],
    "EXCEPTION_HANDLER": "rementor.api.exceptions.handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Rementor API",
    "DESCRIPTION": (
        "Reverse-mentoring programmes: people, programmes, mentor selection, matching and "
        "what pairs live in. Authenticate with a personal token (`Authorization: Bearer …`, "
        "created on your profile page) or the web session. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its docs page describe the API, not anyone's data: open to all.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "rementor.api.schema.add_error_responses",
        "rementor.api.schema.drop_database_integer_bounds",
    ],
    # One name per choice set, whichever field uses it.
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeStatusEnum": "rementor.programmes.models.ProgrammeStatus",
        "EnrollmentStatusEnum": "rementor.programmes.models.EnrollmentStatus",
        "MeetingModeEnum": "rementor.programmes.models.Mode",
        "RunStatusEnum": "rementor.matching.models.RunStatus",
        "PairStatusEnum": "rementor.matching.models.PairStatus",
        "ProposalStatusEnum": "rementor.matching.models.ProposalStatus",
        "ProposalAnswerEnum": "rementor.matching.models.Answer",
        "SessionStatusEnum": "rementor.mentoring.models.SessionStatus",
        "SessionModeEnum": "rementor.mentoring.models.SessionMode",
        "ObjectiveStatusEnum": "rementor.mentoring.models.ObjectiveStatus",
        "ConcernStatusEnum": "rementor.mentoring.models.ConcernStatus",
        "LevelEnum": "rementor.skills.levels.Level",
    },
    # Swagger UI and ReDoc come from drf-spectacular-sidecar: served locally, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# SCIM provisioning (rementor.provisioning), at the API's rates: per token, and refused
# requests (no or a wrong token) per client address. Over it: HTTP 429 with a SCIM body.
RM_SCIM_THROTTLE_RATES = {
    "anon": envstr("RM_SCIM_THROTTLE_ANON", "120/minute") or None,
    "token": envstr("RM_SCIM_THROTTLE_TOKEN", "1200/minute") or None,
}
