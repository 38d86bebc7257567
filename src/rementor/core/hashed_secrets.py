"""Secrets a person holds and Rementor keeps only as a digest: API tokens, calendar feed
addresses. One way to make them, find them and revoke them, whatever the model (each has
``user``, ``prefix``, ``digest``, ``last_used_at`` and ``revoked_at``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db.models import Count, Model, QuerySet
from django.utils import timezone


def digest_of(secret: str) -> str:
    """SHA-256 of the secret. ``surrogatepass``: a hostile address may carry a lone surrogate,
    which must hash (and match nothing) rather than fail."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def new_secret(prefix: str) -> str:
    """A fresh secret: a prefix that tells what a leaked string is (secret scanners can match
    it), then 32 random bytes."""
    return prefix + secrets.token_urlsafe(32)


def live_for(rows: QuerySet, secret: str, *, touch_every: dt.timedelta) -> Model | None:
    """The unrevoked row of ``rows`` matching ``secret`` whose owner may still sign in (account
    active, employee record not inactive), else None; its ``last_used_at`` is written at most
    every ``touch_every`` (writing on every use would turn each read into a write).

    Looked up by digest: comparing hashes through an index leaks nothing useful by timing."""
    row = (
        rows.select_related("user__person")
        .filter(digest=digest_of(secret), revoked_at__isnull=True, user__is_active=True)
        .exclude(user__person__is_active=False)
        .first()
    )
    if row is not None:
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at > touch_every:
            type(row).objects.filter(pk=row.pk).update(last_used_at=now)
            row.last_used_at = now
    return row


def revoke_live(rows: QuerySet) -> dict[int, int]:
    """Revoke every unrevoked row of ``rows``; how many, per account. The caller holds the
    transaction and records the audit event."""
    live = rows.filter(revoked_at__isnull=True)
    counts = dict(
        live.values("user_id").annotate(n=Count("pk")).order_by().values_list("user_id", "n")
    )
    live.update(revoked_at=timezone.now())
    return counts
