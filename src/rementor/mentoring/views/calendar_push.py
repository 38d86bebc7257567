"""CalDAV push from the account page: connect one's own calendar (checked against its server
first) or stop. Thin: the domain (``caldav_push``) checks and writes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rementor.core.access import require_perm
from rementor.core.forms import attach_errors
from rementor.core.links import site_root
from rementor.core.security import rate_limited
from rementor.mentoring import caldav_push, tasks
from rementor.mentoring.forms.calendar_push import CalendarPushForm
from rementor.mentoring.models import CalendarPush
from rementor.mentoring.views.common import posted


@require_perm("mentoring.subscribe_calendar")
@rate_limited("caldav-connect", method="POST")
def calendar_push(request: HttpRequest) -> HttpResponse:
    current = CalendarPush.objects.filter(user=request.user).first()
    initial = (
        {"calendar_url": current.calendar_url, "username": current.username} if current else {}
    )
    form = CalendarPushForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            tasks.connect_calendar_and_push(
                user=request.user, base_url=site_root(request), **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        except caldav_push.PushFailed as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Your calendar is connected: your sessions are written into it.")
            )
            return redirect("calendar:caldav")
    return render(request, "mentoring/calendar_push.html", {"form": form, "current": current})


@require_POST
@require_perm("mentoring.subscribe_calendar")
def calendar_push_stop(request: HttpRequest) -> HttpResponse:
    if caldav_push.disconnect_calendar(user=request.user):
        messages.success(
            request,
            _("Rementor no longer writes into your calendar; the sessions already there stay."),
        )
    return redirect("calendar:caldav")
