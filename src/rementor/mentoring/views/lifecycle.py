"""The pair's life cycle: pause, resume, complete or end it early — for its members and the
managers. Thin: the domain (``lifecycle.py``) decides which moves are allowed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rementor.core.forms import attach_errors
from rementor.core.links import site_root
from rementor.mentoring import lifecycle
from rementor.mentoring.access import pair_for
from rementor.mentoring.forms.lifecycle import PairStatusForm


def pair_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Pause, resume, complete or end the pair early — for its members and the managers."""
    pair = pair_for(request, pk, "mentoring.view_pair")
    moves = lifecycle.allowed_moves(pair)
    form = PairStatusForm(request.POST or None, moves=moves)
    if request.method == "POST" and form.is_valid():
        move, reason = form.cleaned_data["move"], form.cleaned_data["reason"]
        links = site_root(request)
        actions = {
            "pause": lambda: lifecycle.pause_pair(pair=pair, by=request.user, reason=reason),
            "resume": lambda: lifecycle.resume_pair(pair=pair, by=request.user),
            "complete": lambda: lifecycle.complete_pair(
                pair=pair, by=request.user, reason=reason, base_url=links
            ),
            "end": lambda: lifecycle.end_pair(
                pair=pair, by=request.user, reason=reason, base_url=links
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
        request,
        "mentoring/lifecycle/pair_status.html",
        {"pair": pair, "moves": moves, "form": form},
    )
