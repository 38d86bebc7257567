"""OpenID Connect against a real provider started by the test (``oidc_provider``): the
authorization code flow with PKCE over HTTP, every refusal with its translated page and its
audit entry."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from rementor.people.models import Person, User
from tests.factories import PersonFactory, UserFactory
from tests.rementor.sso.oidc_provider import CLIENT_ID, CLIENT_SECRET, RunningProvider

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/sso/oidc/callback/"


@pytest.fixture(scope="module")
def running():
    running = RunningProvider(redirect_uri=CALLBACK)
    yield running
    running.stop()


@pytest.fixture
def provider(running, settings):
    provider = running.provider
    provider.tamper = None
    provider.claims = {}
    settings.RM_OIDC_ENABLED = True
    settings.RM_SSO_COMPANY_NAME = "Acme"
    settings.RM_OIDC_ISSUER = provider.url
    settings.RM_OIDC_EMPLOYEE_ID_CLAIM = "employee_id"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider.url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider.url}/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider.url}/jwks"
    return provider


def start(client: Client, next_url: str = "") -> str:
    """Press "Sign in with Acme"; the provider authorises at once: Rementor's return URL."""
    url = reverse("sso:oidc_login") + (f"?next={next_url}" if next_url else "")
    to_provider = client.get(url)
    assert to_provider.status_code == 302
    back = requests.get(to_provider["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text
    assert back.headers["Location"].startswith(CALLBACK)
    return back.headers["Location"]


def come_back(client: Client, location: str, language: str = "fr"):
    parts = urlsplit(location)
    return client.get(f"{parts.path}?{parts.query}", HTTP_ACCEPT_LANGUAGE=language)


def sign_in(client: Client, next_url: str = "", language: str = "fr"):
    return come_back(client, start(client, next_url), language)


def signed_in_user(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def last_event(code: str) -> LogEntry:
    entries = [
        e for e in LogEntry.objects.order_by("pk") if (e.additional_data or {}).get("event") == code
    ]
    assert entries, f"no {code} in the trail"
    return entries[-1]


def assert_refused(response, reason: str, french: str) -> None:
    assert response.status_code == 403
    html = response.content.decode()
    assert f'data-reason="{reason}"' in html
    assert french in html
    entry = last_event("sso_refused")
    assert entry.additional_data["reason"] == reason
    assert entry.additional_data["protocol"] == "oidc"


# --- success --------------------------------------------------------------------------------


def test_oidc_known_person_by_email_is_signed_in(provider):
    user = UserFactory(email="ana@example.org")
    provider.sign_in_as(email="ANA@example.org", email_verified=True)
    client = Client()
    response = sign_in(client)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert signed_in_user(client) == str(user.pk)
    assert last_event("sso_sign_in").additional_data == {
        "event": "sso_sign_in",
        "protocol": "oidc",
        "matched_by": "email",
    }
    assert last_event("login").actor == user
    # The session limits' clock is started, as for a password sign-in.
    assert "rm_signed_in_at" in client.session
    assert client.get(reverse("home")).status_code == 200


def test_oidc_known_person_by_employee_id_gets_an_account(provider):
    person = PersonFactory(employee_id="000123", email="bo@example.org")
    # No verified e-mail: only the employee ID can match.
    provider.sign_in_as(email="someone-else@example.org", employee_id="000123")
    client = Client()
    assert sign_in(client).status_code == 302
    user = User.objects.get(person=person)
    assert signed_in_user(client) == str(user.pk)
    assert last_event("sso_sign_in").additional_data["matched_by"] == "employee_id"


def test_oidc_goes_back_to_the_page_asked_for(provider):
    UserFactory(email="ana@example.org")
    provider.sign_in_as(email="ana@example.org", email_verified=True)
    assert sign_in(Client(), next_url="/skills/")["Location"] == "/skills/"


def test_oidc_never_goes_back_to_another_site(provider):
    UserFactory(email="ana@example.org")
    provider.sign_in_as(email="ana@example.org", email_verified=True)
    assert sign_in(Client(), next_url="https://evil.example.com/")["Location"] == reverse("home")


# --- refusals -------------------------------------------------------------------------------


def test_oidc_unknown_person_is_refused_and_no_account_made(provider):
    provider.sign_in_as(email="stranger@example.org", email_verified=True, employee_id="999")
    client = Client()
    response = sign_in(client)
    assert_refused(response, "unknown", "Rementor ne connaît pas votre compte d’entreprise")
    assert "Demandez aux RH" in response.content.decode()
    assert signed_in_user(client) is None
    assert not User.objects.filter(email="stranger@example.org").exists()
    assert not Person.objects.filter(email="stranger@example.org").exists()


def test_oidc_unknown_person_page_in_english(provider):
    provider.sign_in_as(email="stranger@example.org", email_verified=True)
    response = sign_in(Client(), language="en")
    assert "Your company account is not known to Rementor" in response.content.decode()
    assert "ask HR" in response.content.decode().replace("Ask HR", "ask HR")


def test_oidc_unverified_email_does_not_match(provider):
    UserFactory(email="ana@example.org")
    provider.sign_in_as(email="ana@example.org", email_verified=False)
    response = sign_in(Client())
    assert_refused(response, "no_identity", "ni adresse e-mail vérifiée ni matricule")


def test_oidc_deactivated_person_is_refused(provider):
    user = UserFactory(email="left@example.org")
    Person.objects.filter(pk=user.person_id).update(is_active=False)
    provider.sign_in_as(email="left@example.org", email_verified=True)
    client = Client()
    response = sign_in(client)
    assert_refused(response, "deactivated", "Votre compte est désactivé")
    assert signed_in_user(client) is None


@pytest.mark.parametrize(
    ("tamper", "reason", "check", "french"),
    [
        ("bad_signature", "invalid_token", "InvalidSignatureError", "n’a pas pu être vérifiée"),
        ("wrong_audience", "wrong_audience", "InvalidAudienceError", "une autre application"),
        ("wrong_issuer", "wrong_audience", "InvalidIssuerError", "une autre application"),
        ("expired", "expired", "ExpiredSignatureError", "La connexion a pris trop de temps"),
    ],
)
def test_oidc_bad_token_is_refused(provider, tamper, reason, check, french):
    UserFactory(email="ana@example.org")
    provider.sign_in_as(email="ana@example.org", email_verified=True)
    provider.tamper = tamper
    client = Client()
    assert_refused(sign_in(client), reason, french)
    # The check that caught it, for the administrator reading the trail.
    assert last_event("sso_refused").additional_data["detail"] == check
    assert signed_in_user(client) is None


def test_oidc_replayed_return_address_is_refused(provider):
    UserFactory(email="ana@example.org")
    provider.sign_in_as(email="ana@example.org", email_verified=True)
    client = Client()
    location = start(client)
    assert come_back(client, location).status_code == 302
    # The same answer again (a back button, a stolen URL), in another browser or the same.
    for other in (Client(), client):
        response = come_back(other, location)
        assert_refused(response, "replay", "Ce lien de connexion a déjà servi")


def test_oidc_replayed_id_token_nonce_is_refused(provider):
    UserFactory(email="ana@example.org")
    provider.sign_in_as(email="ana@example.org", email_verified=True)
    assert sign_in(Client()).status_code == 302
    # The provider (or someone in between) hands over a token minted for an earlier sign-in.
    provider.tamper = "old_nonce"
    client = Client()
    assert_refused(sign_in(client), "replay", "Ce lien de connexion a déjà servi")
    assert signed_in_user(client) is None


def test_oidc_state_of_another_browser_is_refused(provider):
    UserFactory(email="ana@example.org")
    provider.sign_in_as(email="ana@example.org", email_verified=True)
    location = start(Client())
    # Someone lures a victim into finishing the attacker's sign-in (login CSRF).
    victim = Client()
    assert_refused(come_back(victim, location), "replay", "Ce lien de connexion a déjà servi")
    assert signed_in_user(victim) is None


def test_oidc_provider_refusal_is_shown(provider):
    client = Client()
    to_provider = client.get(reverse("sso:oidc_login"))
    state = dict(p.split("=", 1) for p in urlsplit(to_provider["Location"]).query.split("&"))[
        "state"
    ]
    response = client.get(reverse("sso:oidc_callback"), {"error": "access_denied", "state": state})
    assert_refused(response, "provider_error", "n’a pas répondu")


def test_oidc_provider_down_is_refused(provider, settings):
    UserFactory(email="ana@example.org")
    provider.sign_in_as(email="ana@example.org", email_verified=True)
    client = Client()
    location = start(client)
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # nothing listens there
    assert_refused(come_back(client, location), "provider_error", "n’a pas répondu")


def test_oidc_start_without_configuration_is_refused(client):
    response = client.get(reverse("sso:oidc_login"))
    assert response.status_code == 403
    assert 'data-reason="disabled"' in response.content.decode()


def test_oidc_start_is_rate_limited_per_address(provider, settings):
    settings.RM_RATE_LIMITS = {**settings.RM_RATE_LIMITS, "sso-ip": "2/m"}
    client = Client()
    codes = [client.get(reverse("sso:oidc_login")).status_code for _ in range(3)]
    assert codes == [302, 302, 429]


def test_oidc_sign_in_left_unfinished_too_long_is_refused(provider, settings):
    UserFactory(email="ana@example.org")
    provider.sign_in_as(email="ana@example.org", email_verified=True)
    client = Client()
    location = start(client)
    settings.OIDC_AUTHENTICATION_STATE_TTL = -1  # as if the person had left for lunch
    assert_refused(come_back(client, location), "expired", "La connexion a pris trop de temps")


def test_oidc_half_configured_refuses_to_start(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    from rementor.settings import sso as sso_settings

    monkeypatch.setenv("RM_OIDC_CLIENT_ID", "rementor")
    monkeypatch.setenv("RM_OIDC_CLIENT_SECRET", "s")
    with pytest.raises(ImproperlyConfigured, match="RM_OIDC_ISSUER"):
        importlib.reload(sso_settings)
    monkeypatch.delenv("RM_OIDC_CLIENT_ID")
    importlib.reload(sso_settings)


def test_oidc_self_registration_when_a_recruiting_programme_allows_it(provider):
    from rementor.programmes.models import ProgrammeStatus
    from tests.factories import ProgrammeFactory

    ProgrammeFactory(status=ProgrammeStatus.RECRUITING, sso_self_registration=True)
    provider.sign_in_as(
        email="new@example.org", email_verified=True, given_name="Nina", family_name="Neuve"
    )
    client = Client()
    assert sign_in(client).status_code == 302
    user = User.objects.get(email="new@example.org")
    assert signed_in_user(client) == str(user.pk)
    assert user.person.full_name == "Nina Neuve"
    assert last_event("sso_sign_in").additional_data["matched_by"] == "self_registration"
