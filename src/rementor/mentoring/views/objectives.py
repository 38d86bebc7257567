"""Views of objectives (with their history) and practice tasks: thin, the domain decides."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rementor.core.forms import attach_errors
from rementor.mentoring import objectives as domain
from rementor.mentoring.access import pair_for
from rementor.mentoring.forms.objectives import (
    AdjustObjectiveForm,
    EvidenceForm,
    ObjectiveForm,
    TaskForm,
)
from rementor.mentoring.models import Objective, PracticeTask
from rementor.mentoring.rules import member_role
from rementor.mentoring.views.common import closed_pair_redirect, posted


def _objective_for(request: HttpRequest, pk: int, perm: str) -> Objective:
    objective = get_object_or_404(Objective.objects.select_related("skill"), pk=pk)
    objective.pair = pair_for(request, objective.pair_id, perm)
    return objective


def _task_for(request: HttpRequest, pk: int, perm: str) -> PracticeTask:
    task = get_object_or_404(PracticeTask.objects.select_related("objective"), pk=pk)
    task.pair = pair_for(request, task.pair_id, perm)
    return task


def objective_create(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    if closed := closed_pair_redirect(request, pair, ensure_open=domain.ensure_pair_open):
        return closed
    owner = request.GET.get("owner") or member_role(request.user, pair)
    form = ObjectiveForm(posted(request), pair=pair, initial={"owner": owner})
    if request.method == "POST" and form.is_valid():
        try:
            domain.add_objective(pair=pair, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Objective added."))
            return redirect("mentoring:pair", pk=pair.pk)
    return render(request, "mentoring/objectives/objective_form.html", {"pair": pair, "form": form})


def objective_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The objective, its tasks and its history of adjustments (with their reasons)."""
    objective = _objective_for(request, pk, "mentoring.view_pair")
    pair = objective.pair
    return render(
        request,
        "mentoring/objectives/objective_detail.html",
        {
            "pair": pair,
            "objective": objective,
            "changes": objective.changes.select_related("changed_by__person"),
            "tasks": objective.tasks.all(),
            "can_adjust": member_role(request.user, pair) is not None
            and not domain.pair_is_closed(pair),
        },
    )


def objective_adjust(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective_for(request, pk, "mentoring.act_in_pair")
    pair = objective.pair
    if closed := closed_pair_redirect(request, pair, ensure_open=domain.ensure_pair_open):
        return closed
    form = AdjustObjectiveForm(
        posted(request), pair=pair, initial=AdjustObjectiveForm.initial_for(objective)
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.adjust_objective(objective=objective, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Objective adjusted; the change is in its history."))
            return redirect("mentoring:objective_detail", pk=objective.pk)
    return render(
        request,
        "mentoring/objectives/objective_adjust.html",
        {"pair": pair, "objective": objective, "form": form},
    )


def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    if closed := closed_pair_redirect(request, pair, ensure_open=domain.ensure_pair_open):
        return closed
    form = TaskForm(posted(request), pair=pair, initial={"objective": request.GET.get("objective")})
    if request.method == "POST" and form.is_valid():
        try:
            domain.add_task(pair=pair, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Practice task added."))
            return redirect("mentoring:pair", pk=pair.pk)
    return render(request, "mentoring/objectives/task_form.html", {"pair": pair, "form": form})


def task_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """The mentee shows what they practised: a link, a note, or both."""
    task = _task_for(request, pk, "mentoring.act_in_pair")
    pair = task.pair
    if member_role(request.user, pair) != "mentee":
        raise PermissionDenied
    if closed := closed_pair_redirect(request, pair, ensure_open=domain.ensure_pair_open):
        return closed
    form = EvidenceForm(
        posted(request),
        initial={"evidence_link": task.evidence_link, "evidence_note": task.evidence_note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.add_evidence(
                task=task,
                by=request.user,
                link=form.cleaned_data["evidence_link"],
                note=form.cleaned_data["evidence_note"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Evidence saved; your mentor can now mark the task done."))
            return redirect("mentoring:pair", pk=pair.pk)
    return render(
        request,
        "mentoring/objectives/task_evidence.html",
        {"pair": pair, "task": task, "form": form},
    )


@require_POST
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the mentor marks a task done."""
    task = _task_for(request, pk, "mentoring.act_in_pair")
    if member_role(request.user, task.pair) != "mentor":
        raise PermissionDenied
    try:
        domain.mark_task_done(task=task, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Task marked as done."))
    return redirect("mentoring:pair", pk=task.pair_id)
