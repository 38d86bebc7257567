"""Recording what people did: one call, ``record(event=..., ...)``, from any app.

Events are stored as django-auditlog ``LogEntry`` rows with the *access* action and the event
code in ``additional_data``, beside the model changes auditlog records itself. ``details``
carry identifiers and counts only: never note, concern or free text typed by a participant.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    LOGOUT = "logout", _("Signed out")
    PERMISSION_DENIED = "permission_denied", _("Access refused")
    IMPORT = "import", _("People imported")
    MENTOR_DECISION = "mentor_decision", _("Mentor application decided")
    MATCH_RUN = "match_run", _("Matching run")
    MATCH_PUBLISHED = "match_published", _("Pairs published")
    EXPORT = "export", _("Data exported")
    REPORT = "report", _("Report downloaded")
    MY_DATA_EXPORT = "my_data_export", _("Personal data downloaded")
    ERASURE_REQUESTED = "erasure_requested", _("Erasure requested")
    ERASURE_CONFIRMED = "erasure_confirmed", _("Person erased")
    ERASURE_DECLINED = "erasure_declined", _("Erasure request declined")
    PURGE = "purge", _("Retention purge")
    SENSITIVE_READ = "sensitive_read", _("Sensitive record read")
    API_TOKEN_CREATED = "api_token_created", _("API token created")
    API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")


def record(
    *,
    event: Event | str,
    actor: Any = None,
    target: models.Model | None = None,
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> LogEntry:
    """Store one audit event. ``target`` is the record acted on (the actor's account if none)."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    subject = target if target is not None else actor
    if subject is not None:
        content_type = ContentType.objects.get_for_model(subject)
        object_pk, object_repr = str(subject.pk), str(subject)[:200]
    else:
        from django.contrib.auth import get_user_model

        content_type = ContentType.objects.get_for_model(get_user_model())
        object_pk, object_repr = "", ""
    return LogEntry.objects.create(
        content_type=content_type,
        object_pk=object_pk,
        object_id=subject.pk if isinstance(getattr(subject, "pk", None), int) else None,
        object_repr=object_repr,
        action=LogEntry.Action.ACCESS,
        actor=actor if getattr(actor, "pk", None) else None,
        remote_addr=_client_ip(request),
        additional_data={"event": str(event), **(details or {})},
        changes={},
    )


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # django-axes resolves the client address behind proxies (settings: AXES_IPWARE_*).
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None
