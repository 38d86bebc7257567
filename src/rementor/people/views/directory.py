"""The directory pages: the people of the company, one person, and their leaving or return."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rementor.audit.events import Departure
from rementor.core.access import require_perm
from rementor.core.languages import language_labels
from rementor.core.lists import paginate
from rementor.people import queries
from rementor.people.domain import deactivate_person, reactivate_person
from rementor.people.forms.directory import DirectoryFilterForm
from rementor.people.models import Person

STATUS_FILTER = {"": True, "inactive": False, "all": None}


@require_perm("people.view_directory")
def directory(request: HttpRequest) -> HttpResponse:
    """Everyone in the company (active by default), by name, filtered and cut into pages: a
    constant number of queries whatever the number of people."""
    form = DirectoryFilterForm(request.GET or None, sites=queries.sites())
    filters = form.values()
    department = filters.get("department")
    people = queries.directory(
        search=filters.get("q", ""),
        department_id=department.pk if department else None,
        site=filters.get("site", ""),
        active=STATUS_FILTER.get(filters.get("status", ""), True),
    )
    return render(
        request,
        "people/directory.html",
        {
            "form": form,
            "filtered": bool(filters),
            **paginate(request, people, per_page=settings.RM_DIRECTORY_PAGE_SIZE),
        },
    )


@require_perm("people.view_person")
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("department", "manager"), pk=pk)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "chain": queries.reporting_chain(person, depth=10),
            "reports": queries.by_name(person.reports.all()),
            "enrollments": person.enrollments.select_related("programme"),
            "languages": language_labels(person.languages),
            "account": queries.account_of(person),
            "can_change_status": request.user.has_perm("people.change_person_status"),
        },
    )


@require_POST
@require_perm("people.change_person_status")
def person_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    if request.POST.get("confirm") != "yes":
        # The browser asks for the box already; a request without it changes nothing.
        messages.error(
            request,
            _("Tick the box to confirm that %(name)s has left: nothing was changed.")
            % {"name": person.full_name},
        )
        return redirect("people:detail", pk=person.pk)
    try:
        done = deactivate_person(person=person, by=request.user, reason=Departure.DIRECTORY)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        if done.accounts:
            parts = [
                _("%(name)s is deactivated and their account closed.") % {"name": person.full_name},
                ngettext(
                    "%(count)d open session ended.",
                    "%(count)d open sessions ended.",
                    done.sessions,
                )
                % {"count": done.sessions},
                ngettext(
                    "%(count)d API token revoked.", "%(count)d API tokens revoked.", done.tokens
                )
                % {"count": done.tokens},
            ]
        else:
            parts = [
                _("%(name)s is deactivated; they have no open account.")
                % {"name": person.full_name}
            ]
        parts.append(_("Their running pairs are listed as at risk on the pairs page."))
        messages.success(request, " ".join(parts))
    return redirect("people:detail", pk=person.pk)


@require_POST
@require_perm("people.change_person_status")
def person_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    try:
        reactivate_person(person=person, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _("%(name)s is active again, and so is their account if they have one.")
            % {"name": person.full_name},
        )
    return redirect("people:detail", pk=person.pk)
