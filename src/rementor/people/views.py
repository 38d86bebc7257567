from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from rementor.core.access import require_perm
from rementor.core.languages import language_labels
from rementor.people import queries
from rementor.people.forms import DirectoryFilterForm
from rementor.people.models import Person


@require_perm("people.view_directory")
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None, sites=queries.sites())
    filters = form.cleaned_data if form.is_valid() else {}
    department = filters.get("department")
    people = queries.directory(
        search=filters.get("q", ""),
        department_id=department.pk if department else None,
        site=filters.get("site", ""),
    )
    page = Paginator(people, settings.RM_DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/directory.html",
        {"form": form, "page": page, "query": query.urlencode()},
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
            "reports": person.reports.order_by("last_name", "first_name"),
            "enrollments": person.enrollments.select_related("programme"),
            "languages": language_labels(person.languages),
        },
    )
