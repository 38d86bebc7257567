"""Which single sign-on protocols are on, what the sign-in button says, and who may still
sign in with a password — read from the settings (``rementor/settings/sso.py``), at call
time so that ``override_settings`` applies."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

# The rule lives in core (the sign-in form applies it); exported here with the other switches.
from rementor.core.auth_forms import password_sign_in_allowed

# Where each protocol's sign-in starts (a URL name in rementor/sso/urls.py, namespace "sso").
START_URLS = {"oidc": "sso:oidc_login", "saml": "sso:saml_login"}


def oidc_enabled() -> bool:
    return bool(getattr(settings, "RM_OIDC_ENABLED", False))


def saml_enabled() -> bool:
    return bool(getattr(settings, "RM_SAML_ENABLED", False))


def enabled_protocols() -> list[str]:
    """The protocols configured, OpenID Connect first (the order of the sign-in buttons)."""
    return [name for name, on in (("oidc", oidc_enabled()), ("saml", saml_enabled())) if on]


def company_name() -> str:
    return getattr(settings, "RM_SSO_COMPANY_NAME", "")


def button_label() -> str:
    name = company_name()
    if name:
        return _("Sign in with %(company)s") % {"company": name}
    return _("Sign in with your company account")


@dataclass(frozen=True)
class Button:
    protocol: str
    url: str
    label: str


def sign_in_buttons() -> list[Button]:
    """One button per protocol configured (two only when a company runs both)."""
    protocols = enabled_protocols()
    label = button_label()
    return [
        Button(
            protocol=protocol,
            url=reverse(START_URLS[protocol]),
            # Two buttons with one label would be a riddle: name the protocol then.
            label=label if len(protocols) == 1 else f"{label} ({_protocol_name(protocol)})",
        )
        for protocol in protocols
    ]


def _protocol_name(protocol: str) -> str:
    return {"oidc": "OpenID Connect", "saml": "SAML"}[protocol]


def check_someone_can_sign_in(app_configs=None, **kwargs) -> list:
    """System check: password sign-in off for participants with no single sign-on configured
    would leave them no way in."""
    from django.core.checks import Error

    if getattr(settings, "RM_PASSWORD_LOGIN", True) or enabled_protocols():
        return []
    return [
        Error(
            "RM_PASSWORD_LOGIN is false but no single sign-on is configured: participants "
            "could not sign in at all.",
            hint="Set RM_OIDC_CLIENT_ID (and the other RM_OIDC_* settings) or the RM_SAML_* "
            "settings, or leave RM_PASSWORD_LOGIN unset (docs/production.md).",
            id="rementor.sso.E001",
        )
    ]


__all__ = [
    "START_URLS",
    "Button",
    "button_label",
    "check_someone_can_sign_in",
    "company_name",
    "enabled_protocols",
    "oidc_enabled",
    "password_sign_in_allowed",
    "saml_enabled",
    "sign_in_buttons",
]
