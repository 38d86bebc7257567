"""Background jobs of the mentoring app (Django's Tasks API, django-tasks backport).

``send_reminders --enqueue`` queues the day's reminders for a worker instead of sending them
from the machine cron runs on: with several machines, any one of them may schedule it, and
the work runs wherever a worker is free. ``reminders.send_reminders`` is safe to run twice.
The CalDAV push of a session runs here too, after the write's commit: a calendar server
that is slow or down never holds up nor undoes the write.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from rementor.mentoring.caldav_push import connect_calendar, push_sessions, upcoming_session_ids
from rementor.mentoring.models import CalendarPush, MentoringSession
from rementor.mentoring.reminders import send_reminders


@task()
def send_due_reminders() -> dict[str, int]:
    """Send every reminder due now; how many of each kind."""
    return send_reminders().sent


@task()
def push_to_calendars(
    *, session_ids: list[int], user_ids: list[int] | None = None, base_url: str = ""
) -> dict[str, int]:
    """Write these sessions into their members' own CalDAV calendars (``caldav_push``; only
    those of ``user_ids`` when given)."""
    return push_sessions(session_ids=session_ids, user_ids=user_ids, base_url=base_url)


@transaction.atomic
def connect_calendar_and_push(
    *, user, calendar_url: str, username: str, password: str, base_url: str = ""
) -> CalendarPush:
    """``caldav_push.connect_calendar``, then the sessions already planned are queued for
    that calendar after the commit (the page does not wait for the calendar server)."""
    push = connect_calendar(
        user=user, calendar_url=calendar_url, username=username, password=password
    )
    if ids := upcoming_session_ids(user):
        transaction.on_commit(
            lambda: push_to_calendars.enqueue(
                session_ids=ids, user_ids=[user.pk], base_url=base_url
            )
        )
    return push


def queue_calendar_push(*, sessions: list[MentoringSession], base_url: str = "") -> None:
    """After the commit, queue the CalDAV push of ``sessions`` — only when one of their
    members connected a calendar (most never do: no job for them)."""
    people = {p for s in sessions for p in (s.pair.mentee.person_id, s.pair.mentor.person_id)}
    if not CalendarPush.objects.filter(user__person_id__in=people).exists():
        return
    ids = [s.pk for s in sessions]
    transaction.on_commit(lambda: push_to_calendars.enqueue(session_ids=ids, base_url=base_url))
