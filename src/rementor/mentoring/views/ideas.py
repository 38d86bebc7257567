"""Views of ideas for the company: a member logs one, the managers read the programme's."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rementor.core.forms import attach_errors
from rementor.core.lists import paginate
from rementor.mentoring import concerns, objectives
from rementor.mentoring.access import pair_for
from rementor.mentoring.forms.ideas import IdeaFilterForm, IdeaForm
from rementor.mentoring.views.common import closed_pair_redirect, posted
from rementor.programmes.access import programme_for

# Ideas carry a description of up to 5,000 characters: a short page stays light on a phone.
IDEAS_PER_PAGE = 25


def idea_create(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    if closed := closed_pair_redirect(request, pair, ensure_open=objectives.ensure_pair_open):
        return closed
    form = IdeaForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            concerns.log_idea(pair=pair, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Idea logged: the programme managers will see it."))
            return redirect("mentoring:pair", pk=pair.pk)
    return render(request, "mentoring/ideas/idea_form.html", {"pair": pair, "form": form})


def idea_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Ideas the programme's pairs gave the company (the brief's innovation), newest first,
    filtered and cut into pages: a constant number of queries whatever their number."""
    programme = programme_for(request, slug, "mentoring.oversee_pairs")
    filters = IdeaFilterForm(request.GET or None)
    ideas = filters.apply(concerns.ideas_of_programme(programme)).order_by("-created_at", "-pk")
    return render(
        request,
        "mentoring/ideas/idea_list.html",
        {
            "programme": programme,
            "filters": filters,
            "filtered": bool(filters.values()),
            **paginate(request, ideas, per_page=IDEAS_PER_PAGE),
        },
    )
