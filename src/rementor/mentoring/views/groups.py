"""Pages of mentoring groups. A programme's groups are its managers' (form, add or remove a
pair, dissolve); a group's page is its members' and the managers'; the shared group note is
the members' only; group sessions are planned and logged by the group's mentor."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rementor.core.forms import attach_errors
from rementor.core.links import site_root
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring import group_sessions, groups
from rementor.mentoring.access import group_for
from rementor.mentoring.forms.groups import (
    AddPairForm,
    GroupForm,
    GroupNoteForm,
    GroupObjectiveForm,
    GroupSessionForm,
)
from rementor.mentoring.group_queries import group_role, memberships, writes_in_group
from rementor.mentoring.group_queries import group_sessions as sessions_of
from rementor.mentoring.models import GroupObjective, MentoringGroup
from rementor.mentoring.views.common import posted
from rementor.programmes.access import programme_for

MANAGE = "mentoring.manage_groups"


def _ungrouped_active(programme, *, mentor_id: int | None = None):
    pairs = Pair.objects.filter(
        programme=programme, status=PairStatus.ACTIVE, group_membership__isnull=True
    ).select_related("mentor__person", "mentee__person")
    if mentor_id is not None:
        pairs = pairs.filter(mentor_id=mentor_id)
    return pairs.order_by("mentor__person__sort_name", "mentor_id", "mentee__person__sort_name")


@require_http_methods(["GET", "POST"])
def group_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme's groups, with a form to form one (when the programme allows it)."""
    programme = programme_for(request, slug, MANAGE)
    form = GroupForm(posted(request), candidates=_ungrouped_active(programme))
    if request.method == "POST" and form.is_valid():
        try:
            group = groups.form_group(
                programme=programme,
                by=request.user,
                pairs=form.cleaned_data["pairs"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The group is formed."))
            return redirect("mentoring:group", pk=group.pk)
    listed = (
        MentoringGroup.objects.filter(programme=programme)
        .select_related("mentor__person")
        .prefetch_related("members__pair__mentee__person")
    )
    return render(
        request,
        "mentoring/groups/list.html",
        {"programme": programme, "groups": listed, "form": form},
        status=400 if form.errors else 200,
    )


def _page_context(request: HttpRequest, group: MentoringGroup) -> dict:
    role = group_role(request.user, group)
    managing = request.user.has_perm(MANAGE, group)
    context = {
        "group": group,
        "programme": group.programme,
        "role": role,
        "managing": managing,
        "members": memberships(group),
        "sessions": sessions_of(group),
    }
    if role is not None:
        # The group's objectives are its members' (managers read no group content); a member
        # whose pair no longer runs reads them and the note, without the forms.
        context["objectives"] = group.objectives.all()
        context["writing"] = writes_in_group(request.user, group)
        if context["writing"]:
            context["note_form"] = GroupNoteForm(initial={"text": group.shared_note})
            context["objective_form"] = GroupObjectiveForm()
    if managing:
        context["add_form"] = AddPairForm(
            candidates=_ungrouped_active(group.programme, mentor_id=group.mentor_id)
        )
    return context


def group_page(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_for(request, pk)
    return render(request, "mentoring/groups/group.html", _page_context(request, group))


@require_POST
def group_note(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_for(request, pk, "mentoring.write_group_note")
    form = GroupNoteForm(request.POST)
    if form.is_valid():
        try:
            groups.save_group_note(group=group, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The group note is saved."))
            return redirect("mentoring:group", pk=group.pk)
    context = _page_context(request, group) | {"note_form": form}
    return render(request, "mentoring/groups/group.html", context, status=400)


@require_POST
def group_add_pair(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_for(request, pk, MANAGE)
    # Any pair id may be posted: the domain refuses one of another mentor or programme.
    pair = get_object_or_404(Pair, pk=request.POST.get("pair") or 0)
    try:
        groups.add_pair(group=group, by=request.user, pair=pair)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The pair joined the group."))
    return redirect("mentoring:group", pk=group.pk)


@require_POST
def group_remove_pair(request: HttpRequest, pk: int, pair_pk: int) -> HttpResponse:
    group = group_for(request, pk, MANAGE)
    pair = get_object_or_404(Pair, pk=pair_pk)
    try:
        groups.remove_pair(group=group, by=request.user, pair=pair)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The pair left the group; its sessions and notes stay."))
    return redirect("mentoring:group", pk=group.pk)


@require_http_methods(["GET", "POST"])
def group_dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page first, saying what goes (the group and its note) and what stays."""
    group = group_for(request, pk, MANAGE)
    if request.method == "POST":
        programme = group.programme
        groups.dissolve_group(group=group, by=request.user)
        messages.success(request, _("The group is dissolved; every pair goes on as before."))
        return redirect("mentoring:group_list", slug=programme.slug)
    return render(
        request,
        "mentoring/groups/dissolve.html",
        {"group": group, "pair_count": group.members.count()},
    )


@require_http_methods(["GET", "POST"])
def group_session_new(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_for(request, pk, "mentoring.lead_group")
    programme = group.programme
    form = GroupSessionForm(
        posted(request),
        time_zone=group.mentor.person.time_zone,
        duration_minutes=programme.session_minutes,
        video_tool=programme.video_tool,
    )
    if request.method == "POST" and form.is_valid():
        try:
            group_sessions.plan_group_session(
                group=group, by=request.user, base_url=site_root(request), **form.domain_fields()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("Group session planned: every member receives an invitation.")
            )
            return redirect("mentoring:group", pk=group.pk)
    return render(request, "mentoring/groups/session_form.html", {"group": group, "form": form})


def _key(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404 from None


@require_POST
def group_session_cancel(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    group = group_for(request, pk, "mentoring.lead_group")
    try:
        group_sessions.cancel_group_session(
            group=group, by=request.user, key=_key(key), base_url=site_root(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Group session cancelled: every member is told."))
    return redirect("mentoring:group", pk=group.pk)


@require_POST
def group_session_held(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    group = group_for(request, pk, "mentoring.lead_group")
    try:
        group_sessions.log_group_session_held(group=group, by=request.user, key=_key(key))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Group session logged as held for every pair."))
    return redirect("mentoring:group", pk=group.pk)


@require_POST
def group_objective_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_for(request, pk, "mentoring.write_group_objectives")
    form = GroupObjectiveForm(request.POST)
    if form.is_valid():
        try:
            groups.add_group_objective(
                group=group, by=request.user, title=form.cleaned_data["title"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The group objective is added."))
            return redirect("mentoring:group", pk=group.pk)
    context = _page_context(request, group) | {"objective_form": form}
    return render(request, "mentoring/groups/group.html", context, status=400)


@require_POST
def group_objective_mark(request: HttpRequest, pk: int, objective_pk: int) -> HttpResponse:
    group = group_for(request, pk, "mentoring.write_group_objectives")
    objective = get_object_or_404(GroupObjective, pk=objective_pk, group=group)
    groups.mark_group_objective(
        objective=objective, by=request.user, achieved=request.POST.get("achieved") == "1"
    )
    return redirect("mentoring:group", pk=group.pk)
