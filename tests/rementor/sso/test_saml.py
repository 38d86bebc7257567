"""SAML 2.0 sign-in, end to end against a real pysaml2 identity provider in a live server:
Rementor redirects to the IdP, the IdP posts its signed answer to the ACS."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from rementor.people.models import User
from rementor.programmes.models import ProgrammeStatus
from tests.factories import PersonFactory, ProgrammeFactory, UserFactory, client_for
from tests.rementor.sso.saml_idp import (
    IdentityProvider,
    LiveIdentityProvider,
    key_pair,
    redirect_from_idp,
    visit_idp,
)

pytestmark = pytest.mark.django_db
# The refusal page's French title when the identity provider cannot be used.
PROVIDER_DOWN = "Le service de connexion de votre entreprise n’a pas répondu"
NO_IDENTITY = "Votre entreprise ne nous a pas dit qui vous êtes"


@pytest.fixture
def idp(settings, tmp_path):
    settings.RM_SITE_URL = "http://testserver"
    settings.RM_SAML_SP_ENTITY_ID = ""
    provider = IdentityProvider(
        folder=tmp_path,
        email_attribute=settings.RM_SAML_EMAIL_ATTRIBUTE,
        employee_id_attribute=settings.RM_SAML_EMPLOYEE_ID_ATTRIBUTE,
    )
    with LiveIdentityProvider(provider):
        settings.RM_SAML_IDP_METADATA_URL = ""
        settings.RM_SAML_IDP_METADATA_FILE = str(provider.metadata_file())
        settings.RM_SAML_ENABLED = True
        provider.trust(Client().get(reverse("sso:saml_metadata")).content.decode())
        yield provider


@pytest.fixture
def employee():
    person = PersonFactory(email="anne.martin@example.org", employee_id="000123")
    return UserFactory(email=person.email, person=person)


def answer_for(client, idp):
    """Start a sign-in at Rementor and bring back the IdP's answer (what a browser posts)."""
    start = client.get(reverse("sso:saml_login"))
    assert start.status_code == 302
    assert start["Location"].startswith(f"{idp.base_url}/sso/redirect?SAMLRequest=")
    return visit_idp(start["Location"])


def signed_in_user(client):
    return client.get(reverse("home")).wsgi_request.user


def browser() -> Client:
    # CSRF checked as a browser's would be: the IdP's POST carries no token of ours.
    return Client(enforce_csrf_checks=True)


def assert_refused(response, client, *, reason: str, title: str) -> None:
    """Refused with the translated page (French by default), audited, nobody signed in."""
    assert response.status_code == 403
    assert title in response.content.decode()
    assert refusals(reason).exists()
    assert not signed_in_user(client).is_authenticated


def refusals(reason):
    return LogEntry.objects.filter(
        additional_data__event="sso_refused",
        additional_data__protocol="saml",
        additional_data__reason=reason,
    )


def test_saml_sign_in_known_person(idp, employee):
    idp.user = {"email": "Anne.Martin@example.org", "employee_id": "000123"}
    client = browser()
    answer = answer_for(client, idp)
    assert answer.action == reverse("sso:saml_acs")
    response = client.post(answer.action, answer.fields)
    assert response.status_code == 302
    assert signed_in_user(client) == employee
    assert LogEntry.objects.filter(
        additional_data__event="sso_sign_in", additional_data__protocol="saml"
    ).exists()


def test_saml_sign_in_by_employee_id_alone(idp, employee, settings):
    idp.user = {"email": "a.martin@another-domain.example", "employee_id": "000123"}
    client = Client()
    answer = answer_for(client, idp)
    assert client.post(answer.action, answer.fields).status_code == 302
    assert signed_in_user(client) == employee


def test_saml_unknown_person_refused_without_account(idp):
    idp.user = {"email": "stranger@example.org"}
    client = Client()
    answer = answer_for(client, idp)
    response = client.post(answer.action, answer.fields)
    assert_refused(
        response,
        client,
        reason="unknown",
        title="Rementor ne connaît pas votre compte d’entreprise",
    )
    assert not User.objects.filter(email="stranger@example.org").exists()


