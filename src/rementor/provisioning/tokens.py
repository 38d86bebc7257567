"""Every write on SCIM tokens: create (the secret is returned once), revoke, and look up.

Each write is audited here, whoever asks (the settings page or ``python -m rementor
scim_token``): a token opens the people directory to a machine."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.audit.events import Event, record
from rementor.core.hashed_secrets import digest_of, new_secret
from rementor.provisioning.models import ScimToken

# "rms_" tells a leaked string is a Rementor SCIM token (secret scanners can match it).
SECRET_PREFIX = "rms_"
PREFIX_LENGTH = 12
# Writing "last used" on every request would turn each read into a write.
LAST_USED_PRECISION = dt.timedelta(minutes=1)
# Session key of the secret just created: the settings page shows it once, then forgets it.
NEW_SECRET_KEY = "scim_token_secret"


@transaction.atomic
def create_token(*, name: str, by=None, request=None) -> tuple[ScimToken, str]:
    """A new token; returns it with its secret, which is never stored or shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            {"name": _("Give the token a name, e.g. the identity provider that uses it.")}
        )
    if len(name) > 100:
        raise ValidationError({"name": _("Keep the name under 100 characters.")})
    secret = new_secret(SECRET_PREFIX)
    token = ScimToken.objects.create(
        name=name,
        prefix=secret[:PREFIX_LENGTH],
        digest=digest_of(secret),
        created_by=by if getattr(by, "pk", None) else None,
    )
    record(
        event=Event.SCIM_TOKEN_CREATED,
        actor=by,
        request=request,
        target=token,
        details={"token_id": token.pk, "prefix": token.prefix},
    )
    return token, secret


@transaction.atomic
def revoke_token(*, token: ScimToken, by=None, request=None) -> bool:
    """Revoke ``token`` at once; whether it was live (revoking twice changes nothing)."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        event=Event.SCIM_TOKEN_REVOKED,
        actor=by,
        request=request,
        target=token,
        details={"token_id": token.pk, "prefix": token.prefix},
    )
    return True


def live_token_for(secret: str) -> ScimToken | None:
    """The unrevoked token matching ``secret``, else None; its ``last_used_at`` is written
    at most once a minute.

    Looked up by digest: comparing hashes through an index leaks nothing useful by timing.
    Unlike ``core.hashed_secrets.live_for``, no owner's account is checked: the token is the
    company's, and stays live until a manager revokes it."""
    if not secret.startswith(SECRET_PREFIX):
        return None
    token = ScimToken.objects.filter(digest=digest_of(secret), revoked_at__isnull=True).first()
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            ScimToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
    return token
