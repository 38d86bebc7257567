"""What the views of a pair's space share: the posted data, the base of absolute links in
e-mails, loading a session with its pair, and leaving a pair that has finished."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from rementor.matching.models import Pair
from rementor.mentoring.access import pair_for
from rementor.mentoring.models import MentoringSession


def posted(request: HttpRequest):
    """The submitted data, or None on GET — an empty POST still binds the form (and fails)."""
    return request.POST if request.method == "POST" else None


def closed_pair_redirect(
    request: HttpRequest, pair: Pair, *, ensure_open: Callable[[Pair], None]
) -> HttpResponse | None:
    """A finished pair is read-only: when the domain's ``ensure_open`` refuses ``pair``, say
    why and go back to the pair's page; None when the pair is open."""
    try:
        ensure_open(pair)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mentoring:pair", pk=pair.pk)
    return None


def session_for(
    request: HttpRequest, pk: int, perm: str = "mentoring.act_in_pair"
) -> MentoringSession:
    """The session ``pk`` with its pair loaded and checked (``perm``) through ``pair_for``."""
    session = get_object_or_404(MentoringSession, pk=pk)
    session.pair = pair_for(request, session.pair_id, perm)
    return session
