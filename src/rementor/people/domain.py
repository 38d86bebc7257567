"""Writes on people and accounts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.audit.events import Departure, Event, record
from rementor.core.session_limits import end_sessions
from rementor.people.changes import record_presence
from rementor.people.models import ChangeKind, Person, User
from rementor.people.signals import accounts_closed, people_returning


@transaction.atomic
def set_manager(*, person: Person, manager: Person | None) -> Person:
    """Attach ``person`` to ``manager``; refuses (ValidationError) a reporting cycle."""
    person.manager = manager
    person.full_clean()
    person.save(update_fields=["manager", "updated_at"])
    return person


@dataclass(frozen=True)
class Deactivation:
    people: int
    accounts: int
    tokens: int
    sessions: int


class DeactivatesYourself(ValidationError):
    """A manager would close their own access (erasure excepted)."""


def deactivate_person(*, person: Person, by: User | None, reason: Departure | str) -> Deactivation:
    """The person left: see ``deactivate_people``."""
    return deactivate_people(people=[person], by=by, reason=reason)


@transaction.atomic
def deactivate_people(
    *, people: Iterable[Person], by: User | None, reason: Departure | str
) -> Deactivation:
    """Deactivate these people and close their access, in one transaction.

    Each person becomes inactive; their account (if any) is deactivated, so no password or
    single sign-on gets them in again; every API token of the account is revoked (by the
    receivers of ``signals.accounts_closed``) and every open session ended. One audit event
    per person says why and what was closed; the person's history (``PersonChange``) gains
    a "left" row when they were active (not for an erasure). Their pairs are not ended:
    pair health puts the running ones on the programme manager's at-risk list ("mentor left
    the company"), who ends or re-matches them. Deactivating someone already inactive closes
    whatever access was left, and records it again.

    Refuses (``DeactivatesYourself``) to deactivate ``by``'s own record, except for an
    erasure: a manager locked out by their own click needs another manager to come back.
    """
    ids = sorted({p.pk for p in people})
    if not ids:
        return Deactivation(0, 0, 0, 0)
    own = getattr(by, "person_id", None)
    if own in ids and reason != Departure.ERASURE:
        raise DeactivatesYourself(
            _("You cannot deactivate your own record: ask another programme manager.")
        )
    locked = list(Person.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if reason != Departure.ERASURE:  # an erasure is not news of leaving, and keeps no history
        record_presence(person_ids=[p.pk for p in locked if p.is_active], kind=ChangeKind.LEFT)
    Person.objects.filter(pk__in=ids).update(is_active=False, updated_at=timezone.now())
    accounts = dict(
        User.objects.select_for_update()
        .filter(person_id__in=ids)
        .order_by("pk")
        .values_list("person_id", "pk")
    )
    closed = set(
        User.objects.filter(pk__in=accounts.values(), is_active=True).values_list("pk", flat=True)
    )
    User.objects.filter(pk__in=closed).update(is_active=False)
    tokens = _revoke_credentials(user_ids=list(accounts.values()))
    sessions = end_sessions(user_ids=accounts.values())
    for person in locked:
        user_id = accounts.get(person.pk)
        record(
            event=Event.PERSON_DEACTIVATED,
            actor=by,
            target=person,
            details={
                "reason": str(reason),
                "account_closed": user_id in closed,
                "tokens_revoked": tokens.get(user_id, 0),
                "sessions_ended": sessions.get(user_id, 0),
            },
        )
    return Deactivation(
        people=len(locked),
        accounts=len(closed),
        tokens=sum(tokens.values()),
        sessions=sum(sessions.values()),
    )


def _revoke_credentials(*, user_ids: list[int]) -> Counter[int]:
    """What the apps above close for these accounts (API tokens, calendar feeds), per
    account: the sum of what every receiver of ``accounts_closed`` says it closed."""
    revoked: Counter[int] = Counter()
    for _receiver, closed in accounts_closed.send(sender=User, user_ids=user_ids):
        revoked.update(closed or {})
    return revoked


def reactivate_person(*, person: Person, by: User | None) -> int:
    """The person is back: see ``reactivate_people``."""
    return reactivate_people(people=[person], by=by)


@transaction.atomic
def reactivate_people(*, people: Iterable[Person], by: User | None) -> int:
    """Reactivate these people and reopen their accounts; returns how many were inactive.

    Only on a programme manager's explicit decision (the directory's button, or the box
    ticked when confirming an import). Revoked API tokens stay revoked. A receiver of
    ``signals.people_returning`` may refuse (ValidationError): an erased person cannot come
    back, their record is only a placeholder now.
    """
    ids = sorted({p.pk for p in people})
    locked = list(Person.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    people_returning.send(sender=Person, person_ids=ids)
    returning = [p for p in locked if not p.is_active]
    back = [p.pk for p in returning]
    Person.objects.filter(pk__in=back).update(is_active=True, updated_at=timezone.now())
    record_presence(person_ids=back, kind=ChangeKind.RETURNED)
    accounts = dict(
        User.objects.select_for_update()
        .filter(person_id__in=back, is_active=False)
        .values_list("person_id", "pk")
    )
    User.objects.filter(pk__in=accounts.values()).update(is_active=True)
    for person in returning:
        record(
            event=Event.PERSON_REACTIVATED,
            actor=by,
            target=person,
            details={"account_reopened": person.pk in accounts},
        )
    return len(returning)
