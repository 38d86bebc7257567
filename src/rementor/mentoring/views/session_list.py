"""The programme manager's list of a programme's sessions: that they happened, when and how,
filtered and cut into pages. Never what was said: agendas, places and notes stay the pair's."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from rementor.core.lists import paginate
from rementor.mentoring.forms.session_list import SessionFilterForm
from rementor.mentoring.queries import sessions_overseen
from rementor.programmes.access import programme_for

# A month of a large programme's sessions fills several pages; 50 rows stay light on a phone.
SESSIONS_PER_PAGE = 50


@require_safe
def programme_sessions(request: HttpRequest, slug: str) -> HttpResponse:
    """A constant number of queries whatever the number of sessions: count, then one page
    with the pair's two names joined in."""
    programme = programme_for(request, slug, "mentoring.oversee_pairs")
    filters = SessionFilterForm(request.GET or None)
    sessions = filters.apply(sessions_overseen(programme))
    return render(
        request,
        "mentoring/sessions/overview.html",
        {
            "programme": programme,
            "filters": filters,
            "filtered": bool(filters.values()),
            **paginate(request, sessions, per_page=SESSIONS_PER_PAGE),
        },
    )
