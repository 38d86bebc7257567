"""Views of feedback: the pulse after a held session and the mid-term and final check-ins
(with the mentee's final self-assessment). Thin: the domain (``feedback.py``) decides."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rementor.core.forms import attach_errors
from rementor.mentoring import feedback, sessions
from rementor.mentoring.access import pair_for
from rementor.mentoring.forms.feedback import CheckInForm, FinalSelfAssessmentForm, PulseForm
from rementor.mentoring.models import CheckIn, CheckInKind, Pulse
from rementor.mentoring.views.common import closed_pair_redirect, session_for
from rementor.skills.models import Assessment, AssessmentKind
from rementor.skills.queries import programme_skills


def pulse(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request, pk)
    pair = session.pair
    if closed := closed_pair_redirect(request, pair, ensure_open=sessions.ensure_open):
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
        "mentoring/feedback/pulse_form.html",
        {"pair": pair, "session": session, "form": form},
    )


def check_in(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in CheckInKind.values:
        raise Http404
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    if closed := closed_pair_redirect(request, pair, ensure_open=sessions.ensure_open):
        return closed
    enrollment = feedback.membership(pair, request.user)
    answered = CheckIn.objects.filter(pair=pair, author=enrollment, kind=kind).first()
    due = feedback.check_in_due(pair, kind)
    data = request.POST if request.method == "POST" and due and not answered else None
    form = CheckInForm(data, both_directions=feedback.asks_both_directions(pair, kind))
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
        "mentoring/feedback/check_in_form.html",
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
