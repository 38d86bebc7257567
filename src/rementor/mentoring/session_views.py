"""Views of sessions, private notes, pulses, check-ins and the pair's life cycle: thin, the
domain (sessions, feedback, lifecycle) decides. Sessions are for the pair's two members only;
a private note is for its author only (everyone else gets 404)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rementor.core.access import signed_in
from rementor.core.forms import attach_errors
from rementor.matching.models import CLOSED, Pair
from rementor.mentoring import feedback, lifecycle, sessions
from rementor.mentoring.access import pair_for
from rementor.mentoring.calendar import session_ics
from rementor.mentoring.charter import charter_signed
from rementor.mentoring.models import CheckIn, CheckInKind, MentoringSession, PrivateNote, Pulse
from rementor.mentoring.rules import member_role
from rementor.mentoring.session_forms import (
    CheckInForm,
    FinalSelfAssessmentForm,
    LogSessionForm,
    PairStatusForm,
    PrivateNoteForm,
    PulseForm,
    RecordSessionForm,
    SessionForm,
)
from rementor.skills.models import Assessment, AssessmentKind
from rementor.skills.queries import programme_skills


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")[:-1]


def _closed(request: HttpRequest, pair: Pair) -> HttpResponse | None:
    """A completed or ended pair is read-only: say so and go back to its page."""
    try:
        sessions.ensure_open(pair)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mentoring:pair", pk=pair.pk)
    return None


def _session_for(request: HttpRequest, pk: int, perm: str = "mentoring.act_in_pair"):
    session = get_object_or_404(MentoringSession, pk=pk)
    session.pair = pair_for(request, session.pair_id, perm)
    return session


# --- sessions --------------------------------------------------------------------------------


@signed_in
def plan_session(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    if (closed := _closed(request, pair)) is not None:
        return closed
    form = SessionForm(
        request.POST or None,
        time_zone=pair.mentee.person.time_zone,
        duration_minutes=pair.programme.session_minutes,
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = sessions.plan_session(
                pair=pair, by=request.user, base_url=_base_url(request), **form.domain_fields()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Session planned: you both receive an invitation."))
            return redirect("mentoring:session", pk=session.pk)
    return render(request, "mentoring/sessions/session_form.html", {"pair": pair, "form": form})


@signed_in
def record_session(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a session that already took place: logged as held at once, nobody invited."""
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    if (closed := _closed(request, pair)) is not None:
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


@signed_in
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_for(request, pk)
    pair = session.pair
    enrollment = feedback.membership(pair, request.user)
    context = {
        "pair": pair,
        "session": session,
        "role": member_role(request.user, pair),
        "skills": session.skills.all(),
        # The viewer's own note only: the query is filtered by author, never by session alone.
        "private_note": PrivateNote.objects.filter(session=session, author=request.user).first(),
        "my_pulse": Pulse.objects.filter(session=session, author=enrollment).first(),
        "is_open": pair.status not in CLOSED,
    }
    return render(request, "mentoring/sessions/session_detail.html", context)


