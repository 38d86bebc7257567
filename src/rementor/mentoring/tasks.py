"""Background jobs of the mentoring app (Django's Tasks API, django-tasks backport).

``send_reminders --enqueue`` queues the day's reminders for a worker instead of sending them
from the machine cron runs on: with several machines, any one of them may schedule it, and
the work runs wherever a worker is free. ``reminders.send_reminders`` is safe to run twice.
"""

from __future__ import annotations

from django_tasks import task

from rementor.mentoring.reminders import send_reminders


@task()
def send_due_reminders() -> dict[str, int]:
    """Send every reminder due now; how many of each kind."""
    return send_reminders().sent
