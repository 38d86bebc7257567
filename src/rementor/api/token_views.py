"""Creating and revoking personal API tokens, from the profile page (``privacy:profile``).

The secret is shown once, on the page the creation redirects to, then only its digest
remains: nobody — not even its owner — can read it again.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rementor.api import tokens
from rementor.api.models import ApiToken
from rementor.audit.events import Event, record


def _profile() -> str:
    return reverse("privacy:profile") + "#api-tokens"


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    try:
        token, secret = tokens.create_token(user=request.user, name=request.POST.get("name", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_profile())
    record(
        event=Event.API_TOKEN_CREATED,
        request=request,
        target=token,
        details={"token_id": token.pk, "prefix": token.prefix},
    )
    request.session[tokens.NEW_SECRET_KEY] = {"id": token.pk, "secret": secret}
    messages.success(request, _("Token created. Copy it now: it will not be shown again."))
    return redirect(_profile())


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    # Someone else's token does not exist for you.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    was_active = token.is_active
    tokens.revoke_token(token=token, by=request.user)
    if was_active:
        record(
            event=Event.API_TOKEN_REVOKED,
            request=request,
            target=token,
            details={"token_id": token.pk, "prefix": token.prefix},
        )
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect(_profile())
