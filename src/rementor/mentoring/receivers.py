"""The mentoring app's part when someone leaves: their calendar feed closes with their
account, and so does their CalDAV push (``people.signals.accounts_closed``)."""

from __future__ import annotations

from django.dispatch import receiver

from rementor.mentoring.calendar_feeds import revoke_feeds_of
from rementor.mentoring.models import CalendarPush
from rementor.people.signals import accounts_closed


@receiver(accounts_closed, dispatch_uid="mentoring.revoke_feeds_of_closed_accounts")
def revoke_feeds_of_closed_accounts(*, user_ids: list[int], **kwargs) -> dict[int, int]:
    """Inside the deactivation's transaction: every calendar feed of these accounts, revoked."""
    return revoke_feeds_of(user_ids=user_ids)


@receiver(accounts_closed, dispatch_uid="mentoring.disconnect_calendars_of_closed_accounts")
def disconnect_calendars_of_closed_accounts(*, user_ids: list[int], **kwargs) -> None:
    """Inside the deactivation's transaction: nothing more is written into the calendars of
    these accounts, and their sealed passwords are gone. (Returns nothing: the signal's
    senders count revoked feeds only.)"""
    CalendarPush.objects.filter(user_id__in=user_ids).delete()