def test_saml_self_registration_when_a_programme_allows_it(idp, settings):
    ProgrammeFactory(status=ProgrammeStatus.RECRUITING, sso_self_registration=True)
    idp.user = {
        "email": "nina.neuve@example.org",
        "names": {
            settings.RM_SAML_FIRST_NAME_ATTRIBUTE: "Nina",
            settings.RM_SAML_LAST_NAME_ATTRIBUTE: "Neuve",
        },
    }
    client = Client()
    answer = answer_for(client, idp)
    assert client.post(answer.action, answer.fields).status_code == 302
    user = signed_in_user(client)
    assert user.email == "nina.neuve@example.org"
    assert user.person.full_name == "Nina Neuve"


def test_saml_deactivated_person_refused(idp, employee):
    employee.person.is_active = False
    employee.person.save()
    idp.user = {"email": employee.email, "employee_id": "000123"}
    client = Client()
    answer = answer_for(client, idp)
    response = client.post(answer.action, answer.fields)
    assert_refused(response, client, reason="deactivated", title="Votre compte est désactivé")


def test_saml_answer_signed_with_another_key_refused(idp, employee):
    idp.user = {"email": employee.email}
    idp.signing = "rogue"
    client = Client()
    answer = answer_for(client, idp)
    response = client.post(answer.action, answer.fields)
    assert_refused(
        response, client, reason="invalid_token", title="La connexion n’a pas pu être vérifiée"
    )


def test_saml_assertion_for_another_service_refused(idp, employee):
    idp.user = {"email": employee.email}
    idp.audience = "https://another-app.example.com/saml/metadata/"
    client = Client()
    answer = answer_for(client, idp)
    response = client.post(answer.action, answer.fields)
    assert_refused(
        response,
        client,
        reason="wrong_audience",
        title="La connexion était destinée à une autre application",
    )


def test_saml_expired_assertion_refused(idp, employee):
    idp.user = {"email": employee.email}
    client = Client()
    answer = answer_for(client, idp)
    # The IdP's answer lives 5 minutes (+ 2 of clock skew); posted 10 minutes later, it is stale.
    with freeze_time(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)):
        response = client.post(answer.action, answer.fields)
    assert_refused(response, client, reason="expired", title="La connexion a pris trop de temps")


def test_saml_replayed_answer_refused(idp, employee):
    idp.user = {"email": employee.email}
    client = Client()
    answer = answer_for(client, idp)
    assert client.post(answer.action, answer.fields).status_code == 302
    client.post(reverse("logout"))

    # The same answer again, in the same browser: it answers no pending request any more.
    again = client.post(answer.action, answer.fields)
    assert_refused(again, client, reason="replay", title="Ce lien de connexion a déjà servi")
    # In another browser that has started a sign-in of its own.
    thief = Client()
    thief.get(reverse("sso:saml_login"))
    stolen = thief.post(answer.action, answer.fields)
    assert stolen.status_code == 403
    assert not signed_in_user(thief).is_authenticated
    assert refusals("replay").count() == 2


def test_saml_same_assertion_never_signs_in_twice(idp, employee, settings):
    """Two posts of one answer racing each other: both see the request as pending, the
    assertion's id lets only the first through."""
    idp.user = {"email": employee.email}
    client = Client()
    answer = answer_for(client, idp)
    saml_session = SessionStore(client.cookies[settings.SAML_SESSION_COOKIE_NAME].value)
    pending = dict(saml_session["_saml2_outstanding_queries"])
    assert client.post(answer.action, answer.fields).status_code == 302
    client.post(reverse("logout"))
    saml_session = SessionStore(client.cookies[settings.SAML_SESSION_COOKIE_NAME].value)
    saml_session["_saml2_outstanding_queries"] = pending
    saml_session.save()

    again = client.post(answer.action, answer.fields)
    assert again.status_code == 403
    assert not signed_in_user(client).is_authenticated
    assert refusals("replay").filter(additional_data__detail="assertion_reused").exists()


