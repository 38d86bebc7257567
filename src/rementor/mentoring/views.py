from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rementor.core.access import signed_in
from rementor.matching.explain import pair_reasons
from rementor.mentoring.access import pair_for
from rementor.mentoring.rules import member_role


@signed_in
def pair_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The pair's space: each part (training, charter, sessions, objectives...) renders itself
    through its own template tag, given the pair and the viewer."""
    pair = pair_for(request, pk)
    return render(
        request,
        "mentoring/pair.html",
        {"pair": pair, "role": member_role(request.user, pair), "reasons": pair_reasons(pair)},
    )
