"""The role swap: the junior starts the pair's reciprocal phase with the topic they choose.
The managers know the pair (403); anyone else learns nothing (404)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rementor.core.forms import attach_errors
from rementor.mentoring import reciprocal
from rementor.mentoring.access import pair_for
from rementor.mentoring.forms.reciprocal import ReciprocalStartForm
from rementor.mentoring.views.common import posted


def start_reciprocal(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for(request, pk, "mentoring.start_reciprocal")
    state = reciprocal.phase_state(pair)
    form = ReciprocalStartForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            reciprocal.start_reciprocal_phase(
                pair=pair,
                by=request.user,
                topic=form.cleaned_data["topic"],
                topic_text=form.cleaned_data["topic_text"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The roles are swapped: the reciprocal phase has begun."))
            return redirect("mentoring:pair", pk=pair.pk)
    return render(
        request,
        "mentoring/reciprocal/start.html",
        {"pair": pair, "state": state, "form": form},
    )
