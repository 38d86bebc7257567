"""Single sign-on settings (rementor.sso): which protocols are on, the company's name on the
sign-in button, whether participants may still sign in with a password, and OpenID Connect.

All of it comes from the environment; docs/production.md "Single sign-on" gives the values
to paste into Microsoft Entra ID and Okta. With nothing set, sign-in is by password only.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from rementor.settings.env import envbool, envint, envstr

# "Sign in with <company>" on the sign-in page (empty: "Sign in with your company account").
RM_SSO_COMPANY_NAME = envstr("RM_SSO_COMPANY_NAME", "").strip()
# Off: participants sign in through single sign-on only; programme managers (and
# administrators) keep their password as a break-glass account, should the identity
# provider be down or misconfigured.
RM_PASSWORD_LOGIN = envbool("RM_PASSWORD_LOGIN", True)

# --- OpenID Connect (mozilla-django-oidc) ----------------------------------------------------
RM_OIDC_CLIENT_ID = envstr("RM_OIDC_CLIENT_ID", "").strip()
RM_OIDC_ENABLED = bool(RM_OIDC_CLIENT_ID)
# The provider's "issuer" (the `iss` of its ID tokens); every token must name it.
RM_OIDC_ISSUER = envstr("RM_OIDC_ISSUER", "").strip()
# Which claim holds the employee ID the HRIS import knows (empty: match by e-mail only), and
# which claim says the e-mail address is verified (Okta, Google, Keycloak: email_verified;
# Entra ID: xms_edov, an optional claim). An unverified address is never used to match.
RM_OIDC_EMPLOYEE_ID_CLAIM = envstr("RM_OIDC_EMPLOYEE_ID_CLAIM", "").strip()
RM_OIDC_EMAIL_VERIFIED_CLAIM = envstr("RM_OIDC_EMAIL_VERIFIED_CLAIM", "email_verified").strip()
# Seconds of clock difference tolerated between the provider and us (token expiry, issue time).
RM_OIDC_LEEWAY_SECONDS = envint("RM_OIDC_LEEWAY_SECONDS", 60)

OIDC_RP_CLIENT_ID = RM_OIDC_CLIENT_ID
OIDC_RP_CLIENT_SECRET = envstr("RM_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = envstr("RM_OIDC_AUTHORIZATION_ENDPOINT", "").strip()
OIDC_OP_TOKEN_ENDPOINT = envstr("RM_OIDC_TOKEN_ENDPOINT", "").strip()
OIDC_OP_JWKS_ENDPOINT = envstr("RM_OIDC_JWKS_ENDPOINT", "").strip()
# Claims are read from the signed ID token; the user-info endpoint is not called.
OIDC_OP_USER_ENDPOINT = ""
OIDC_RP_SIGN_ALGO = envstr("RM_OIDC_SIGN_ALGO", "RS256").strip()
OIDC_RP_SCOPES = envstr("RM_OIDC_SCOPES", "openid email profile").strip()
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:oidc_callback"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_TIMEOUT = envint("RM_OIDC_TIMEOUT_SECONDS", 10)
# A sign-in started but not finished within this time is refused (its state is forgotten).
OIDC_AUTHENTICATION_STATE_TTL = 600  # not read by the library: rementor.sso.oidc checks it
OIDC_MAX_STATES = 20
if RM_OIDC_ENABLED:
    missing = [
        name
        for name, value in {
            "RM_OIDC_CLIENT_SECRET": OIDC_RP_CLIENT_SECRET,
            "RM_OIDC_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,
            "RM_OIDC_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,
            "RM_OIDC_JWKS_ENDPOINT": OIDC_OP_JWKS_ENDPOINT,
            "RM_OIDC_ISSUER": RM_OIDC_ISSUER,
        }.items()
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            f"RM_OIDC_CLIENT_ID is set, so OpenID Connect is on; it also needs {', '.join(missing)}"
            " (docs/production.md, Single sign-on)."
        )
