"""Reading the trail back in tests."""

from __future__ import annotations

from auditlog.models import LogEntry

# Every column of an entry where a typed text could end up.
ALL_COLUMNS = ("object_repr", "changes", "changes_text", "additional_data", "serialized_data")


def everything_stored() -> str:
    """Every entry's stored columns as one text, to search for what must never be there."""
    return " ".join(str(v) for row in LogEntry.objects.values_list(*ALL_COLUMNS) for v in row)


def events(code: str) -> list[LogEntry]:
    """Entries of one event kind, oldest first."""
    return list(
        LogEntry.objects.filter(
            action=LogEntry.Action.ACCESS, additional_data__event=str(code)
        ).order_by("pk")
    )


def the_event(code: str) -> LogEntry:
    (entry,) = events(code)
    return entry


def changes_of(model, obj=None) -> list[LogEntry]:
    """auditlog's change entries of ``model`` (of ``obj`` if given), oldest first."""
    entries = LogEntry.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        action__in=[LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE],
    )
    if obj is not None:
        entries = entries.filter(object_pk=str(obj.pk))
    return list(entries.order_by("pk"))
