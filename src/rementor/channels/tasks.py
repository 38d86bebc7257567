"""Background delivery of channel news (Django's Tasks API, django-tasks backport).

``domain.announce`` queues one job per channel once its transaction commits; the job posts
with retries (``delivery.post_with_retries``) and keeps the outcome. A failure is recorded,
never raised: nothing a manager or a pair did waits for, or fails because of, a chat service.
"""

from __future__ import annotations

import logging

from django_tasks import task

from rementor.channels.delivery import post_with_retries, remember
from rementor.channels.models import ProgrammeChannels

logger = logging.getLogger(__name__)


@task()
def deliver(channels_id: int, kind: str, payload: dict) -> bool:
    """Post one message to one channel; True when it was accepted."""
    channels = ProgrammeChannels.objects.filter(pk=channels_id).first()
    if channels is None or not channels.url_of(kind):
        return False  # removed since the news was queued
    try:
        outcome = post_with_retries(channels.url_of(kind), payload)
        remember(channels=channels, kind=kind, outcome=outcome)
    except Exception:  # a bug here must not fail the worker's other jobs
        logger.exception(
            "Channel %s of programme %s: delivery crashed.", kind, channels.programme_id
        )
        return False
    return outcome.ok
