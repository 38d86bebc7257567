"""HRIS import of employees: read a CSV/XLSX export, preview, then apply on confirmation.

Public entry points (keyword-only, used by views, the ``import_people`` command and tests):
``preview_import``, ``map_columns`` and ``apply_import``. Nothing is written to people
until ``apply_import``, which writes everything in one transaction or nothing.
"""

from __future__ import annotations

import hashlib

from auditlog.context import disable_auditlog
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from rementor.audit.events import Departure, Event, import_counts, record
from rementor.people.domain import (
    DeactivatesYourself,
    deactivate_people,
    reactivate_people,
)
from rementor.people.importing import presets as _presets
from rementor.people.importing.apply import write_plan
from rementor.people.importing.issues import ImportFileError, Issue, describe, render
from rementor.people.importing.planning import Plan, plan_changes
from rementor.people.importing.reading import check_size, read_table
from rementor.people.importing.validation import clean_rows
from rementor.people.models import ImportBatch, ImportPreset, ImportStatus, Person

__all__ = [
    "ImportFileError",
    "ImportNotApplied",
    "apply_import",
    "check_size",
    "describe",
    "map_columns",
    "pad_ids",
    "preview_import",
    "render",
]

# Errors about the columns themselves: the manager can fix them in the mapping step.
LAYOUT_CODES = {
    "unknown_layout",
    "missing_columns",
    "mapping_incomplete",
    "mapping_duplicate",
    "ambiguous_columns",
    "header_repeated",
}


class ImportNotApplied(Exception):
    """``apply_import`` wrote nothing; ``issue`` says why (already applied, stale...)."""

    def __init__(self, issue: Issue, batch: ImportBatch) -> None:
        super().__init__(issue.code)
        self.issue = issue
        self.batch = batch


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def _saved_presets() -> dict[str, dict[str, str]]:
    return {p.name: p.mapping for p in ImportPreset.objects.all()}


def _fail(batch: ImportBatch, issues: list[Issue], status: str = ImportStatus.FAILED) -> None:
    batch.status = status
    batch.errors = [issue.as_dict() for issue in issues]
    batch.error_count = len(issues)


def _preview(
    batch: ImportBatch,
    records: list[tuple[int, list[str]]],
    warnings: list[Issue],
    *,
    preset: str | None,
    mapping: dict | None,
    pad_width: int = 0,
) -> ImportBatch:
    """Fill ``batch`` with the preview of ``records`` (header rows first) and save it."""
    batch.pad_width, batch.pad_offer = pad_width, {}
    batch.headers = [_presets.clean_header(h) for h in records[0][1]]
    try:
        layout = _presets.resolve(
            records=records, preset_name=preset, mapping=mapping, saved=_saved_presets()
        )
    except ImportFileError as error:
        batch.warnings = [w.as_dict() for w in warnings]
        if {issue.code for issue in error.issues} & LAYOUT_CODES:
            _fail(batch, error.issues, ImportStatus.MAPPING)
            # Keep the cells for the mapping step, without the columns that must never be
            # stored; they are dropped as soon as the mapping is chosen.
            keep = [i for i, h in enumerate(batch.headers) if not _presets.is_sensitive(h)]
            batch.table = [[n, [c[i] if i < len(c) else "" for i in keep]] for n, c in records]
            batch.headers = [batch.headers[i] for i in keep]
        else:
            _fail(batch, error.issues)
        batch.save()
        return batch
    batch.preset = layout.preset.key
    batch.headers = [h for h in layout.headers if not _presets.is_sensitive(h)]
    data = records[layout.preset.header_rows :]
    warnings = [*warnings, *layout.warnings]
    if not data:
        batch.warnings = [w.as_dict() for w in warnings]
        _fail(batch, [Issue("header_only")])
        batch.save()
        return batch
    rows, errors, cell_warnings = clean_rows(data, layout, pad_width=pad_width)
    columns = {f: layout.headers[i] for f, i in layout.columns.items()}
    plan = plan_changes(rows=rows, full_sync=batch.full_sync, columns=columns, pad_width=pad_width)
    errors = sorted([*errors, *plan.errors], key=lambda i: (i.row or 0, i.column))
    if pad_width:
        count = len({row[f] for row in rows for f in row.get("padded", ())})
        warnings.append(Issue("ids_padded", {"width": pad_width, "count": count}))
    batch.rows = [{k: v for k, v in row.items() if k != "valid"} for row in rows]
    batch.table = []
    if plan.pad_offer:
        # Kept to preview again with the IDs padded, if the manager asks: the mapped columns
        # only, under their headers (nothing the import would not store anyway).
        batch.pad_offer = plan.pad_offer
        positions = list(layout.columns.values())
        batch.table = [
            [number, [cells[i] if i < len(cells) else "" for i in positions]]
            for number, cells in [(records[0][0], layout.headers), *data]
        ]
    _store_plan(batch, plan, columns)
    batch.warnings = [w.as_dict() for w in [*warnings, *cell_warnings]]
    batch.errors = [e.as_dict() for e in errors]
    batch.error_count = len(errors)
    batch.status = ImportStatus.FAILED if errors else ImportStatus.PREVIEWED
    batch.save()
    return batch


