"""The SCIM provisioning settings page: the endpoint's address and its tokens.

A token's secret is shown once, on the page the creation redirects to; then only its
digest remains. Creating and revoking are audited by ``provisioning.tokens``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rementor.core.access import require_perm
from rementor.provisioning import tokens
from rementor.provisioning.models import ScimToken

PERM = "provisioning.manage_scim_tokens"


@require_GET
@require_perm(PERM)
def settings_page(request: HttpRequest) -> HttpResponse:
    context = {
        "tokens": ScimToken.objects.select_related("created_by__person"),
        "new_secret": request.session.pop(tokens.NEW_SECRET_KEY, None),
        "endpoint": request.build_absolute_uri(reverse("scim:root")),
    }
    return render(request, "provisioning/settings.html", context)


@require_POST
@require_perm(PERM)
def token_create(request: HttpRequest) -> HttpResponse:
    try:
        _token, secret = tokens.create_token(
            name=request.POST.get("name", ""), by=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("provisioning:settings")
    request.session[tokens.NEW_SECRET_KEY] = secret
    messages.success(request, _("Token created. Copy it now: it will not be shown again."))
    return redirect("provisioning:settings")


@require_POST
@require_perm(PERM)
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ScimToken, pk=pk)
    tokens.revoke_token(token=token, by=request.user, request=request)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("provisioning:settings")
