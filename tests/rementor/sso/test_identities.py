"""The identity rule shared by OpenID Connect and SAML (``rementor.sso.identities``)."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import RequestFactory

from rementor.people.models import Person, User
from rementor.programmes.models import ProgrammeStatus
from rementor.sso.identities import Reason, SignInRefused, identity_user
from tests.factories import PersonFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    request = RequestFactory().get("/sso/oidc/callback/")
    return request


def events(code: str) -> list[LogEntry]:
    return [
        e for e in LogEntry.objects.order_by("pk") if (e.additional_data or {}).get("event") == code
    ]


def refused(**kwargs) -> SignInRefused:
    with pytest.raises(SignInRefused) as caught:
        identity_user(**kwargs)
    return caught.value


def oidc(request, email=None, employee_id=None, **kwargs):
    return identity_user(
        protocol="oidc", email=email, employee_id=employee_id, request=request, **kwargs
    )


def oidc_refused(request, email=None, employee_id=None) -> SignInRefused:
    return refused(protocol="oidc", email=email, employee_id=employee_id, request=request)


def test_identity_user_by_email_signs_in_the_account_and_audits(request_):
    user = UserFactory(email="ana@example.org")
    got = identity_user(
        protocol="oidc", email="Ana@Example.org ", employee_id=None, request=request_
    )
    assert got == user
    (entry,) = events("sso_sign_in")
    assert entry.actor == user
    assert entry.additional_data["protocol"] == "oidc"
    assert entry.additional_data["matched_by"] == "email"


def test_identity_user_by_employee_id_creates_the_missing_account(request_):
    person = PersonFactory(employee_id="000123", email="bo@example.org")
    got = identity_user(protocol="saml", email=None, employee_id="000123", request=request_)
    assert got.person == person and got.email == "bo@example.org"
    assert not got.has_usable_password()
    assert events("sso_sign_in")[0].additional_data["matched_by"] == "employee_id"


def test_identity_user_unknown_is_refused_without_an_account(request_):
    exc = refused(
        protocol="oidc", email="stranger@example.org", employee_id="999", request=request_
    )
    assert exc.reason == Reason.UNKNOWN and exc.audited
    assert not User.objects.filter(email="stranger@example.org").exists()
    assert not Person.objects.filter(email="stranger@example.org").exists()
    (entry,) = events("sso_refused")
    assert entry.additional_data["reason"] == "unknown"
    # Someone HR did not import is kept only as a truncated identifier.
    assert entry.additional_data["identifier"] == "str…"


def test_identity_user_leaver_is_refused(request_):
    user = UserFactory(email="left@example.org")
    user.person.is_active = False
    user.person.save()
    exc = refused(protocol="oidc", email="left@example.org", employee_id=None, request=request_)
    assert exc.reason == Reason.DEACTIVATED
    assert events("sso_refused")[0].object_pk == str(user.person.pk)


def test_identity_user_closed_account_is_refused(request_):
    user = UserFactory(email="closed@example.org", is_active=False)
    exc = refused(protocol="oidc", email=user.email, employee_id=None, request=request_)
    assert exc.reason == Reason.DEACTIVATED


def test_identity_user_email_and_id_of_two_people_is_refused(request_):
    PersonFactory(email="one@example.org")
    other = PersonFactory(employee_id="000777")
    exc = refused(
        protocol="oidc", email="one@example.org", employee_id=other.employee_id, request=request_
    )
    assert exc.reason == Reason.CONFLICT


def test_identity_user_without_identity_is_refused(request_):
    assert refused(protocol="oidc", email=None, employee_id="  ", request=request_).reason == (
        Reason.NO_IDENTITY
    )


def test_identity_user_administrator_without_person_matched_by_email(request_):
    admin = User.objects.create_user("admin@example.org", "x", is_programme_manager=True)
    assert (
        identity_user(
            protocol="oidc", email="admin@example.org", employee_id=None, request=request_
        )
        == admin
    )


def test_identity_user_self_registration_only_while_a_programme_allows_it(request_):
    programme = ProgrammeFactory(status=ProgrammeStatus.RECRUITING)
    kwargs = {
        "protocol": "oidc",
        "email": "new@example.org",
        "employee_id": None,
        "request": request_,
    }
    assert refused(**kwargs).reason == Reason.UNKNOWN
    programme.sso_self_registration = True
    programme.save()
    user = identity_user(**kwargs, first_name="Nina", last_name="Neuve")
    assert user.person.full_name == "Nina Neuve" and user.person.is_active
    assert events("sso_sign_in")[-1].additional_data["matched_by"] == "self_registration"


def test_identity_user_self_registration_needs_a_verified_email(request_):
    ProgrammeFactory(status=ProgrammeStatus.RECRUITING, sso_self_registration=True)
    exc = refused(protocol="oidc", email=None, employee_id="123456", request=request_)
    assert exc.reason == Reason.UNKNOWN
    assert not Person.objects.filter(employee_id="123456").exists()


def test_identity_user_unknown_protocol_is_a_programming_error(request_):
    with pytest.raises(ValueError):
        identity_user(protocol="ldap", email="a@example.org", employee_id=None, request=request_)


def test_refusal_is_readable_on_the_managers_trail(request_, manager):
    from django.test import Client
    from django.urls import reverse

    from tests.factories import client_for

    refused(protocol="oidc", email="stranger@example.org", employee_id=None, request=request_)
    client: Client = client_for(manager)
    page = client.get(reverse("audit:trail"), {"event": "sso_refused"}, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Single sign-on refused" in html
    assert "protocol" in html and "oidc" in html and "unknown" in html
    assert "stranger@example.org" not in html
