"""The pages of single sign-on: the refusal page (shared by OpenID Connect and SAML) and the
OpenID Connect start and return addresses."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from rementor.audit.events import Event, record
from rementor.core.security import rate_limited
from rementor.sso import config, oidc
from rementor.sso.identities import SIGN_IN_BACKEND, Reason, SignInRefused, refusal
from rementor.sso.refusals import message_for


def refusal_page(request: HttpRequest, *, refusal: SignInRefused) -> HttpResponse:
    """The translated page saying why a single sign-on was refused and what to do (403).

    Called by the protocol views with the ``SignInRefused`` they caught; a refusal that is
    not yet in the trail (raised without ``identities.refusal``) is recorded here.
    """
    if not refusal.audited:
        record(
            event=Event.SSO_REFUSED,
            request=request,
            details={"protocol": refusal.protocol, "reason": refusal.reason},
        )
        refusal.audited = True
    title, text = message_for(refusal.reason)
    context = {"title": title, "text": text, "reason": refusal.reason}
    return render(request, "sso/refused.html", context, status=403)


# --- OpenID Connect ---------------------------------------------------------------------------
# Both addresses are open to visitors (they are how one signs in) and braked per client
# address (RM_RATE_LIMITS["sso-ip"]); there is no password here for django-axes to count.


@login_not_required
@rate_limited("sso-ip", key="ip")
def oidc_login(request: HttpRequest) -> HttpResponse:
    """Send the person to the company's provider (state, nonce and PKCE in the session)."""
    if not config.oidc_enabled():
        return refusal_page(
            request, refusal=refusal(protocol="oidc", reason=Reason.DISABLED, request=request)
        )
    return OIDCAuthenticationRequestView.as_view()(request)


@login_not_required
@rate_limited("sso-ip", key="ip")
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """Where the provider sends the person back (the redirect URI registered with it)."""
    if not config.oidc_enabled():
        return refusal_page(
            request, refusal=refusal(protocol="oidc", reason=Reason.DISABLED, request=request)
        )
    try:
        user = oidc.callback_user(request)
    except SignInRefused as exc:
        return refusal_page(request, refusal=exc)
    return sign_in(request, user=user, next_url=request.session.pop("oidc_login_next", None))


def sign_in(request: HttpRequest, *, user, next_url: str | None) -> HttpResponse:
    """Sign ``user`` in (a new session key, the session limits' clock started, the trail's
    "signed in") and go on to ``next_url`` when it is one of ours, else the home page.
    Shared by both protocols."""
    login(request, user, backend=SIGN_IN_BACKEND)
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect(settings.LOGIN_REDIRECT_URL)
