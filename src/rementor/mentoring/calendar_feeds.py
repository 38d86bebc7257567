"""Personal calendar feeds: each participant subscribes once, with a secret address, and
every session of theirs appears in Outlook, Google Calendar or Apple Calendar, moved and
cancelled there as it is here.

Only a digest of the secret is stored (as for API tokens): the address is shown once, when it
is made; replacing it revokes the old one. A feed closes with its owner's account (they leave
the company, or are erased: ``people.signals.accounts_closed``). What a feed holds is
``calendar.feed_ics``: when, where, with whom — never an agenda, a note or a pulse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from rementor.core.hashed_secrets import digest_of, live_for, new_secret, revoke_live
from rementor.mentoring.models import CalendarFeed, MentoringSession
from rementor.mentoring.queries import member_of
from rementor.people.models import User

# Session key of the address just made: the replace view puts it there, the account page's
# calendar section pops it (a secret is shown once only).
NEW_FEED_KEY = "calendar_feed_secret"

# "rmc_" tells a leaked string is a Rementor calendar link (secret scanners can match it).
SECRET_PREFIX = "rmc_"
PREFIX_LENGTH = 10
# Writing "last read" on every poll would turn each read into a write.
LAST_USED_PRECISION = dt.timedelta(minutes=10)
# The feed holds sessions from this long ago onwards (and every later one): calendars keep
# what they already showed, and a long past only slows every poll.
PAST_DAYS = 90


@transaction.atomic
def replace_feed(*, user: User) -> tuple[CalendarFeed, str, CalendarFeed | None]:
    """A new feed address for ``user``, revoking the live one if any (the old address answers
    404 from now on). Returns (new feed, its secret — never stored or shown again, the
    revoked feed or None)."""
    # Two clicks at once: the second waits, then revokes the first one's feed.
    User.objects.select_for_update().filter(pk=user.pk).first()
    old = CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()
    if old is not None:
        old.revoked_at = timezone.now()
        old.save(update_fields=["revoked_at"])
    secret = new_secret(SECRET_PREFIX)
    feed = CalendarFeed.objects.create(
        user=user, prefix=secret[:PREFIX_LENGTH], digest=digest_of(secret)
    )
    return feed, secret, old


@transaction.atomic
def revoke_feed(*, user: User) -> CalendarFeed | None:
    """Stop ``user``'s feed: its address answers 404 from now on. Returns the revoked feed,
    or None when there was none (stopping twice changes nothing)."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    feed = feed.first()
    if feed is not None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
    return feed


def revoke_feeds_of(*, user_ids: Iterable[int]) -> dict[int, int]:
    """Revoke the feeds of these accounts (closed); how many, per account. The caller holds
    the transaction and records the audit event."""
    return revoke_live(CalendarFeed.objects.filter(user_id__in=list(user_ids)))


def live_feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_for(secret: str) -> CalendarFeed | None:
    """The live feed matching ``secret`` whose owner may still sign in, else None.

    Always one look-up by digest, whatever the string (unknown, revoked, malformed): the
    answer takes the same path, and comparing hashes through an index leaks nothing useful
    by timing. An owner whose account or employee record is inactive (they left, or were
    erased) gets nothing, even if a feed were somehow still live."""
    feed = live_for(CalendarFeed.objects.all(), secret, touch_every=LAST_USED_PRECISION)
    if feed is not None and feed.user.person_id is None:
        return None
    return feed


def feed_sessions(user: User) -> QuerySet[MentoringSession]:
    """The sessions in ``user``'s feed: every session of the pairs they are a member of,
    whatever its status, from ``PAST_DAYS`` ago on; one query, whatever their number.
    A group session is one event: a mentor of several of its pairs gets its first session
    only (the one their invitation was for)."""
    since = timezone.now() - dt.timedelta(days=PAST_DAYS)
    mine = member_of(user, prefix="pair__")
    earlier_of_group = MentoringSession.objects.filter(
        mine, group_key=OuterRef("group_key"), pk__lt=OuterRef("pk")
    )
    return (
        MentoringSession.objects.filter(mine, starts_at__gte=since)
        .exclude(Exists(earlier_of_group))
        .select_related("pair__programme", "pair__mentee__person", "pair__mentor__person")
        # Never read what a feed must not hold: a slip would show as an extra query a session.
        .defer("agenda", "shared_notes")
        .order_by("starts_at", "pk")
    )
