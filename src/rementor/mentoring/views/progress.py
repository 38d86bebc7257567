"""A participant's "my progress" page in one programme: always the viewer's own."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from rementor.mentoring.progress import own_enrollment, progress_of
from rementor.programmes.access import programme_for


def my_progress(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "mentoring.view_own_progress")
    enrollment = own_enrollment(programme, request.user)
    if enrollment is None:  # the permission says enrolled; a race with a removal says not
        raise Http404
    return render(
        request,
        "mentoring/progress/my_progress.html",
        {"programme": programme, "progress": progress_of(enrollment)},
    )
