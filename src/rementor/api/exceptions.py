"""Domain functions raise Django's ValidationError and PermissionDenied: the API answers
them as 400 (with field names) and 403, like DRF's own errors."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler


def as_drf(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return exceptions.ValidationError(detail)


def handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = as_drf(exc)
    return exception_handler(exc, context)
