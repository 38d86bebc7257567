"""Reading the trail: the filtered entries, and how each one is told on the page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from rementor.audit.events import Departure, Event
from rementor.core.lists import days_filter

Action = LogEntry.Action

# The filter's codes for auditlog's model changes, beside the event codes.
CHANGE_KINDS = {
    "created": (Action.CREATE, gettext_lazy("Record created")),
    "changed": (Action.UPDATE, gettext_lazy("Record changed")),
    "deleted": (Action.DELETE, gettext_lazy("Record deleted")),
}

# Records events name as their target, beside the models whose changes are tracked.
EVENT_TARGETS = (
    "people.user",
    "people.importbatch",
    "programmes.programme",
    "selection.mentorapplication",
    "matching.matchrun",
    "mentoring.concern",
)
# The personal-data and API apps record events on their own records (tokens, requests).
EVENT_TARGET_APPS = ("privacy", "api")

DETAIL_LABELS = {
    "path": gettext_lazy("address"),
    "permission": gettext_lazy("permission"),
    "status": gettext_lazy("answer"),
    "identifier": gettext_lazy("typed identifier"),
    "locked_out": gettext_lazy("locked out"),
    "decision": gettext_lazy("decision"),
    "number": gettext_lazy("run"),
    "created": pgettext_lazy("import count", "created"),
    "updated": pgettext_lazy("import count", "updated"),
    "deactivated": pgettext_lazy("import count", "deactivated"),
    "reactivated": pgettext_lazy("import count", "reactivated"),
    "skipped": pgettext_lazy("import count", "skipped"),
    "format": gettext_lazy("format"),
    "dataset": gettext_lazy("dataset"),
    "audience": gettext_lazy("audience"),
    "source": gettext_lazy("from"),
    "file": gettext_lazy("file"),
    "reason": gettext_lazy("reason"),
    "account_closed": gettext_lazy("account closed"),
    "account_reopened": gettext_lazy("account reopened"),
    "tokens_revoked": gettext_lazy("API tokens revoked"),
    "sessions_ended": gettext_lazy("sessions ended"),
    # A programme's team channels (the addresses themselves are secrets, never recorded).
    "address_set": gettext_lazy("webhook address set"),
    "address_removed": gettext_lazy("webhook address removed"),
    # Single sign-on (rementor.sso): the protocol, how the person was found, the failed check.
    "protocol": gettext_lazy("protocol"),
    "matched_by": gettext_lazy("matched by"),
    "detail": gettext_lazy("check"),
}


def target_choices() -> list[tuple[str, str]]:
    """Kinds of record an entry can be about, as ``(app_label.model, verbose name)``."""
    models: set[type[Model]] = set(auditlog.get_models())
    for label in EVENT_TARGETS:
        models.add(apps.get_model(label))
    for app_label in EVENT_TARGET_APPS:
        if apps.is_installed(f"rementor.{app_label}"):
            models.update(apps.get_app_config(app_label).get_models())
    choices = {m._meta.label_lower: capfirst(m._meta.verbose_name) for m in models}
    return sorted(choices.items(), key=lambda item: str(item[1]).casefold())


def trail(
    *,
    event: str = "",
    actor: str = "",
    target: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    q: str = "",
) -> QuerySet[LogEntry]:
    """Entries newest first, with what the page shows joined in (no query per entry)."""
    entries = LogEntry.objects.select_related("content_type", "actor").order_by("-timestamp", "-pk")
    if event in CHANGE_KINDS:
        entries = entries.filter(action=CHANGE_KINDS[event][0])
    elif event:
        entries = entries.filter(action=Action.ACCESS, additional_data__event=event)
    if actor:
        entries = entries.filter(Q(actor__email__icontains=actor) | Q(actor_email__icontains=actor))
    if target:
        app_label, _dot, model = target.partition(".")
        entries = entries.filter(content_type__app_label=app_label, content_type__model=model)
    entries = entries.filter(days_filter("timestamp", date_from, date_to))
    if q:
        entries = entries.filter(object_repr__icontains=q)
    return entries


@dataclass(frozen=True)
class Line:
    """One entry as the page tells it."""

    entry: LogEntry
    who: str
    what: str
    fields: list[str]
    kind: str
    details: list[tuple[str, str]]


def _field_label(model: type[Model] | None, name: str) -> str:
    if model is None:
        return name
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _shown(value: object) -> str:
    """A detail as one short line (details hold identifiers and counts, e.g. a purge's)."""
    if isinstance(value, dict):
        value = ", ".join(f"{key} {inner}" for key, inner in value.items())
    elif isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    return str(value)[:200]


def describe(entry: LogEntry) -> Line:
    model = entry.content_type.model_class()
    kind = str(capfirst(model._meta.verbose_name)) if model else entry.content_type.model
    if entry.actor is not None:
        who = entry.actor.email
    elif entry.actor_email:
        who = entry.actor_email
    elif entry.remote_addr:
        who = _("anonymous visitor")
    else:
        who = _("system")
    fields: list[str] = []
    details: list[tuple[str, str]] = []
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    if entry.action == Action.ACCESS:
        code = data.get("event", "")
        what = str(Event(code).label) if code in Event.values else code or _("Record read")
        for key, value in data.items():
            if key == "reason" and value in Departure.values:
                value = Departure(value).label  # why someone was deactivated
            if key != "event":
                details.append((str(DETAIL_LABELS.get(key, key)), _shown(value)))
    else:
        model_name = model._meta.verbose_name if model else entry.content_type.model
        if entry.action == Action.CREATE:
            what = _("Created %(model)s") % {"model": model_name}
        elif entry.action == Action.DELETE:
            what = _("Deleted %(model)s") % {"model": model_name}
        else:
            what = _("Changed %(model)s") % {"model": model_name}
            changes = entry.changes if isinstance(entry.changes, dict) else {}
            fields = [_field_label(model, name) for name in changes]
    return Line(entry=entry, who=who, what=what, fields=fields, kind=kind, details=details)
