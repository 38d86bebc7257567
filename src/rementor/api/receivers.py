"""The API's part when someone leaves: their tokens are revoked with their account."""

from __future__ import annotations

from django.dispatch import receiver

from rementor.api.tokens import revoke_tokens_of
from rementor.people.signals import accounts_closed


@receiver(accounts_closed, dispatch_uid="api.revoke_tokens_of_closed_accounts")
def revoke_tokens_of_closed_accounts(*, user_ids: list[int], **kwargs) -> dict[int, int]:
    """Inside the deactivation's transaction: every token of these accounts, revoked."""
    return revoke_tokens_of(user_ids=user_ids)
