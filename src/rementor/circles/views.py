"""Pages of circles. A programme's circles are its managers'; a circle and its meetings are
seen by its active members and the programme's managers; everyone else gets a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rementor.circles import domain
from rementor.circles.access import VIEW_CIRCLE, circle_for, meeting_for
from rementor.circles.calendar import meeting_ics
from rementor.circles.forms import (
    AddMemberForm,
    AttendanceForm,
    CircleNameForm,
    MeetingForm,
    NoteForm,
)
from rementor.circles.models import MeetingStatus
from rementor.circles.queries import (
    active_memberships,
    candidates_for,
    is_active_member,
    members_of,
    programme_circles,
)
from rementor.core.forms import attach_errors
from rementor.core.links import site_root
from rementor.programmes.access import programme_for

MANAGE = "circles.manage_circles"
WRITE_NOTE = "circles.write_note"


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


@require_http_methods(["GET", "POST"])
def programme_circle_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme's circles, with a form to start one."""
    programme = programme_for(request, slug, MANAGE)
    form = CircleNameForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            circle = domain.create_circle(
                programme=programme, by=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("circles:circle", pk=circle.pk)
    return render(
        request,
        "circles/list.html",
        {"programme": programme, "circles": programme_circles(programme), "form": form},
    )


def circle_page(request: HttpRequest, pk: int) -> HttpResponse:
    circle = circle_for(request, pk, VIEW_CIRCLE)
    managing = request.user.has_perm(MANAGE, circle)
    context = {
        "circle": circle,
        "programme": circle.programme,
        "members": members_of(circle),
        "meetings": circle.meetings.all(),
        "managing": managing,
    }
    if managing:
        context["add_form"] = AddMemberForm(candidates=candidates_for(circle))
    return render(request, "circles/circle.html", context)


@require_http_methods(["GET", "POST"])
def circle_rename(request: HttpRequest, pk: int) -> HttpResponse:
    circle = circle_for(request, pk, MANAGE)
    form = CircleNameForm(_posted(request), initial={"name": circle.name})
    if request.method == "POST" and form.is_valid():
        try:
            domain.rename_circle(circle=circle, by=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("circles:circle", pk=circle.pk)
    return render(request, "circles/rename.html", {"circle": circle, "form": form})


@require_http_methods(["GET", "POST"])
def circle_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page first: deleting takes the meetings and their notes with it."""
    circle = circle_for(request, pk, MANAGE)
    if request.method == "POST":
        programme = circle.programme
        domain.delete_circle(circle=circle, by=request.user)
        messages.success(request, _("The circle is deleted."))
        return redirect("circles:list", slug=programme.slug)
    return render(
        request,
        "circles/delete.html",
        {"circle": circle, "meeting_count": circle.meetings.count()},
    )


@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    circle = circle_for(request, pk, MANAGE)
    form = AddMemberForm(request.POST, candidates=candidates_for(circle))
    if form.is_valid():
        try:
            domain.add_member(circle=circle, by=request.user, enrollment=form.chosen())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("circles:circle", pk=circle.pk)
    return render(
        request,
        "circles/circle.html",
        {
            "circle": circle,
            "programme": circle.programme,
            "members": members_of(circle),
            "meetings": circle.meetings.all(),
            "managing": True,
            "add_form": form,
        },
        status=400,
    )


@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    circle = circle_for(request, pk, MANAGE)
    member = get_object_or_404(circle.members, pk=member_pk)
    domain.remove_member(circle=circle, by=request.user, member=member)
    return redirect("circles:circle", pk=circle.pk)


@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    circle = circle_for(request, pk, MANAGE)
    zone = getattr(request.user.person, "time_zone", "") or "Europe/Paris"
    form = MeetingForm(_posted(request), initial={"time_zone": zone, "duration_minutes": 60})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = domain.plan_meeting(
                circle=circle,
                by=request.user,
                base_url=site_root(request),
                **form.domain_fields(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The meeting is planned; the members are invited."))
            return redirect("circles:meeting", pk=meeting.pk)
    return render(request, "circles/meeting_new.html", {"circle": circle, "form": form})


@require_http_methods(["GET", "POST"])
def meeting_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda, the shared note (members and managers write it) and attendance."""
    meeting = meeting_for(request, pk, VIEW_CIRCLE)
    circle = meeting.circle
    form = NoteForm(_posted(request), initial={"text": meeting.shared_note})
    if request.method == "POST":
        meeting = meeting_for(request, pk, WRITE_NOTE)
        if form.is_valid():
            domain.save_note(meeting=meeting, by=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("The shared note is saved."))
            return redirect("circles:meeting", pk=meeting.pk)
    members = list(active_memberships().filter(circle=circle).select_related("enrollment__person"))
    present = set(meeting.attendance.values_list("enrollment_id", flat=True))
    return render(
        request,
        "circles/meeting.html",
        {
            "meeting": meeting,
            "circle": circle,
            "note_form": form,
            "attendance_form": AttendanceForm(members=members, initial={"present": present}),
            "members": members,
            "present": present,
            "managing": request.user.has_perm(MANAGE, circle),
            "member": is_active_member(request.user, circle),
            "cancelled": meeting.status == MeetingStatus.CANCELLED,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, WRITE_NOTE)
    members = list(
        active_memberships().filter(circle=meeting.circle).select_related("enrollment__person")
    )
    form = AttendanceForm(request.POST, members=members)
    if form.is_valid():
        try:
            domain.record_attendance(meeting=meeting, by=request.user, present=form.chosen())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Attendance is saved."))
    else:
        messages.error(request, " ".join(form.errors.get("present", [])))
    return redirect("circles:meeting", pk=meeting.pk)


@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, MANAGE)
    try:
        domain.cancel_meeting(meeting=meeting, by=request.user, base_url=site_root(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The meeting is cancelled; the members are told."))
    return redirect("circles:meeting", pk=meeting.pk)


def meeting_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's .ics, for a member who lost the invitation (same UID and SEQUENCE)."""
    meeting = meeting_for(request, pk, VIEW_CIRCLE)
    members = [
        m.enrollment
        for m in active_memberships()
        .filter(circle=meeting.circle)
        .select_related("enrollment__person__user")
    ]
    body = meeting_ics(
        meeting,
        members=members,
        organizer=meeting.created_by,
        url=request.build_absolute_uri(reverse("circles:meeting", args=[meeting.pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response
