"""The confirmation page of a programme's move: GET explains it, POST makes it (checked again
by ``transitions.move_programme``). Programme managers only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rementor.cockpit import transitions
from rementor.cockpit.forms import TransitionForm
from rementor.cockpit.tracker import move_label
from rementor.core.forms import attach_errors
from rementor.core.links import site_root
from rementor.programmes.access import programme_for
from rementor.programmes.models import ProgrammeStatus


def transition(request: HttpRequest, slug: str, to: str) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.change_programme")
    if to not in ProgrammeStatus.values:
        raise Http404
    known = transitions.facts(programme=programme)
    refused = transitions.blockers(programme=programme, to=to, known=known)
    posted = request.method == "POST"
    form = TransitionForm(request.POST if posted else None, programme=programme, to=to, known=known)
    # A refused move shows its reasons and no form; a POST made anyway changes nothing.
    if posted and not refused and form.is_valid():
        data = form.cleaned_data
        try:
            transitions.move_programme(
                programme=programme,
                to=to,
                by=request.user,
                start_early=data.get("start_early", False),
                close_early=data.get("close_early", False),
                pairs=data.get("pairs", ""),
                reason=data.get("reason", ""),
                base_url=site_root(request),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("The programme is now “%(status)s”.")
                % {"status": ProgrammeStatus(programme.status).label},
            )
            return redirect("programmes:detail", slug=programme.slug)
    return render(
        request,
        "cockpit/transition.html",
        {
            "programme": programme,
            "to": ProgrammeStatus(to),
            "title": move_label(programme.status, to),
            "legal": transitions.is_legal(programme=programme, to=to),
            "facts": known,
            "blockers": refused,
            "warnings": transitions.warnings(programme=programme, to=to, known=known),
            "consequences": transitions.consequences(programme=programme, to=to, known=known),
            "form": form,
        },
    )
