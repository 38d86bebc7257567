"""HRIS import pages: upload, map columns, preview, confirm, history (programme managers)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rementor.core.access import require_perm
from rementor.core.exports import csv_bytes, neutralise_cell
from rementor.core.lists import paginate
from rementor.core.security import UNSAFE, rate_limited
from rementor.people import importing, queries
from rementor.people.forms.importing import (
    ConfirmForm,
    ImportHistoryFilterForm,
    MappingForm,
    UploadForm,
)
from rementor.people.importing.issues import FIELD_LABELS
from rementor.people.importing.presets import TEMPLATE_HEADERS
from rementor.people.importing.samples import column_samples
from rementor.people.models import ImportBatch, ImportStatus

TEMPLATE_EXAMPLES = {
    "fr": [
        "000123",
        "Camille",
        "Durand",
        "camille.durand@example.com",
        "Chargée de communication",
        "Communication",
        "Paris",
        "000042",
        "fr,en",
        "Europe/Paris",
    ],
    "en": [
        "000123",
        "Camille",
        "Durand",
        "camille.durand@example.com",
        "Communications officer",
        "Communications",
        "London",
        "000042",
        "en,fr",
        "Europe/London",
    ],
}
HISTORY_PAGE_SIZE = 25


def _next_page(batch: ImportBatch):
    if batch.status == ImportStatus.MAPPING:
        return redirect("people:import_mapping", pk=batch.pk)
    return redirect("people:import_detail", pk=batch.pk)


@require_perm("people.import_people")
@rate_limited("imports", method=UNSAFE)
def import_start(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = importing.preview_import(
            data=upload.read(),
            filename=upload.name,
            by=request.user,
            preset=form.cleaned_data["preset"] or None,
            full_sync=form.cleaned_data["full_sync"],
        )
        return _next_page(batch)
    return render(request, "people/import_start.html", {"form": form})


@require_perm("people.import_people")
def import_template(request: HttpRequest) -> HttpResponse:
    """The template in the interface language: in French, the column names of a French HR
    file, separated by ";" as French Excel expects (its decimal separator is the comma); in
    English, by ",". UTF-8 with a BOM either way, so Excel reads the accents."""
    french = (get_language() or "").startswith("fr")
    language = "fr" if french else "en"
    rows = [list(TEMPLATE_HEADERS[language]), TEMPLATE_EXAMPLES[language]]
    data = csv_bytes(rows, bom=True, delimiter=";" if french else ",")
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    name = "rementor-modele-salaries.csv" if french else "rementor-people-template.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_perm("people.import_people")
def import_history(request: HttpRequest) -> HttpResponse:
    """Imports newest first, filtered and cut into pages: a constant number of queries."""
    form = ImportHistoryFilterForm(request.GET or None)
    filters = form.values()
    batches = queries.import_history(
        filename=filters.get("q", ""),
        status=filters.get("status", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    return render(
        request,
        "people/import_history.html",
        {
            "form": form,
            "filtered": bool(filters),
            **paginate(request, batches, per_page=HISTORY_PAGE_SIZE),
        },
    )


def _issues(issues: list[dict]) -> list[dict]:
    return [{**issue, "message": importing.render(issue)} for issue in issues]


def _shown(value) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _changes(entry: dict) -> list[dict]:
    # A return (is_active) is listed apart: it is written only if the manager confirms it.
    return [
        {"field": FIELD_LABELS.get(name, name), "old": _shown(old), "new": _shown(new)}
        for name, (old, new) in entry.get("changes", {}).items()
        if name != "is_active"
    ]


@require_perm("people.import_people")
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch.objects.select_related("created_by__person"), pk=pk)
    if batch.status == ImportStatus.MAPPING:
        return redirect("people:import_mapping", pk=batch.pk)
    plan = batch.plan
    updates = [{**e, "shown": _changes(e)} for e in plan if e["action"] == "update"]
    return render(
        request,
        "people/import_detail.html",
        {
            "batch": batch,
            "errors": _issues(batch.errors),
            "warnings": _issues(batch.warnings),
            "creates": [e for e in plan if e["action"] == "create"],
            "updates": [e for e in updates if e["shown"]],
            "deactivations": batch.deactivations,
            "closed_accounts": len(batch.closed_accounts),
            "returning": batch.returning,
            "confirm_form": ConfirmForm(initial={"sha256": batch.sha256}),
        },
    )


@require_perm("people.import_people")
@rate_limited("imports", method=UNSAFE)
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, pk=pk)
    if batch.status != ImportStatus.MAPPING:
        return redirect("people:import_detail", pk=batch.pk)
    form = MappingForm(
        request.POST or None, headers=batch.headers, initial={"full_sync": batch.full_sync}
    )
    if request.method == "POST" and form.is_valid():
        batch = importing.map_columns(
            batch=batch,
            mapping=form.mapping(),
            by=request.user,
            save_as=form.cleaned_data["save_as"],
            full_sync=form.cleaned_data["full_sync"],
        )
        if batch.status == ImportStatus.MAPPING:
            form.add_error(None, "; ".join(i["message"] for i in _issues(batch.errors)))
        else:
            return _next_page(batch)
    samples = column_samples(batch.table, len(batch.headers))
    return render(
        request,
        "people/import_mapping.html",
        {
            "batch": batch,
            "form": form,
            "errors": _issues(batch.errors),
            "columns": [
                {"header": neutralise_cell(header), "samples": values}
                for header, values in zip(batch.headers, samples, strict=True)
            ],
        },
    )


@require_POST
@require_perm("people.import_people")
@rate_limited("imports", method=UNSAFE)
def import_pad(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview again with the employee IDs padded, as the preview offered."""
    batch = get_object_or_404(ImportBatch, pk=pk)
    form = ConfirmForm(request.POST)
    if not form.is_valid() or form.cleaned_data["sha256"] != batch.sha256:
        messages.error(request, importing.render({"code": "not_applicable"}))
        return redirect("people:import_detail", pk=batch.pk)
    try:
        batch = importing.pad_ids(batch=batch, by=request.user)
    except importing.ImportNotApplied as refused:
        messages.warning(request, importing.render(refused.issue))
    return redirect("people:import_detail", pk=batch.pk)


@require_POST
@require_perm("people.import_people")
@rate_limited("imports", method=UNSAFE)
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, pk=pk)
    form = ConfirmForm(request.POST)
    if not form.is_valid() or form.cleaned_data["sha256"] != batch.sha256:
        messages.error(request, importing.render({"code": "not_applicable"}))
        return redirect("people:import_detail", pk=batch.pk)
    try:
        batch = importing.apply_import(
            batch=batch, by=request.user, reactivate=form.cleaned_data["reactivate"]
        )
    except importing.ImportNotApplied as refused:
        messages.warning(request, importing.render(refused.issue))
    else:
        messages.success(request, _("Import applied: the people are up to date."))
    return redirect("people:import_detail", pk=batch.pk)