@signed_in
def reschedule_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_for(request, pk)
    if (closed := _closed(request, session.pair)) is not None:
        return closed
    form = SessionForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            sessions.reschedule_session(
                session=session,
                by=request.user,
                base_url=_base_url(request),
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
@signed_in
def cancel_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_for(request, pk)
    try:
        sessions.cancel_session(session=session, by=request.user, base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Session cancelled: you both receive the cancellation."))
    return redirect("mentoring:session", pk=session.pk)


@signed_in
def session_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The session's .ics, for the members to add it to their calendar by hand."""
    session = _session_for(request, pk)
    url = request.build_absolute_uri(reverse("mentoring:session", args=[session.pk]))
    response = HttpResponse(session_ics(session, url=url), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response


@signed_in
def log_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_for(request, pk)
    pair = session.pair
    if (closed := _closed(request, pair)) is not None:
        return closed
    note = PrivateNote.objects.filter(session=session, author=request.user).first()
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
                base_url=_base_url(request),
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


@signed_in
def private_note(request: HttpRequest, pk: int) -> HttpResponse:
    """A private note, for its author only: anyone else — the other member, a manager —
    gets 404, as if it did not exist."""
    note = get_object_or_404(
        PrivateNote.objects.select_related("session__pair__programme"),
        pk=pk,
        author=request.user,
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


# --- feedback --------------------------------------------------------------------------------


@signed_in
def pulse(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_for(request, pk)
    pair = session.pair
    if (closed := _closed(request, pair)) is not None:
        return closed
    enrollment = feedback.membership(pair, request.user)
    if Pulse.objects.filter(session=session, author=enrollment).exists():
        messages.info(request, _("You already gave your pulse for this session. Thank you!"))
        return redirect("mentoring:session", pk=session.pk)
    form = PulseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            feedback.submit_pulse(session=session, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Thank you for your pulse!"))
            return redirect("mentoring:pair", pk=pair.pk)
    return render(
        request,
        "mentoring/sessions/pulse_form.html",
        {"pair": pair, "session": session, "form": form},
    )


@signed_in
def check_in(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in CheckInKind.values:
        raise Http404
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    if (closed := _closed(request, pair)) is not None:
        return closed
    enrollment = feedback.membership(pair, request.user)
    answered = CheckIn.objects.filter(pair=pair, author=enrollment, kind=kind).first()
    due = feedback.check_in_due(pair, kind)
    data = request.POST if request.method == "POST" and due and not answered else None
    form = CheckInForm(data)
    assessment_form = None
    if kind == CheckInKind.FINAL and enrollment.pk == pair.mentee_id:
        previous = (
            Assessment.objects.filter(
                enrollment=enrollment, kind__in=[AssessmentKind.FINAL, AssessmentKind.BASELINE]
            )
            .prefetch_related("items")
            .order_by("-kind")  # "final" sorts after "baseline": the final one, if any
            .first()
        )
        assessment_form = FinalSelfAssessmentForm(
            data, skills=programme_skills(pair.programme), assessment=previous, prefix="final"
        )
    if (
        data is not None
        and form.is_valid()
        and (assessment_form is None or assessment_form.is_valid())
    ):
        extra = {}
        if assessment_form is not None:
            extra = {
                "assessment_items": assessment_form.items(),
                "wishes": assessment_form.cleaned_data["wishes"],
            }
        try:
            feedback.submit_check_in(
                pair=pair, by=request.user, kind=kind, **form.cleaned_data, **extra
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Thank you: your check-in is saved."))
            return redirect("mentoring:pair", pk=pair.pk)
    return render(
        request,
        "mentoring/sessions/check_in_form.html",
        {
            "pair": pair,
            "kind": CheckInKind(kind),
            "form": form,
            "assessment_form": assessment_form,
            "answered": answered,
            "due": due,
            "opens": feedback.check_in_opens(pair, kind),
        },
    )


# --- life cycle ------------------------------------------------------------------------------


@signed_in
def pair_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Pause, resume, complete or end the pair early — for its members and the managers."""
    pair = pair_for(request, pk, "mentoring.view_pair")
    moves = lifecycle.allowed_moves(pair)
    form = PairStatusForm(request.POST or None, moves=moves)
    if request.method == "POST" and form.is_valid():
        move, reason = form.cleaned_data["move"], form.cleaned_data["reason"]
        base_url = _base_url(request)
        actions = {
            "pause": lambda: lifecycle.pause_pair(pair=pair, by=request.user, reason=reason),
            "resume": lambda: lifecycle.resume_pair(pair=pair, by=request.user),
            "complete": lambda: lifecycle.complete_pair(
                pair=pair, by=request.user, reason=reason, base_url=base_url
            ),
            "end": lambda: lifecycle.end_pair(
                pair=pair, by=request.user, reason=reason, base_url=base_url
            ),
        }
        try:
            pair = actions[move]()
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("The pair is now: %(status)s.") % {"status": pair.get_status_display()},
            )
            return redirect("mentoring:pair", pk=pair.pk)
    return render(
        request, "mentoring/sessions/pair_status.html", {"pair": pair, "moves": moves, "form": form}
    )
