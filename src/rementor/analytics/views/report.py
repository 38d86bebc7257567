"""The PDF impact report: the manager's version (names, every group) or the sponsor's."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

from rementor.analytics.report.document import Audience, filename, report_pdf
from rementor.audit.events import Event, record
from rementor.core.security import rate_limited
from rementor.programmes.access import programme_for


@rate_limited("exports")
def report(request: HttpRequest, slug: str) -> HttpResponse:
    """``?audience=manager|sponsor``. Managers may download either; sponsors always get the
    sponsor version (whatever they ask), like the heat map ignores their parameters."""
    programme = programme_for(request, slug, "analytics.view_results")
    if request.user.has_perm("analytics.view_small_groups", programme):
        audience = request.GET.get("audience") or Audience.MANAGER
        if audience not in Audience.values:
            return HttpResponseBadRequest(_("Unknown audience: choose manager or sponsor."))
    else:
        audience = Audience.SPONSOR
    content = report_pdf(programme=programme, audience=Audience(audience), user=request.user)
    record(event=Event.REPORT, request=request, target=programme, details={"audience": audience})
    response = HttpResponse(content, content_type="application/pdf")
    name = filename(programme=programme, audience=Audience(audience))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
