"""CalDAV push: a person's sessions written into their own calendar (Nextcloud, Fastmail,
iCloud, SOGo, Radicale…), one event per session at a fixed address derived from its UID, so
a change overwrites it and a cancellation removes it.

Only the network part lives here; whose calendar and with which account is for the caller.
Failures raise ``PushFailed`` with a sentence for the person (never the password)."""

from __future__ import annotations

import caldav
from caldav.lib.error import AuthorizationError, DAVError
from django.utils.translation import gettext as _

from rementor.mentoring.calendar import calendar_object_ics
from rementor.mentoring.models import MentoringSession, SessionStatus

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
