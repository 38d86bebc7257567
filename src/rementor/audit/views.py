"""The audit trail page: programme managers read it; nobody edits it (no form writes here)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from rementor.audit import queries
from rementor.audit.forms import TrailFilterForm
from rementor.core.access import require_perm
from rementor.core.lists import paginate

PAGE_SIZE = 50


@require_safe
@require_perm("audit.view_trail")
def trail(request: HttpRequest) -> HttpResponse:
    """Entries newest first. Invalid filters are shown with their message and left out."""
    form = TrailFilterForm(request.GET or None)
    filters = form.values()  # every valid field, whatever the others say
    entries = queries.trail(
        event=filters.get("event", ""),
        actor=filters.get("actor", ""),
        target=filters.get("target", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        q=filters.get("q", ""),
    )
    pages = paginate(request, entries, per_page=PAGE_SIZE)
    return render(
        request,
        "audit/trail.html",
        {
            "form": form,
            "filtered": bool(filters),
            "lines": [queries.describe(entry) for entry in pages["page"].object_list],
            **pages,
        },
    )
