"""The pages behind the managers' attention list that no other app shows: the latecomers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from rementor.matching.queries import LATECOMER_PROGRAMMES, latecomers
from rementor.people.queries import name_order
from rementor.programmes.access import programme_for
from rementor.programmes.models import Enrollment


@require_safe
def latecomers_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme's latecomers (:func:`rementor.matching.queries.latecomers`): accepted
    people in no pair whom the last published run did not see, and the way to match them."""
    programme = programme_for(request, slug, "matching.manage_matching")
    ids = latecomers([programme]).get(programme.pk, [])
    people = (
        Enrollment.objects.filter(pk__in=ids)
        .select_related("person__department")
        .order_by("role", *name_order("person"))
    )
    return render(
        request,
        "cockpit/latecomers.html",
        {
            "programme": programme,
            "people": list(people),
            "counted": programme.status in LATECOMER_PROGRAMMES,
        },
    )
