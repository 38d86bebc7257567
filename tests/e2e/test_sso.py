"""Single sign-on in a browser on a phone (390 px): the "Sign in with <company>" button
goes to a real OpenID provider started by the test and back, signed in; someone HR did not
import gets the refusal page. Both pages fit the screen, pass axe and the CSP."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

from tests.e2e.axe import axe_violations, blocking, describe
from tests.e2e.conftest import PHONE
from tests.factories import UserFactory
from tests.rementor.sso.oidc_provider import CLIENT_ID, CLIENT_SECRET, RunningProvider

BUTTON = {"fr": "Se connecter avec Acme", "en": "Sign in with Acme"}
UNKNOWN = {
    "fr": "Rementor ne connaît pas votre compte d’entreprise",
    "en": "Your company account is not known to Rementor",
}


@pytest.fixture
def provider(live_server, settings):
    running = RunningProvider(redirect_uri=f"{live_server.url}/sso/oidc/callback/")
    provider = running.provider
    settings.RM_OIDC_ENABLED = True
    settings.RM_SSO_COMPANY_NAME = "Acme"
    settings.RM_PASSWORD_LOGIN = False
    settings.RM_OIDC_ISSUER = provider.url
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider.url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider.url}/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider.url}/jwks"
    yield provider
    running.stop()


def fits_and_is_accessible(page, where: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], where
    violations = blocking(axe_violations(page, static_url=django_settings.STATIC_URL))
    assert not violations, describe(violations, where=where)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_sso_sign_in_on_a_phone(transactional_db, live_server, phone, provider, language):
    user = UserFactory(email="ana@example.org", language=language)
    provider.sign_in_as(email="ana@example.org", email_verified=True)
    errors = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    phone.goto(f"{live_server.url}/accounts/login/?next=/account/")
    fits_and_is_accessible(phone, "sign-in page")
    phone.get_by_role("link", name=BUTTON[language]).click()
    phone.wait_for_url(f"{live_server.url}/account/")
    assert phone.get_by_test_id("signed-in-as").inner_text() == user.display_name
    assert not [e for e in errors if "Content Security Policy" in e]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_sso_unknown_person_sees_why_on_a_phone(
    transactional_db, live_server, phone, provider, language
):
    provider.sign_in_as(email="stranger@example.org", email_verified=True)
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.get_by_role("link", name=BUTTON[language]).click()
    phone.wait_for_url(f"{live_server.url}/sso/oidc/callback/**")
    assert UNKNOWN[language] in phone.get_by_role("heading", level=1).inner_text()
    fits_and_is_accessible(phone, "refusal page")
    phone.get_by_role(
        "link",
        name={"fr": "Retour à la page de connexion", "en": "Back to the sign-in page"}[language],
    ).click()
    phone.wait_for_url(f"{live_server.url}/accounts/login/")