def _store_plan(batch: ImportBatch, plan: Plan, columns: dict[str, str]) -> None:
    batch.plan = plan.entries
    batch.new_departments = plan.new_departments
    batch.created_count = plan.count("create")
    batch.updated_count = plan.count("update")
    batch.unchanged_count = plan.count("unchanged")
    batch.deactivated_count = plan.count("deactivate")
    # Remembered to re-run the plan at confirm time, with the same column names in messages.
    batch.columns = columns


def preview_import(
    *,
    data: bytes,
    filename: str,
    by,
    preset: str | None = None,
    mapping: dict | None = None,
    full_sync: bool = False,
) -> ImportBatch:
    """Read ``data`` and record what importing it would do, writing no person.

    Returns the saved ``ImportBatch``: ``previewed`` (no errors, may be applied),
    ``failed`` (errors listed with row, column and fix) or ``mapping`` (unknown columns:
    choose them with ``map_columns``). ``preset`` names a built-in or saved preset;
    ``mapping`` is ``{field: file column header}``; without either the layout is detected.
    """
    batch = ImportBatch(
        filename=(filename or "")[-255:],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        full_sync=full_sync,
        created_by=_user(by),
        preset=preset or "",
    )
    try:
        table = read_table(data=data, filename=filename or "")
    except ImportFileError as error:
        _fail(batch, error.issues)
        batch.save()
        return batch
    batch.encoding = table.encoding
    return _preview(batch, table.records, table.warnings, preset=preset, mapping=mapping)


def map_columns(
    *,
    batch: ImportBatch,
    mapping: dict[str, str],
    by,
    save_as: str = "",
    full_sync: bool | None = None,
) -> ImportBatch:
    """Preview a batch waiting for its column mapping, optionally saving it as a preset.

    ``mapping`` is ``{field: file column header}``. The preset is saved only when the
    mapping reads the file (it may still have row errors).
    """
    if batch.status != ImportStatus.MAPPING or not batch.table:
        raise ImportNotApplied(Issue("not_applicable"), batch)
    if full_sync is not None:
        batch.full_sync = full_sync
    records = [(n, cells) for n, cells in batch.table]
    mapping = {f: h for f, h in mapping.items() if f in _presets.FIELDS and h}
    batch.errors, batch.error_count = [], 0
    _preview(batch, records, [], preset=save_as or "mapping", mapping=mapping)
    if save_as and batch.status != ImportStatus.MAPPING:
        ImportPreset.objects.update_or_create(
            name=save_as, defaults={"mapping": mapping, "created_by": _user(by)}
        )
        batch.preset = save_as
        batch.save(update_fields=["preset"])
    return batch