def test_saml_refusal_page_translated(idp, settings):
    idp.user = {"email": "stranger@example.org"}
    client = Client()
    answer = answer_for(client, idp)
    french = client.post(answer.action, answer.fields, HTTP_ACCEPT_LANGUAGE="fr")
    client = Client()
    answer = answer_for(client, idp)
    english = client.post(answer.action, answer.fields, HTTP_ACCEPT_LANGUAGE="en")
    assert french.status_code == english.status_code == 403
    assert french.content != english.content
    assert french["Content-Language"] == "fr"
    assert english["Content-Language"] == "en"


def test_saml_garbage_answer_refused_not_500(idp):
    client = Client()
    client.get(reverse("sso:saml_login"))
    response = client.post(reverse("sso:saml_acs"), {"SAMLResponse": "bm90IHhtbA=="})
    assert response.status_code == 403
    assert refusals("invalid_token").exists()


def test_saml_metadata_published(idp, settings):
    response = Client().get(reverse("sso:saml_metadata"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'entityID="http://testserver/sso/saml/metadata/"' in body
    assert 'Location="http://testserver/sso/saml/acs/"' in body


def test_saml_pages_absent_when_not_configured(settings):
    settings.RM_SAML_ENABLED = False
    for name in ("sso:saml_metadata", "sso:saml_logout_service"):
        assert Client().get(reverse(name)).status_code == 404
    for name in ("sso:saml_login", "sso:saml_acs"):
        assert Client().get(reverse(name)).status_code == 403
    assert refusals("disabled").count() == 2


def test_saml_sign_out_also_at_identity_provider(idp, employee):
    idp.user = {"email": employee.email}
    client = Client()
    answer = answer_for(client, idp)
    client.post(answer.action, answer.fields)
    response = client.post(reverse("sso:saml_logout"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{idp.base_url}/slo/redirect?SAMLRequest=")
    assert not signed_in_user(client).is_authenticated
    # The IdP signs the person out there and sends the browser back to our logout service.
    back = redirect_from_idp(response["Location"])
    assert back.startswith(reverse("sso:saml_logout_service") + "?SAMLResponse=")
    finished = client.get(back)
    assert finished.status_code == 302
    assert finished["Location"] == reverse("login")


def test_saml_sign_out_without_identity_provider_session(idp, employee):
    """Signed in with a password: the SAML sign-out just signs out here."""
    client = client_for(employee)
    response = client.post(reverse("sso:saml_logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert not signed_in_user(client).is_authenticated


def test_saml_sign_out_is_post_only(idp, employee):
    client = client_for(employee)
    assert client.get(reverse("sso:saml_logout")).status_code == 405
    assert signed_in_user(client) == employee


def test_saml_signed_requests_with_our_key_pair(idp, employee, settings, tmp_path):
    key_file, cert_file = key_pair(tmp_path, "rementor-sp")
    settings.RM_SAML_KEY_FILE, settings.RM_SAML_CERT_FILE = str(key_file), str(cert_file)
    metadata = Client().get(reverse("sso:saml_metadata")).content.decode()
    assert 'AuthnRequestsSigned="true"' in metadata
    assert "X509Certificate" in metadata
    idp.trust(metadata)

    idp.user = {"email": employee.email}
    client = Client()
    start = client.get(reverse("sso:saml_login"))
    assert "&Signature=" in start["Location"]
    answer = visit_idp(start["Location"])
    assert client.post(answer.action, answer.fields).status_code == 302
    assert signed_in_user(client) == employee


def test_saml_unreachable_identity_provider_refused_not_500(settings):
    settings.RM_SAML_ENABLED = True
    settings.RM_SAML_IDP_METADATA_FILE = ""
    settings.RM_SAML_IDP_METADATA_URL = "http://127.0.0.1:9/metadata.xml"  # nothing listens
    client = Client()
    started = client.get(reverse("sso:saml_login"))
    assert_refused(
        started,
        client,
        reason="provider_error",
        title=PROVIDER_DOWN,
    )
    posted = client.post(reverse("sso:saml_acs"), {"SAMLResponse": "bm90IHhtbA=="})
    assert posted.status_code == 403
    assert refusals("provider_error").count() == 2


def test_sign_in_page_offers_the_saml_button(idp, settings):
    settings.RM_SSO_COMPANY_NAME = "Acme"
    page = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="{reverse("sso:saml_login")}' in page


@pytest.mark.parametrize(
    ("next_url", "landing"),
    [("/privacy/", "/privacy/"), ("https://evil.example/steal", "/"), ("//evil.example/", "/")],
)
def test_saml_returns_only_to_our_own_pages(idp, employee, next_url, landing):
    idp.user = {"email": employee.email}
    client = Client()
    start = client.get(reverse("sso:saml_login"), {"next": next_url})
    answer = visit_idp(start["Location"])
    response = client.post(answer.action, answer.fields)
    assert response.status_code == 302
    assert response["Location"] == landing


def test_saml_unknown_identity_provider_asked_for_refused(idp):
    client = Client()
    response = client.get(reverse("sso:saml_login"), {"idp": "https://unknown.example/idp"})
    assert_refused(response, client, reason="provider_error", title=PROVIDER_DOWN)


def test_saml_sign_out_after_the_identity_provider_forgot_the_session(idp, employee, settings):
    idp.user = {"email": employee.email}
    client = Client()
    answer = answer_for(client, idp)
    client.post(answer.action, answer.fields)
    saml_session = SessionStore(client.cookies[settings.SAML_SESSION_COOKIE_NAME].value)
    saml_session["_saml2_identities"] = {}
    saml_session.save()
    response = client.post(reverse("sso:saml_logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert not signed_in_user(client).is_authenticated


@pytest.mark.parametrize(
    "query",
    [{}, {"SAMLRequest": "bm90IHhtbA=="}, {"SAMLResponse": "bm90IHhtbA=="}],
    ids=["nothing", "garbled-request", "garbled-response"],
)
def test_saml_logout_service_never_fails(idp, employee, query):
    client = client_for(employee)
    response = client.get(reverse("sso:saml_logout_service"), query)
    assert response.status_code in (302, 400)
    if "SAMLRequest" in query or "SAMLResponse" in query:
        assert response["Location"] == reverse("login")
        assert not signed_in_user(client).is_authenticated


def test_saml_attribute_names_not_matching_refused_with_the_fix(idp, employee, settings):
    """The IdP sends its claims under other names than RM_SAML_*_ATTRIBUTE: nobody to match,
    the page tells the person to ask IT to check the single sign-on settings."""
    idp.user = {"email": employee.email, "employee_id": "000123"}
    settings.RM_SAML_EMAIL_ATTRIBUTE = "mail"
    settings.RM_SAML_EMPLOYEE_ID_ATTRIBUTE = "employeeNumber"
    client = Client()
    answer = answer_for(client, idp)
    response = client.post(answer.action, answer.fields)
    assert_refused(response, client, reason="no_identity", title=NO_IDENTITY)


def test_saml_attributes_read_by_their_short_names(idp, employee, settings):
    idp.email_attribute, idp.employee_id_attribute = "mail", "employeeNumber"
    settings.RM_SAML_EMAIL_ATTRIBUTE = "mail"
    settings.RM_SAML_EMPLOYEE_ID_ATTRIBUTE = "employeeNumber"
    idp.user = {"email": "someone.else@example.org", "employee_id": "000123"}
    client = Client()
    answer = answer_for(client, idp)
    assert client.post(answer.action, answer.fields).status_code == 302
    assert signed_in_user(client) == employee


def test_saml_single_logout_started_at_the_identity_provider(idp, employee):
    idp.user = {"email": employee.email}
    client = Client()
    answer = answer_for(client, idp)
    client.post(answer.action, answer.fields)
    assert signed_in_user(client) == employee

    location = idp.logout_request(
        sp_logout_service="http://testserver" + reverse("sso:saml_logout_service"),
        sp_entity_id="http://testserver" + reverse("sso:saml_metadata"),
        email=employee.email,
    )
    path = location.removeprefix("http://testserver")
    response = client.get(path)
    assert response.status_code == 302
    # Rementor answers the IdP ("signed out here too") and the person is signed out.
    assert response["Location"].startswith(f"{idp.base_url}/slo/redirect?SAMLResponse=")
    assert not signed_in_user(client).is_authenticated
