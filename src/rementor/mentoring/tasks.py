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

from rementor.mentoring.caldav_push import push_sessions
from rementor.mentoring.models import CalendarPush, MentoringSession
from rementor.mentoring.reminders import send_reminders


@task()
def send_due_reminders() -> dict[str, int]:
    """Send every reminder due now; how many of each kind."""
    return send_reminders().sent


@task()
def push_to_calendars(*, session_ids: list[int], base_url: str = "") -> dict[str, int]:
    """Write these sessions into their members' own CalDAV calendars (``caldav_push``)."""
    return push_sessions(session_ids=session_ids, base_url=base_url)


def queue_calendar_push(*, sessions: list[MentoringSession], base_url: str = "") -> None:
    """After the commit, queue the CalDAV push of ``sessions`` — only when one of their
    members connected a calendar (most never do: no job for them)."""
    people = {p for s in sessions for p in (s.pair.mentee.person_id, s.pair.mentor.person_id)}
    if not CalendarPush.objects.filter(user__person_id__in=people).exists():
        return
    ids = [s.pk for s in sessions]
    transaction.on_commit(lambda: push_to_calendars.enqueue(session_ids=ids, base_url=base_url))