def pad_ids(*, batch: ImportBatch, by) -> ImportBatch:
    """Preview a batch again with the IDs padded as its preview offered (``pad_offer``).

    Writes no person: the manager then checks the new preview and confirms it as any other.
    Raises ``ImportNotApplied`` when the batch offers no padding (any more).
    """
    width = (batch.pad_offer or {}).get("width", 0)
    if batch.status != ImportStatus.FAILED or not width or not batch.table:
        raise ImportNotApplied(Issue("not_applicable"), batch)
    records = [(n, cells) for n, cells in batch.table]
    # The file's own warnings (encoding, delimiter, ignored columns) still hold; those about
    # columns and cells are found again.
    kept = [
        Issue(**w)
        for w in batch.warnings
        if w.get("row") is None and w["code"] not in ("optional_column_absent", "ids_padded")
    ]
    batch.errors, batch.error_count = [], 0
    return _preview(
        batch, records, kept, preset=batch.preset, mapping=batch.columns, pad_width=width
    )


def apply_import(*, batch: ImportBatch, by, reactivate: bool = False) -> ImportBatch:
    """Write a previewed batch in one transaction, after re-checking it against the database.

    People missing from a full sync are deactivated with their accounts
    (``people.domain.deactivate_people``). People in the file who had left stay inactive
    unless ``reactivate`` says the manager confirmed their return; their other changes
    are written either way.

    Raises ``ImportNotApplied`` (and writes no person) when the batch was already applied,
    has errors, went stale (people changed since the preview), or would deactivate the
    manager applying it. A stale batch is previewed again and saved, so the manager
    confirms what will really be written.
    """
    columns = batch.columns
    try:
        with transaction.atomic():
            # The status flip is the lock: of two confirmations, only one finds "previewed".
            claimed = ImportBatch.objects.filter(
                pk=batch.pk, status=ImportStatus.PREVIEWED, error_count=0
            ).update(status=ImportStatus.APPLIED, applied_at=timezone.now(), applied_by=_user(by))
            if not claimed:
                batch.refresh_from_db()
                code = (
                    "already_applied" if batch.status == ImportStatus.APPLIED else "not_applicable"
                )
                raise ImportNotApplied(Issue(code), batch)
            rows = [{**row, "valid": True} for row in batch.rows]
            plan = plan_changes(
                rows=rows, full_sync=batch.full_sync, columns=columns, pad_width=batch.pad_width
            )
            stored = Plan(entries=batch.plan, new_departments=batch.new_departments)
            if plan.errors or plan.digest != stored.digest:
                raise _Stale(plan)
            with disable_auditlog():  # one IMPORT event below, not one entry per person
                write_plan(plan)
            leavers = [e["pk"] for e in plan.entries if e["action"] == "deactivate"]
            deactivate_people(
                people=Person.objects.filter(pk__in=leavers),
                by=_user(by),
                reason=Departure.HRIS_SYNC,
            )
            reactivated = 0
            if reactivate:
                returning = [e["pk"] for e in plan.entries if "is_active" in e.get("changes", {})]
                reactivated = reactivate_people(
                    people=Person.objects.filter(pk__in=returning), by=_user(by)
                )
            ImportBatch.objects.filter(pk=batch.pk).update(reactivated_count=reactivated)
    except DeactivatesYourself:
        batch.refresh_from_db()
        raise ImportNotApplied(Issue("deactivates_yourself"), batch) from None
    except _Stale as stale:
        batch.refresh_from_db()
        _store_plan(batch, stale.plan, columns)
        batch.errors = [e.as_dict() for e in stale.plan.errors]
        batch.error_count = len(stale.plan.errors)
        batch.status = ImportStatus.FAILED if stale.plan.errors else ImportStatus.PREVIEWED
        batch.save()
        raise ImportNotApplied(Issue("stale_preview"), batch) from None
    except (IntegrityError, DatabaseError) as error:
        batch.refresh_from_db()
        issue = Issue("write_failed", {"detail": type(error).__name__})
        _fail(batch, [issue])
        batch.save()
        raise ImportNotApplied(issue, batch) from None
    batch.refresh_from_db()
    record(event=Event.IMPORT, actor=_user(by), target=batch, details=import_counts(batch))
    return batch


class _Stale(Exception):
    def __init__(self, plan: Plan) -> None:
        super().__init__("stale")
        self.plan = plan
