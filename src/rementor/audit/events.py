"""Recording what people did: one call, ``record(event=..., ...)``, from any app.

Events are stored as django-auditlog ``LogEntry`` rows with the *access* action and the event
code in ``additional_data``, beside the model changes auditlog records itself (which models and
fields: ``rementor/settings/audit.py``). ``details`` carry identifiers and counts only: never
note, concern or free text typed by a participant.

Explicit events are always stored, even inside ``auditlog.context.disable_auditlog()``: that
switch silences the per-row change tracking of bulk loads, which then record one event instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

from auditlog.context import auditlog_value, set_extra_data
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from rementor.core import security


class Event(models.TextChoices):
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    LOGOUT = "logout", _("Signed out")
    PERMISSION_DENIED = "permission_denied", _("Access refused")
    IMPORT = "import", _("People imported")
    PERSON_DEACTIVATED = "person_deactivated", _("Person deactivated, account closed")
    PERSON_REACTIVATED = "person_reactivated", _("Person reactivated")
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
    CALENDAR_FEED_CREATED = "calendar_feed_created", _("Calendar feed created")
    CALENDAR_FEED_REVOKED = "calendar_feed_revoked", _("Calendar feed stopped")
    REMINDERS_SENT = "reminders_sent", _("Reminders sent")
    PROGRAMME_REOPENED = "programme_reopened", _("Programme reopened")
    CHANNELS_CHANGED = "channels_changed", _("Team channels changed")
    SSO_SIGN_IN = "sso_sign_in", _("Signed in through single sign-on")
    SSO_REFUSED = "sso_refused", _("Single sign-on refused")
    SCIM_TOKEN_CREATED = "scim_token_created", _("SCIM token created")
    SCIM_TOKEN_REVOKED = "scim_token_revoked", _("SCIM token revoked")
    SCIM_WRITE = "scim_write", _("Person provisioned through SCIM")
    PROPOSAL_ANSWERED = "proposal_answered", _("Proposed pair answered")
    PROPOSAL_OVERRIDDEN = "proposal_overridden", _("Proposed pair decided by a manager")
    IDEA_ADOPTED = "idea_adopted", _("Idea marked as adopted")
    IDEA_ADOPTION_UNDONE = "idea_adoption_undone", _("Idea adoption taken back")
    RECIPROCAL_STARTED = "reciprocal_started", _("Reciprocal phase started")
    PLAN_CHANGED = "plan_changed", _("Session plan changed")
    AGENDA_LIBRARY_CHANGED = "agenda_library_changed", _("Agenda library changed")
    PAIR_PLAN_CHANGED = "pair_plan_changed", _("Pair's own session plan changed")
    PAIR_PLAN_DROPPED = "pair_plan_dropped", _("Pair back on the programme's session plan")
    CIRCLE_CREATED = "circle_created", _("Circle created")
    CIRCLE_RENAMED = "circle_renamed", _("Circle renamed")
    CIRCLE_DELETED = "circle_deleted", _("Circle deleted")
    CIRCLE_MEMBER_ADDED = "circle_member_added", _("Circle member added")
    CIRCLE_MEMBER_REMOVED = "circle_member_removed", _("Circle member removed")
    CIRCLE_MEETING_PLANNED = "circle_meeting_planned", _("Circle meeting planned")
    CIRCLE_MEETING_CANCELLED = "circle_meeting_cancelled", _("Circle meeting cancelled")
    CIRCLE_NOTE_SAVED = "circle_note_saved", _("Circle meeting note saved")
    CIRCLE_ATTENDANCE = "circle_attendance", _("Circle meeting attendance recorded")


class Departure(models.TextChoices):
    """Why a person was deactivated, as the trail records it (``people.deactivate_people``
    takes one; the trail page shows its label)."""

    HRIS_SYNC = "hris_sync", _("missing from a full-sync HRIS import")
    DIRECTORY = "directory", _("deactivated from the directory")
    ERASURE = "erasure", _("personal data erased")
    SCIM = "scim", _("deactivated by the identity provider (SCIM)")


# Models whose ``__str__`` is text a participant typed (an idea's or an objective's title):
# the trail names them by kind and number only.
_TYPED_TITLES = frozenset(
    {"mentoring.idea", "mentoring.objective", "mentoring.practicetask", "mentoring.objectivechange"}
)


def record(
    *,
    event: Event | str,
    actor: Any = None,
    target: models.Model | None = None,
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> LogEntry:
    """Store one audit event. ``target`` is the record acted on (the actor's account if none)."""
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if not getattr(actor, "pk", None):  # anonymous visitor, command line, background job
        actor = None
    subject = target if target is not None else actor
    if subject is not None:
        content_type = ContentType.objects.get_for_model(subject)
        object_pk, object_repr = str(subject.pk), safe_repr(subject)
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
        actor=actor,
        actor_email=getattr(actor, "email", None),
        remote_addr=client_ip(request),
        additional_data={"event": str(event), **(details or {})},
        changes={},
    )


def safe_repr(obj: models.Model) -> str:
    """How the trail names ``obj``: its ``__str__``, unless that is text a participant typed."""
    if obj._meta.label_lower in _TYPED_TITLES:
        return f"{obj._meta.verbose_name} #{obj.pk}"
    return str(obj)[:200]


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, proxy-aware: the same function django-axes and the rate limits
    use (``rementor.core.security.client_ip``), so every log agrees."""
    if request is None or not hasattr(request, "META"):  # a hand-made request
        return None
    address = security.client_ip(request)
    # "No address" (a sign-in made by code, as in force_login) is not an address.
    return address if address and address != "0.0.0.0" else None


@contextmanager
def acting_as(by: Any) -> Iterator[None]:
    """Attribute the model changes made inside to ``by``.

    The auditlog middleware names the actor from the session before the view runs, so changes
    made for an API token, a background job or another user's request need this. Nobody named
    (``by`` is None: the command line) keeps whatever actor is already set. Unlike auditlog's
    ``set_actor``, the enclosing request's context is restored on the way out.
    """
    if not getattr(by, "pk", None):
        yield
        return
    previous = auditlog_value.get(None)
    kept = {k: previous[k] for k in ("remote_addr", "remote_port") if previous and k in previous}
    try:
        with set_extra_data(context_data={"actor": by, **kept}):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)


F = TypeVar("F", bound=Callable[..., Any])


def acted_by(function: F) -> F:
    """Decorate a domain function taking ``by=``: the changes it makes are that user's."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with acting_as(kwargs.get("by")):
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def record_denial(
    request: HttpRequest, *, perm: str, status: int, target: models.Model | None = None
) -> LogEntry:
    """A refused page: 403 for a wrong role, 404 for an outsider who must not learn it exists."""
    return record(
        event=Event.PERMISSION_DENIED,
        request=request,
        target=target,
        details={"path": request.path[:300], "permission": perm, "status": status},
    )


def import_counts(batch: Any) -> dict[str, Any]:
    """What an IMPORT event keeps of an applied HRIS batch: its file and counts, no names."""
    return {
        "source": "hris",
        "file": batch.filename[:120],
        "created": batch.created_count,
        "updated": batch.updated_count,
        "deactivated": batch.deactivated_count,
        "reactivated": batch.reactivated_count,
    }
