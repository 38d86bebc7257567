"""The managers' exports page and downloads (XLSX, CSV in two flavours)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from rementor.analytics import exports
from rementor.audit.events import Event, record
from rementor.core.security import rate_limited
from rementor.programmes.access import programme_for

# Exports hold names and per-pair rows: programme managers only. The perm that says "may see
# everything, small groups included" is exactly that (sponsors get 403).
EXPORT_PERM = "analytics.view_small_groups"


def exports_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The datasets a manager can download, each in every format, and the PDF report."""
    programme = programme_for(request, slug, EXPORT_PERM)
    descriptions = {
        "participants": _(
            "Everyone enrolled, one row each: role, enrolment status, department, training "
            "modules done and to do, the date the needs were given (mentees), where the "
            "application stands (mentors) and the status of their latest pair. No free text."
        ),
        "needs": _(
            "The mentees' needs, one row each: for every skill, the current level (0 to 4), "
            "the target (0 to 4) and the priority (0 to 3) of their first self-assessment. "
            "Never the wishes they wrote."
        ),
        "pairs": _(
            "Every pair: mentee, mentor, their departments, status, dates, match score and "
            "sessions held."
        ),
        "sessions": _(
            "Every session: pair, date and time, duration, mode and status. Never the agenda "
            "or any note."
        ),
        "objectives": _(
            "Both parties' objectives: whose, title, skill or area, status, progress, target "
            "date and number of adjustments."
        ),
        "pulses": _(
            "The pulse after each session: who answered, usefulness, comfort, and the optional "
            "one-sentence comment when its author shared it with the programme team."
        ),
    }
    datasets = [
        {"name": name, "title": title, "description": descriptions[name]}
        for name, title in exports.dataset_titles().items()
    ]
    return render(
        request,
        "analytics/exports.html",
        {"programme": programme, "datasets": datasets},
    )


@rate_limited("exports")
def download(request: HttpRequest, slug: str) -> HttpResponse:
    """``?format=xlsx|csv&dataset=<a key of exports.DATASETS>&flavour=standard|excel-fr``;
    an XLSX without a dataset holds them all."""
    programme = programme_for(request, slug, EXPORT_PERM)
    try:
        result = exports.export(
            programme=programme,
            fmt=request.GET.get("format", exports.Format.XLSX),
            dataset=request.GET.get("dataset") or None,
            flavour=request.GET.get("flavour") or exports.Flavour.STANDARD,
        )
    except ValueError:
        return HttpResponseBadRequest(_("Unknown export: choose it from the exports page."))
    record(event=Event.EXPORT, request=request, target=programme, details={"file": result.filename})
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
