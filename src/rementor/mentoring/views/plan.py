"""The session plan's pages: the programme's plan and its agenda library (managers), and a
pair's own plan (its members). Thin: the domain (``mentoring.plan``) validates and saves all
or nothing; a refusal re-shows every row as typed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rementor.mentoring import plan, sessions
from rementor.mentoring.access import pair_for
from rementor.mentoring.forms.plan import (
    LibraryFormSet,
    PairPlanFormSet,
    PlanFormSet,
    error_messages,
    rows_of,
)
from rementor.mentoring.leading import lead_sentence
from rementor.mentoring.models import AgendaTopic, PairPlanStep, PlanStep
from rementor.mentoring.views.common import closed_pair_redirect, posted
from rementor.programmes.access import programme_for


def _initial(rows, fields) -> list[dict]:
    return [{"id": r.pk, **{f: getattr(r, f) for f in fields}} for r in rows]


_TEXTS = ("theme_fr", "theme_en", "agenda_fr", "agenda_en")


def programme_plan(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "mentoring.edit_plan")
    topics = list(AgendaTopic.objects.filter(programme=programme))
    formset = PlanFormSet(
        posted(request),
        initial=_initial(PlanStep.objects.filter(programme=programme), _TEXTS),
        form_kwargs={"topics": topics},
        prefix="steps",
    )
    refusals: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            saved = plan.save_plan(programme=programme, by=request.user, rows=rows_of(formset))
        except ValidationError as error:
            refusals = error_messages(error)
        else:
            messages.success(
                request,
                ngettext(
                    "Session plan saved: %(count)s session.",
                    "Session plan saved: %(count)s sessions.",
                    len(saved),
                )
                % {"count": len(saved)},
            )
            return redirect("mentoring:plan", slug=programme.slug)
    return render(
        request,
        "mentoring/plan/programme_plan.html",
        {"programme": programme, "formset": formset, "refusals": refusals, "topics": topics},
    )


def agenda_library(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "mentoring.edit_plan")
    skills = list(programme.skills.order_by("position", "pk"))
    topics = list(AgendaTopic.objects.filter(programme=programme))
    formset = LibraryFormSet(
        posted(request),
        initial=[
            {"id": t.pk, "skill": t.skill_id, **{f: getattr(t, f) for f in _TEXTS}} for t in topics
        ],
        form_kwargs={"skills": skills},
        prefix="topics",
    )
    refusals: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            plan.save_library(programme=programme, by=request.user, rows=rows_of(formset))
        except ValidationError as error:
            refusals = error_messages(error)
        else:
            messages.success(request, _("Agenda library saved."))
            return redirect("mentoring:agenda_library", slug=programme.slug)
    return render(
        request,
        "mentoring/plan/library.html",
        {"programme": programme, "formset": formset, "refusals": refusals},
    )


def pair_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The pair's plan, which its members may reorder or rewrite for themselves (starting
    from the programme's, in the reader's language)."""
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    if closed := closed_pair_redirect(request, pair, ensure_open=sessions.ensure_open):
        return closed
    if request.method == "POST" and "follow_programme" in request.POST:
        plan.follow_programme_plan(pair=pair, by=request.user)
        messages.success(request, _("Your pair follows the programme's plan again."))
        return redirect("mentoring:pair", pk=pair.pk)
    own = PairPlanStep.objects.filter(pair=pair).exists()
    formset = PairPlanFormSet(
        posted(request),
        initial=[{"theme": s.theme, "agenda": s.agenda} for s in plan.pair_steps(pair)],
        prefix="steps",
    )
    refusals: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            plan.save_pair_plan(pair=pair, by=request.user, rows=rows_of(formset))
        except ValidationError as error:
            refusals = error_messages(error)
        else:
            messages.success(request, _("Your pair's plan is saved; the programme's is unchanged."))
            return redirect("mentoring:pair", pk=pair.pk)
    return render(
        request,
        "mentoring/plan/pair_plan.html",
        {
            "pair": pair,
            "formset": formset,
            "refusals": refusals,
            "own": own,
            "lead": lead_sentence(pair.programme),
        },
    )
