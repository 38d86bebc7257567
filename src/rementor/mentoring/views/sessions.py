"""Views of sessions and their authors' private notes: thin, the domain (``sessions.py``)
decides. Sessions are for the pair's two members only; a private note is for its author only
(everyone else gets 404)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rementor.core.forms import attach_errors
from rementor.core.links import site_root
from rementor.matching.models import CLOSED
from rementor.mentoring import feedback, sessions
from rementor.mentoring.access import pair_for
from rementor.mentoring.calendar import session_ics
from rementor.mentoring.charter import charter_signed
from rementor.mentoring.forms.sessions import (
    LogSessionForm,
    PrivateNoteForm,
    RecordSessionForm,
    SessionForm,
)
from rementor.mentoring.models import Pulse
from rementor.mentoring.queries import private_note_of, private_notes_readable_by
from rementor.mentoring.rules import member_role
from rementor.mentoring.views.common import closed_pair_redirect, session_for
from rementor.skills.queries import programme_skills


def plan_session(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    if closed := closed_pair_redirect(request, pair, ensure_open=sessions.ensure_open):
        return closed
    form = SessionForm(
        request.POST or None,
        time_zone=pair.mentee.person.time_zone,
        duration_minutes=pair.programme.session_minutes,
        video_tool=pair.programme.video_tool,
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = sessions.plan_session(
                pair=pair, by=request.user, base_url=site_root(request), **form.domain_fields()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Session planned: you both receive an invitation."))
            return redirect("mentoring:session", pk=session.pk)
    return render(request, "mentoring/sessions/session_form.html", {"pair": pair, "form": form})


def record_session(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a session that already took place: logged as held at once, nobody invited."""
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    if closed := closed_pair_redirect(request, pair, ensure_open=sessions.ensure_open):
        return closed
    form = RecordSessionForm(
        request.POST or None,
        time_zone=pair.mentee.person.time_zone,
        duration_minutes=pair.programme.session_minutes,
        skills=programme_skills(pair.programme),
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = sessions.record_session(pair=pair, by=request.user, **form.domain_fields())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Session recorded as held. Nobody was sent an invitation."))
            return redirect("mentoring:session", pk=session.pk)
    return render(
        request,
        "mentoring/sessions/record_form.html",
        {"pair": pair, "form": form, "charter_signed": charter_signed(pair)},
    )


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request, pk)
    pair = session.pair
    enrollment = feedback.membership(pair, request.user)
    context = {
        "pair": pair,
        "session": session,
        "role": member_role(request.user, pair),
        "skills": session.skills.all(),
        # The viewer's own note only (a note is its author's: see queries.private_note_of).
        "private_note": private_note_of(session, request.user),
        "my_pulse": Pulse.objects.filter(session=session, author=enrollment).first(),
        "is_open": pair.status not in CLOSED,
    }
    return render(request, "mentoring/sessions/session_detail.html", context)


def reschedule_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request, pk)
    if closed := closed_pair_redirect(request, session.pair, ensure_open=sessions.ensure_open):
        return closed
    form = SessionForm(
        request.POST or None, session=session, video_tool=session.pair.programme.video_tool
    )
    if request.method == "POST" and form.is_valid():
        try:
            sessions.reschedule_session(
                session=session,
                by=request.user,
                base_url=site_root(request),
                **form.domain_fields(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Session changed: you both receive the update."))
            return redirect("mentoring:session", pk=session.pk)
    return render(
        request,
        "mentoring/sessions/session_form.html",
        {"pair": session.pair, "session": session, "form": form},
    )


@require_POST
def cancel_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request, pk)
    try:
        sessions.cancel_session(session=session, by=request.user, base_url=site_root(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Session cancelled: you both receive the cancellation."))
    return redirect("mentoring:session", pk=session.pk)


def session_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The session's .ics, for the members to add it to their calendar by hand."""
    session = session_for(request, pk)
    url = request.build_absolute_uri(reverse("mentoring:session", args=[session.pk]))
    response = HttpResponse(session_ics(session, url=url), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response


def log_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request, pk)
    pair = session.pair
    if closed := closed_pair_redirect(request, pair, ensure_open=sessions.ensure_open):
        return closed
    note = private_note_of(session, request.user)
    initial = {
        "status": session.status if session.status in sessions.LOGGED else "held",
        "skills": list(session.skills.all()),
        "shared_notes": session.shared_notes,
        "private_note": note.text if note else "",
    }
    form = LogSessionForm(
        request.POST or None, initial=initial, skills=programme_skills(pair.programme)
    )
    if request.method == "POST" and form.is_valid():
        try:
            sessions.log_session(
                session=session,
                by=request.user,
                status=form.cleaned_data["status"],
                skills=form.cleaned_data["skills"],
                shared_notes=form.cleaned_data["shared_notes"],
                private_note=form.cleaned_data["private_note"],
                base_url=site_root(request),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Session logged."))
            return redirect("mentoring:session", pk=session.pk)
    return render(
        request,
        "mentoring/sessions/log_form.html",
        {"pair": pair, "session": session, "form": form, "charter_signed": charter_signed(pair)},
    )


def private_note(request: HttpRequest, pk: int) -> HttpResponse:
    """A private note, for its author only: anyone else — the other member, a manager —
    gets 404, as if it did not exist."""
    note = get_object_or_404(
        private_notes_readable_by(request.user).select_related("session__pair__programme"), pk=pk
    )
    session = note.session
    # Membership is checked too: a former member keeps no access through old links.
    session.pair = pair_for(request, session.pair_id, "mentoring.act_in_pair")
    form = PrivateNoteForm(request.POST or None, initial={"text": note.text})
    if request.method == "POST" and form.is_valid():
        try:
            sessions.save_private_note(
                session=session, author=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your private note is saved."))
            return redirect("mentoring:session", pk=session.pk)
    return render(
        request,
        "mentoring/sessions/private_note.html",
        {
            "pair": session.pair,
            "session": session,
            "note": note,
            "form": form,
            "is_open": session.pair.status not in CLOSED,
        },
    )
