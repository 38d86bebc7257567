"""The programme's team channels: settings and the test message (programme managers)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rementor.channels import domain
from rementor.channels.addresses import masked
from rementor.channels.forms import ChannelsForm
from rementor.channels.models import Kind
from rementor.core.forms import attach_errors
from rementor.programmes.access import programme_for

PERM = "channels.change_channels"


def channel_settings(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, PERM)
    form = ChannelsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.save_channels(programme=programme, by=request.user, **form.domain_fields())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Channel settings saved."))
            return redirect("channels:settings", slug=programme.slug)
    channels = domain.channels_of(programme)
    rows = [
        {
            "kind": kind,
            "label": Kind(kind).label,
            "masked": masked(channels.url_of(kind)),
            "last_success_at": getattr(channels, f"{kind}_last_success_at"),
            "last_failure_at": getattr(channels, f"{kind}_last_failure_at"),
            "last_status": getattr(channels, f"{kind}_last_status"),
        }
        for kind in Kind.values
    ]
    return render(
        request,
        "channels/settings.html",
        {"programme": programme, "form": form, "rows": rows},
    )


@require_POST
def channel_test(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    programme = programme_for(request, slug, PERM)
    if kind not in Kind.values:
        raise Http404
    outcome = domain.send_test(programme=programme, kind=kind, by=request.user)
    label = Kind(kind).label
    if outcome is None:
        messages.error(request, _("%(channel)s has no address yet.") % {"channel": label})
    elif outcome.ok:
        messages.success(request, f"{label}: {outcome.describe()}")
    else:
        messages.error(request, f"{label}: {outcome.describe()}")
    return redirect("channels:settings", slug=programme.slug)
