"""CalDAV push: a person's sessions written into their own calendar (Nextcloud, Fastmail,
iCloud, SOGo, Radicale…), one event per session at a fixed address derived from its UID, so
a change overwrites it and a cancellation removes it.

A person connects one calendar (``connect_calendar``: its address, user name and password,
checked against the server first); every session write that sends invitations then queues
``push_sessions`` after its commit (``sessions.invite_all``). Failures raise ``PushFailed``
with a sentence for the person (never the password); ``push_sessions`` keeps it on the
account page instead of raising."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

import caldav
from caldav.lib.error import AuthorizationError, DAVError
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rementor.core.sealed import seal, unseal
from rementor.mentoring.calendar import calendar_object_ics
from rementor.mentoring.models import CalendarPush, MentoringSession, SessionStatus
from rementor.mentoring.queries import member_of

# Seconds to wait for a calendar server: a slow one must not hold a worker for long.
TIMEOUT = 10


class PushFailed(Exception):
    """The calendar server refused or could not be reached; ``str()`` says which."""


def event_url(calendar_url: str, session: MentoringSession) -> str:
    """Where the session's event lives in the calendar ``calendar_url``."""
    return calendar_url.rstrip("/") + f"/rementor-{session.uid}.ics"


def _client(calendar_url: str, username: str, password: str) -> caldav.DAVClient:
    return caldav.DAVClient(
        url=calendar_url, username=username or None, password=password or None, timeout=TIMEOUT
    )


def _failed(error: Exception) -> PushFailed:
    if isinstance(error, AuthorizationError):
        return PushFailed(_("The calendar refused the user name or password."))
    if isinstance(error, DAVError):
        return PushFailed(_("The calendar server refused the request: check the calendar address."))
    return PushFailed(_("The calendar server could not be reached."))


def check_calendar(*, calendar_url: str, username: str, password: str) -> None:
    """Raise ``PushFailed`` unless the calendar answers with these credentials."""
    try:
        with _client(calendar_url, username, password) as client:
            client.calendar(url=calendar_url).get_properties()
    except (DAVError, OSError, ValueError) as error:
        raise _failed(error) from error


def push_session(
    *,
    session: MentoringSession,
    person_id: int,
    calendar_url: str,
    username: str,
    password: str,
    url: str = "",
) -> None:
    """Write ``session`` into the calendar as the person ``person_id`` sees it, or remove it
    once cancelled (removing one already gone is fine)."""
    address = event_url(calendar_url, session)
    try:
        with _client(calendar_url, username, password) as client:
            # Plain PUT and DELETE: the event keeps the SEQUENCE of the invitations (the
            # library's save would raise it once more).
            if session.status == SessionStatus.CANCELLED:
                status = client.delete(address).status
                if status == 404:  # already gone
                    return
            else:
                data = calendar_object_ics(session, person_id=person_id, url=url)
                status = client.put(
                    address, data, {"Content-Type": "text/calendar; charset=utf-8"}
                ).status
    except (DAVError, OSError, ValueError) as error:
        raise _failed(error) from error
    if status in (401, 403):
        raise _failed(AuthorizationError())
    if not 200 <= status < 300:
        raise _failed(DAVError())


# --- whose calendar ------------------------------------------------------------------------


def clean_calendar_url(url: str) -> str:
    """An https address (trimmed), or a ValidationError on ``calendar_url``."""
    url = (url or "").strip()
    parts = urlsplit(url)
    loopback = getattr(settings, "RM_CALDAV_ALLOW_LOOPBACK", False) and parts.hostname == (
        "127.0.0.1"
    )
    if not parts.hostname or not (parts.scheme == "https" or (loopback and parts.scheme == "http")):
        raise ValidationError(
            {
                "calendar_url": _(
                    "Give the address of your calendar, starting with https:// (your calendar "
                    "app shows it as the CalDAV address)."
                )
            }
        )
    return url


def connect_calendar(*, user, calendar_url: str, username: str, password: str) -> CalendarPush:
    """Write ``user``'s sessions into this calendar from now on, after checking that it
    answers with these credentials (``PushFailed`` otherwise, nothing saved). The sessions
    already planned follow through ``tasks.connect_calendar_and_push``."""
    calendar_url = clean_calendar_url(calendar_url)
    check_calendar(calendar_url=calendar_url, username=username, password=password)
    push, _created = CalendarPush.objects.update_or_create(
        user=user,
        defaults={
            "calendar_url": calendar_url,
            "username": username.strip(),
            "password_sealed": seal(password) if password else "",
            "last_error": "",
        },
    )
    return push


def upcoming_session_ids(user) -> list[int]:
    """The sessions of ``user`` still to come and planned (written when they connect)."""
    return list(
        MentoringSession.objects.filter(member_of(user, prefix="pair__"))
        .filter(status=SessionStatus.PLANNED, starts_at__gte=timezone.now())
        .values_list("pk", flat=True)
    )


def disconnect_calendar(*, user) -> bool:
    """Stop writing into ``user``'s calendar (the events already there stay); whether one was
    connected."""
    deleted, _rows = CalendarPush.objects.filter(user=user).delete()
    return bool(deleted)


def _not_first_of_group(session: MentoringSession, person_id: int) -> bool:
    """Whether ``session`` is a later pair's session of a group session its mentor already
    has as one event (the first one): the mentor's calendar gets the group session once."""
    if session.group_key is None or session.pair.mentor.person_id != person_id:
        return False
    return MentoringSession.objects.filter(
        group_key=session.group_key, pk__lt=session.pk, pair__mentor__person_id=person_id
    ).exists()


def push_sessions(
    *, session_ids: Iterable[int], user_ids: Iterable[int] | None = None, base_url: str = ""
) -> dict[str, int]:
    """Write these sessions into the connected calendars of their members (only ``user_ids``
    when given). A failure is kept on the calendar (``last_error``, shown on the account page)
    and never raised: a calendar that is down must not undo a session."""
    counts = {"written": 0, "failed": 0}
    sessions = MentoringSession.objects.filter(pk__in=list(session_ids)).select_related(
        "pair__programme", "pair__mentee__person__user", "pair__mentor__person__user"
    )
    for session in sessions:
        person_ids = [session.pair.mentee.person_id, session.pair.mentor.person_id]
        pushes = CalendarPush.objects.filter(
            user__person_id__in=person_ids, user__is_active=True
        ).select_related("user")
        if user_ids is not None:
            pushes = pushes.filter(user_id__in=list(user_ids))
        for push in pushes:
            if _not_first_of_group(session, push.user.person_id):
                continue
            link = base_url + reverse("mentoring:session", args=[session.pk])
            try:
                with translation.override(push.user.language or settings.LANGUAGE_CODE):
                    push_session(
                        session=session,
                        person_id=push.user.person_id,
                        calendar_url=push.calendar_url,
                        username=push.username,
                        password=unseal(push.password_sealed) or "",
                        url=link,
                    )
            except PushFailed as error:
                push.last_error = str(error)[:300]
                push.save(update_fields=["last_error"])
                counts["failed"] += 1
            else:
                push.last_error = ""
                push.last_pushed_at = timezone.now()
                push.save(update_fields=["last_error", "last_pushed_at"])
                counts["written"] += 1
    return counts
