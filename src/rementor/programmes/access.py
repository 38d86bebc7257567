"""Loading the programme a page is about, with the right 404/403 (see rementor.core.access).

The one loader of the root object: every view that takes a programme slug calls
``programme_for`` (as pair pages call ``rementor.mentoring.access.pair_for``), so scoping
and the 404-versus-403 choice are written once.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from rementor.core.access import check_object_perm
from rementor.programmes.models import Programme

KNOW_PROGRAMME = "programmes.know_programme"


def programme_or_404(slug: str) -> Programme:
    """The programme ``slug``, unchecked: for the rare page that answers refusals itself
    (the mentor application explains why one may not apply); else use ``programme_for``."""
    return get_object_or_404(Programme, slug=slug)


def programme_for(
    request: HttpRequest, slug: str, perm: str, *, know_perm: str = KNOW_PROGRAMME
) -> Programme:
    """The programme ``slug`` if ``request.user`` holds ``perm`` on it.

    404 for someone who may not know the programme exists, 403 for someone who may know it
    (``know_perm``) but lacks ``perm``; both refusals are audited.
    """
    programme = programme_or_404(slug)
    check_object_perm(request, perm, programme, know_perm=know_perm)
    return programme
