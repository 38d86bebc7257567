"""OpenID Connect, authorization code flow with PKCE, on mozilla-django-oidc.

The library sends the person to the provider (``OIDCAuthenticationRequestView``: state,
nonce and PKCE verifier kept in the session), exchanges the code for tokens and fetches
the provider's signing keys (JWKS). We check more than it does: the ID token's signature
*and* its audience (our client ID, and ``azp`` when there are several), its issuer, its
expiry and issue time (with ``RM_OIDC_LEEWAY_SECONDS``), and its nonce; the state is used
once and for ``OIDC_AUTHENTICATION_STATE_TTL`` seconds at most. Each failure is refused
with its own reason code and audited (``identities.refusal``), then the claims go to the
rule shared with SAML, ``identities.identity_user``.

The account is then signed in with the e-mail backend (``identities.SIGN_IN_BACKEND``), so
the session is checked on every request like a password session; this backend is never in
``AUTHENTICATION_BACKENDS`` (it only runs on the callback, so ``authenticate()`` from the
password form never reaches it, and django-axes never counts an SSO attempt as a password
failure).
"""

from __future__ import annotations

import time

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from rementor.people.models import User
from rementor.sso.identities import Reason, identity_user, refusal

PROTOCOL = "oidc"
_TRUE = {"true", "1", "yes"}


def _reason_of(exc: jwt.InvalidTokenError) -> str:
    if isinstance(exc, jwt.InvalidAudienceError | jwt.InvalidIssuerError):
        return Reason.WRONG_AUDIENCE
    if isinstance(
        exc, jwt.ExpiredSignatureError | jwt.ImmatureSignatureError | jwt.InvalidIssuedAtError
    ):
        return Reason.EXPIRED
    return Reason.INVALID_TOKEN


class RementorOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with every claim check and our identity rule."""

    def _refuse(self, reason: str, detail: str = ""):
        return refusal(protocol=PROTOCOL, reason=reason, request=self.request, detail=detail)

    def _verify_jws(self, payload, key):
        try:
            alg = jwt.get_unverified_header(payload).get("alg")
        except jwt.InvalidTokenError as exc:
            raise self._refuse(Reason.INVALID_TOKEN, type(exc).__name__) from exc
        if alg != self.OIDC_RP_SIGN_ALGO:
            # Never "none", never a symmetric algorithm keyed with a public key.
            raise self._refuse(Reason.INVALID_TOKEN, f"alg {str(alg)[:10]}")
        try:
            claims = jwt.decode(
                payload,
                key,
                algorithms=[alg],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.RM_OIDC_ISSUER,
                leeway=settings.RM_OIDC_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as exc:
            raise self._refuse(_reason_of(exc), type(exc).__name__) from exc
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise self._refuse(Reason.WRONG_AUDIENCE, "azp")
        return claims

    def verify_token(self, token, **kwargs):
        if not token:
            raise self._refuse(Reason.INVALID_TOKEN, "no id_token")
        try:
            return self._verified_claims(token, nonce=kwargs.get("nonce"))
        except SuspiciousOperation as exc:
            # The library's own refusals: no key of the JWKS matches the token's.
            raise self._refuse(Reason.INVALID_TOKEN, "jwks") from exc
        except jwt.InvalidTokenError as exc:
            raise self._refuse(Reason.INVALID_TOKEN, type(exc).__name__) from exc

    def _verified_claims(self, token, *, nonce):
        if self.OIDC_RP_SIGN_ALGO.startswith(("RS", "ES", "PS")):
            key = self.OIDC_RP_IDP_SIGN_KEY or self.retrieve_matching_jwk(token)
        else:
            key = self.OIDC_RP_CLIENT_SECRET
        claims = self._verify_jws(token, key)
        if claims.get("nonce") != nonce:
            # A token issued for another sign-in (replayed, or injected into this one).
            raise self._refuse(Reason.REPLAY, "nonce")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        verified = payload.get(settings.RM_OIDC_EMAIL_VERIFIED_CLAIM)
        email_ok = verified is True or str(verified).strip().lower() in _TRUE
        claim = settings.RM_OIDC_EMPLOYEE_ID_CLAIM
        employee_id = payload.get(claim) if claim else None
        return identity_user(
            protocol=PROTOCOL,
            email=payload.get("email") if email_ok else None,
            employee_id=str(employee_id) if employee_id not in (None, "") else None,
            request=self.request,
            first_name=str(payload.get("given_name") or ""),
            last_name=str(payload.get("family_name") or ""),
        )

    def authenticate(self, request, **kwargs):
        self.request = request
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as exc:
            # The token or JWKS endpoint refused (a used or wrong code) or is unreachable.
            raise self._refuse(Reason.PROVIDER_ERROR, type(exc).__name__) from exc


def callback_user(request: HttpRequest) -> User:
    """The account the provider's answer on the callback address signs in, or
    ``SignInRefused`` (already audited)."""

    def refuse(reason: str, detail: str = ""):
        return refusal(protocol=PROTOCOL, reason=reason, request=request, detail=detail)

    state = request.GET.get("state", "")
    states = request.session.get("oidc_states")
    entry = None
    if state and isinstance(states, dict) and state in states:
        # Used once, whatever happens next.
        entry = states.pop(state)
        request.session.modified = True
    if request.GET.get("error"):
        raise refuse(Reason.PROVIDER_ERROR, request.GET["error"][:40])
    if entry is None:
        raise refuse(Reason.REPLAY, "state")
    if time.time() - entry.get("added_on", 0) > settings.OIDC_AUTHENTICATION_STATE_TTL:
        raise refuse(Reason.EXPIRED, "state")
    if not request.GET.get("code"):
        raise refuse(Reason.INVALID_TOKEN, "no code")
    user = RementorOIDCBackend().authenticate(
        request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
    )
    if user is None:
        raise refuse(Reason.INVALID_TOKEN)
    return user
