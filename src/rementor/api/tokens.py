"""Every write on API tokens: create (the secret is returned once), revoke, and look up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.api.models import ApiToken
from rementor.core.hashed_secrets import digest_of, live_for, new_secret, revoke_live

# Session key of the secret just created: the create page puts it there, the profile page's
# token section pops it (a secret is shown once only).
NEW_SECRET_KEY = "api_token_secret"

# "rmt_" tells a leaked string is a Rementor token (secret scanners can match it).
SECRET_PREFIX = "rmt_"
PREFIX_LENGTH = 12
# Writing "last used" on every request would turn each read into a write.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


@transaction.atomic
def create_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with its secret, which is never stored or shown
    again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the tool that uses it.")})
    if len(name) > 100:
        raise ValidationError({"name": _("Keep the name under 100 characters.")})
    secret = new_secret(SECRET_PREFIX)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[:PREFIX_LENGTH], digest=digest_of(secret)
    )
    return token, secret


@transaction.atomic
def revoke_token(*, token: ApiToken, by) -> ApiToken:
    """Revoke one of ``by``'s tokens; revoking twice changes nothing."""
    if token.user_id != by.pk:
        raise ValidationError(_("This token is not yours."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def revoke_tokens_of(*, user_ids: Iterable[int]) -> dict[int, int]:
    """Revoke every token of these accounts (deactivated); how many, per account.

    The caller holds the transaction and records the audit event."""
    return revoke_live(ApiToken.objects.filter(user_id__in=list(user_ids)))


def active_token_for(secret: str) -> ApiToken | None:
    """The unrevoked token of an active user matching ``secret``, else None.

    Looked up by digest: comparing hashes through an index leaks nothing useful by timing.
    A token whose owner's employee record is inactive (they left) is refused too, even if
    the account were still active.
    """
    if not secret.startswith(SECRET_PREFIX):
        return None
    return live_for(ApiToken.objects.all(), secret, touch_every=LAST_USED_PRECISION)
