"""The mentoring app's part when someone leaves: their calendar feed closes with their
account, and so does their CalDAV push (``people.signals.accounts_closed``); and a new
programme's session plan (``programmes.signals.programme_created``)."""

from __future__ import annotations

from django.dispatch import receiver

from rementor.mentoring.calendar_feeds import revoke_feeds_of
from rementor.mentoring.models import CalendarPush
from rementor.mentoring.plan import copy_plan, install_library, install_template_plan
from rementor.people.signals import accounts_closed
from rementor.programmes.signals import programme_created


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


@receiver(programme_created, dispatch_uid="mentoring.session_plan_of_new_programme")
def session_plan_of_new_programme(
    sender, *, programme, copied_from=None, template=None, **kwargs
) -> None:
    """A copy takes its source's agenda library and session plan; a programme made from a
    template gets the shipped library and a plan of one session per entry; a blank one the
    library only (its managers write the plan)."""
    if copied_from is not None:
        copy_plan(source=copied_from, target=programme)
    elif template is not None:
        install_template_plan(programme=programme)
    else:
        install_library(programme=programme)
