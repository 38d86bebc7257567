"""SAML sign-in in a browser on a phone (390 px): the "Sign in with <company>" button goes
to a real pysaml2 identity provider started by the test, whose auto-posting form brings the
browser back signed in; someone HR did not import gets the refusal page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.e2e.conftest import PHONE
from tests.factories import PersonFactory, UserFactory
from tests.rementor.sso.saml_idp import IdentityProvider, LiveIdentityProvider

BUTTON = {"fr": "Se connecter avec Acme", "en": "Sign in with Acme"}
UNKNOWN = {
    "fr": "Rementor ne connaît pas votre compte d’entreprise",
    "en": "Your company account is not known to Rementor",
}


@pytest.fixture
def idp(live_server, settings, tmp_path):
    settings.RM_SITE_URL = live_server.url
    settings.RM_SSO_COMPANY_NAME = "Acme"
    # Plain http in tests: a browser drops a SameSite=None cookie that is not Secure. The IdP
    # is served on the same host name, so its POST back is same-site and a Lax cookie comes
    # with it (production: https, SameSite=None; Secure).
    settings.SAML_SESSION_COOKIE_SAMESITE = "Lax"
    provider = IdentityProvider(
        folder=tmp_path,
        email_attribute=settings.RM_SAML_EMAIL_ATTRIBUTE,
        employee_id_attribute=settings.RM_SAML_EMPLOYEE_ID_ATTRIBUTE,
    )
    with LiveIdentityProvider(provider, host="localhost"):
        settings.RM_SAML_IDP_METADATA_URL = ""
        settings.RM_SAML_IDP_METADATA_FILE = str(provider.metadata_file())
        settings.RM_SAML_ENABLED = True
        provider.trust(Client().get(reverse("sso:saml_metadata")).content.decode())
        yield provider


@pytest.mark.parametrize("language", ["fr", "en"])
def test_saml_sign_in_on_a_phone(transactional_db, live_server, phone, idp, language):
    person = PersonFactory(email="ana@example.org", employee_id="000777")
    user = UserFactory(email=person.email, person=person, language=language)
    idp.user = {"email": "ana@example.org", "employee_id": "000777"}

    phone.goto(f"{live_server.url}/accounts/login/?next=/account/")
    phone.get_by_role("link", name=BUTTON[language]).click()
    phone.wait_for_url(f"{live_server.url}/account/")
    assert phone.get_by_test_id("signed-in-as").inner_text() == user.display_name
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_saml_unknown_person_sees_why_on_a_phone(
    transactional_db, live_server, phone, idp, language
):
    idp.user = {"email": "stranger@example.org"}
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.get_by_role("link", name=BUTTON[language]).click()
    phone.wait_for_url(f"{live_server.url}/sso/saml/acs/")
    assert UNKNOWN[language] in phone.get_by_role("heading", level=1).inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
