"""Views of confidential concerns.

A concern is readable by its author and programme managers; anyone else gets 404 — the other
member of the pair must not even learn that one exists.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rementor.audit.events import Event, record, record_denial
from rementor.core.forms import attach_errors
from rementor.mentoring import concerns as domain
from rementor.mentoring.access import pair_for
from rementor.mentoring.forms.concerns import ConcernFilterForm, ConcernForm, ResolveConcernForm
from rementor.mentoring.models import Concern, ConcernStatus
from rementor.mentoring.rules import member_role
from rementor.mentoring.views.common import posted
from rementor.programmes.access import programme_for


def _concern_for(request: HttpRequest, pk: int) -> Concern:
    concern = get_object_or_404(
        Concern.objects.select_related(
            "author__person",
            "resolved_by__person",
            "pair__programme",
            "pair__mentee__person",
            "pair__mentor__person",
        ),
        pk=pk,
    )
    if not domain.can_read_concern(request.user, concern):
        record_denial(request, perm="mentoring.read_concern", status=404, target=concern)
        raise Http404
    return concern


def concern_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A member writes to the programme managers in confidence."""
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    form = ConcernForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            concern = domain.raise_concern(
                pair=pair, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("Your concern was sent to the programme managers, and to them only.")
            )
            return redirect("mentoring:concern_detail", pk=concern.pk)
    return render(request, "mentoring/concerns/concern_form.html", {"pair": pair, "form": form})


def _detail(request: HttpRequest, concern: Concern, form: ResolveConcernForm | None):
    return render(
        request,
        "mentoring/concerns/concern_detail.html",
        {
            "concern": concern,
            "pair": concern.pair,
            "is_manager": request.user.is_programme_manager,
            "is_author": concern.author_id == request.user.pk,
            "author_role": member_role(concern.author, concern.pair),
            "form": form,
        },
    )


def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    concern = _concern_for(request, pk)
    can_resolve = request.user.is_programme_manager and concern.status == ConcernStatus.OPEN
    if request.user.is_programme_manager and concern.author_id != request.user.pk:
        record(event=Event.SENSITIVE_READ, request=request, target=concern)
    return _detail(request, concern, ResolveConcernForm() if can_resolve else None)


@require_POST
def concern_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """A programme manager resolves the concern with a note its author reads."""
    concern = _concern_for(request, pk)
    if not request.user.is_programme_manager:
        raise PermissionDenied
    form = ResolveConcernForm(request.POST)
    if form.is_valid():
        try:
            domain.resolve_concern(concern=concern, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Concern resolved; its author can read your note."))
            return redirect("mentoring:concern_list", slug=concern.pair.programme.slug)
    return _detail(request, concern, form)


def concern_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme's concerns for its managers: when, which pair, who, status — no text."""
    programme = programme_for(request, slug, "mentoring.oversee_pairs")
    filters = ConcernFilterForm(request.GET or None)
    status = filters.cleaned_data.get("status") if filters.is_valid() else ""
    status = status or ConcernStatus.OPEN
    rows = list(domain.concerns_of_programme(programme, status=None if status == "all" else status))
    for concern in rows:
        concern.author_role = (
            "mentee"
            if concern.author.person_id == concern.pair.mentee.person_id
            else "mentor"
            if concern.author.person_id == concern.pair.mentor.person_id
            else ""
        )
    return render(
        request,
        "mentoring/concerns/concern_list.html",
        {
            "programme": programme,
            "concerns": rows,
            "status": status,
            "filters": filters,
            "counts": domain.open_concern_counts(programme),
        },
    )
