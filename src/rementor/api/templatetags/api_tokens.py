"""The token section of the profile page (``api/includes/profile_tokens.html``)."""

from __future__ import annotations

from django import template

from rementor.api.models import ApiToken
from rementor.api.tokens import NEW_SECRET_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def api_tokens(context) -> dict:
    """The user's tokens, and the secret created just before — popped: shown once only."""
    request = context["request"]
    new = request.session.pop(NEW_SECRET_KEY, None)
    return {
        "tokens": ApiToken.objects.filter(user=request.user),
        "new_secret": new["secret"] if new else "",
        "new_id": new["id"] if new else None,
    }
