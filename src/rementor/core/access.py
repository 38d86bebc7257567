"""Explicit access helpers for views: who may see a page, and 404 versus 403.

An outsider who should not even learn that an object exists gets 404; a signed-in user who
can know it exists but lacks the right role gets 403. Anonymous visitors never reach a view
unless it is marked `login_not_required`: Django's LoginRequiredMiddleware sends them to the
sign-in page first (settings.MIDDLEWARE).
Every refusal is announced with the ``access_denied`` signal (the audit trail records it).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from rementor.core.signals import access_denied


def require_perm(perm: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Holding a global (object-less) permission, else 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.has_perm(perm):
                _refused(request, perm=perm, status=403)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def check_object_perm(request: HttpRequest, perm: str, obj: object, *, know_perm: str) -> None:
    """Raise 404 for users who may not know ``obj`` exists, 403 for those lacking ``perm``."""
    if request.user.has_perm(perm, obj):
        return
    if request.user.has_perm(know_perm, obj):
        _refused(request, perm=perm, status=403, target=obj)
        raise PermissionDenied
    _refused(request, perm=perm, status=404, target=obj)
    raise Http404


def _refused(request: HttpRequest, *, perm: str, status: int, target: object = None) -> None:
    access_denied.send(sender=None, request=request, perm=perm, status=status, target=target)
