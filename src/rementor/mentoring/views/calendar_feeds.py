"""The personal calendar feed: the feed itself, read by calendar apps without signing in
(its secret address is the key), and making or stopping it from the account page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from rementor.audit.events import Event, record
from rementor.core.access import require_perm
from rementor.core.hashed_secrets import digest_of
from rementor.core.links import site_root
from rementor.core.security import rate_limited
from rementor.mentoring import calendar_feeds
from rementor.mentoring.calendar import feed_ics


def _token_key(group: str, request: HttpRequest) -> str:
    # Counted per link, hashed: the cache never holds a secret.
    return digest_of(request.resolver_match.kwargs.get("token", ""))


@login_not_required
@require_safe
@rate_limited("calendar-feed-ip", key="ip")
@rate_limited("calendar-feed", key=_token_key)
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """Every session of the feed's owner, as iCalendar. An unknown or revoked address, or
    one whose owner left, is a plain 404: nothing tells which."""
    found = calendar_feeds.feed_for(token)
    if found is None:
        raise Http404
    user = found.user
    root = site_root(request)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        content = feed_ics(
            calendar_feeds.feed_sessions(user),
            person_id=user.person_id,
            url_of=lambda pk: root + reverse("mentoring:session", args=[pk]),
        )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="rementor.ics"'
    # A personal document behind a secret address: no shared cache keeps it, no search
    # engine lists it.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _account() -> str:
    return reverse("privacy:profile") + "#calendar-feed"


@require_POST
@require_perm("mentoring.subscribe_calendar")
def feed_replace(request: HttpRequest) -> HttpResponse:
    """Make the feed's address — a new one, the old one (if any) stops working."""
    new, secret, old = calendar_feeds.replace_feed(user=request.user)
    if old is not None:
        record(
            event=Event.CALENDAR_FEED_REVOKED,
            request=request,
            target=old,
            details={"feed_id": old.pk, "prefix": old.prefix, "replaced": True},
        )
    record(
        event=Event.CALENDAR_FEED_CREATED,
        request=request,
        target=new,
        details={"feed_id": new.pk, "prefix": new.prefix},
    )
    request.session[calendar_feeds.NEW_FEED_KEY] = secret
    if old is None:
        messages.success(request, _("Your calendar link is ready. Copy it now: it is shown once."))
    else:
        messages.success(
            request,
            _("Your calendar has a new link; the old one no longer works. Copy it now."),
        )
    return redirect(_account())


@require_POST
@require_perm("mentoring.subscribe_calendar")
def feed_stop(request: HttpRequest) -> HttpResponse:
    """Stop the feed: its address answers 404, calendars subscribed to it stop updating."""
    old = calendar_feeds.revoke_feed(user=request.user)
    if old is not None:
        record(
            event=Event.CALENDAR_FEED_REVOKED,
            request=request,
            target=old,
            details={"feed_id": old.pk, "prefix": old.prefix, "replaced": False},
        )
        messages.success(request, _("Your calendar link no longer works."))
    return redirect(_account())
