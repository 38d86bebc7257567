"""Views of ideas for the company: a member logs one, the managers read the programme's and
mark those that became a change as adopted (and take an adoption back, after confirming)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.core.forms import attach_errors
from rementor.core.lists import paginate
from rementor.mentoring import concerns, objectives
from rementor.mentoring.access import pair_for
from rementor.mentoring.forms.ideas import AdoptIdeaForm, IdeaFilterForm, IdeaForm
from rementor.mentoring.models import Idea
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
            # Adopted ideas of the whole programme, whatever the filters.
            "adopted": concerns.ideas_of_programme(programme)
            .filter(adopted_on__isnull=False)
            .count(),
        },
    )


def _idea_for(request: HttpRequest, pk: int) -> Idea:
    """The idea ``pk``, for the programme managers: its pair's members know it (403), anyone
    else learns nothing (404) — the pair's loader decides."""
    idea = get_object_or_404(Idea, pk=pk)
    idea.pair = pair_for(request, idea.pair_id, "mentoring.oversee_pairs")
    return idea


def _back_to_list(idea: Idea) -> HttpResponse:
    return redirect(
        reverse("mentoring:idea_list", args=[idea.pair.programme.slug]) + f"#idea-{idea.pk}"
    )


def idea_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """A manager records what changed in the company thanks to the idea, and when."""
    idea = _idea_for(request, pk)
    initial = {
        "change": idea.adoption_change,
        "adopted_on": idea.adopted_on or timezone.localdate(),
    }
    form = AdoptIdeaForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            concerns.adopt_idea(idea=idea, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Idea marked as adopted: it counts on the results page."))
            return _back_to_list(idea)
    return render(request, "mentoring/ideas/idea_adopt.html", {"idea": idea, "form": form})


def idea_unadopt(request: HttpRequest, pk: int) -> HttpResponse:
    """Taking an adoption back: a confirmation page first, the change on POST."""
    idea = _idea_for(request, pk)
    if request.method == "POST":
        try:
            concerns.undo_adoption(idea=idea, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The idea is no longer marked as adopted."))
        return _back_to_list(idea)
    if idea.adopted_on is None:
        messages.info(request, _("This idea is not marked as adopted."))
        return _back_to_list(idea)
    return render(request, "mentoring/ideas/idea_unadopt.html", {"idea": idea})
