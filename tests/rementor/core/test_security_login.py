"""Login brute force: django-axes locks an e-mail address from one client address, for 15
minutes, after 5 failed authentications (2 while the e-mail address is under attack from many
addresses). Only failed authentications count, so nobody can lock someone else out."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import reverse

from rementor.core.security import client_ip, login_username
from rementor.people.models import Person
from rementor.settings import security as security_settings
from tests.factories import PASSWORD, UserFactory, log_in_through_form

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.10"
HOME = "198.51.100.7"
ATTACKER = "192.0.2.66"


def from_address(ip: str, language: str = "fr") -> Client:
    return Client(REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE=language)


def fail(client: Client, email: str, times: int):
    for _ in range(times):
        response = log_in_through_form(client, email=email, password="wrong password")
    return response


def without_csrf_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def signed_in(response) -> bool:
    return response.status_code == 302 and response.url == reverse("home")


@pytest.fixture
def anne(db):
    return UserFactory(email="anne@example.org")


def test_login_five_failures_lock_the_user_from_that_address(anne):
    office = from_address(OFFICE)
    assert fail(office, anne.email, 4).status_code == 200  # the form again, with its error

    response = fail(office, anne.email, 1)

    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    # Even the right password is refused during the cool-off.
    assert log_in_through_form(office, email=anne.email, password=PASSWORD).status_code == 429


def test_login_lockout_page_is_in_english_too(anne):
    response = fail(from_address(OFFICE, "en"), anne.email, 5)
    assert response.status_code == 429
    assert "Please try again in 15 minutes." in response.content.decode()


def test_login_lockout_spares_same_user_elsewhere_and_colleagues_in_the_office(anne):
    colleague = UserFactory(email="bruno@example.org")
    fail(from_address(OFFICE), anne.email, 5)

    assert signed_in(log_in_through_form(from_address(HOME), email=anne.email, password=PASSWORD))
    assert signed_in(
        log_in_through_form(from_address(OFFICE), email=colleague.email, password=PASSWORD)
    )


def test_login_case_and_spaces_do_not_reset_the_count(anne):
    office = from_address(OFFICE)
    for typed in ["ANNE@example.org", " anne@Example.org", "Anne@EXAMPLE.ORG "] * 2:
        response = log_in_through_form(office, email=typed, password="wrong password")
    assert response.status_code == 429
    assert AccessAttempt.objects.get().username == "anne@example.org"


def test_login_works_again_after_the_cool_off(anne):
    office = from_address(OFFICE)
    fail(office, anne.email, 5)
    assert log_in_through_form(office, email=anne.email, password=PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))

    assert signed_in(log_in_through_form(office, email=anne.email, password=PASSWORD))


def test_login_failure_limit_comes_from_settings(anne, settings):
    settings.RM_LOGIN_FAILURE_LIMIT = 2
    assert fail(from_address(OFFICE), anne.email, 2).status_code == 429


def test_login_success_forgets_earlier_failures(anne):
    office = from_address(OFFICE)
    fail(office, anne.email, 4)
    assert signed_in(log_in_through_form(office, email=anne.email, password=PASSWORD))

    assert fail(from_address(OFFICE), anne.email, 4).status_code == 200


def test_login_empty_passwords_never_count(anne):
    attacker = from_address(ATTACKER)
    for typed in ["", anne.email]:
        for _ in range(12):
            response = attacker.post(reverse("login"), {"username": typed, "password": ""})
            assert response.status_code == 200  # the form again, saying what is missing

    assert not AccessAttempt.objects.exists()
    assert signed_in(log_in_through_form(from_address(HOME), email=anne.email, password=PASSWORD))
    # Not even the attacker's own address is locked: nothing was tried.
    assert signed_in(log_in_through_form(attacker, email=anne.email, password=PASSWORD))


def test_login_attacker_elsewhere_cannot_lock_the_victim_out(anne):
    attacker = from_address(ATTACKER)
    assert fail(attacker, anne.email, 30).status_code == 429  # the attacker is locked

    assert signed_in(log_in_through_form(from_address(HOME), email=anne.email, password=PASSWORD))
    # Still locked at the attacker's address, even after the owner signed in elsewhere.
    assert log_in_through_form(attacker, email=anne.email, password=PASSWORD).status_code == 429


def test_login_successful_sign_ins_never_count(anne):
    office = from_address(OFFICE)
    for _ in range(12):
        assert signed_in(log_in_through_form(office, email=anne.email, password=PASSWORD))
        office.post(reverse("logout"))

    assert not AccessAttempt.objects.exists()


def test_login_failures_from_many_addresses_brake_each_address_sooner(anne):
    for i in range(4):
        assert fail(from_address(f"192.0.2.{i}"), anne.email, 2).status_code == 200
    fifth = from_address("192.0.2.4")
    assert fail(fifth, anne.email, 1).status_code == 200
    # The tenth failure from all addresses: the e-mail address is under attack.
    assert fail(fifth, anne.email, 1).status_code == 429

    newcomer = from_address("192.0.2.100")
    assert fail(newcomer, anne.email, 1).status_code == 200
    assert fail(newcomer, anne.email, 1).status_code == 429  # after 2 failures, not 5
    # The owner, from an address that has not failed (or failed once), still gets in.
    assert signed_in(log_in_through_form(from_address(HOME), email=anne.email, password=PASSWORD))
    office = from_address(OFFICE)
    fail(office, anne.email, 1)
    assert signed_in(log_in_through_form(office, email=anne.email, password=PASSWORD))


def test_login_brake_is_per_email_address(anne):
    colleague = UserFactory(email="bruno@example.org")
    for i in range(5):
        fail(from_address(f"192.0.2.{i}"), anne.email, 2)

    assert fail(from_address(OFFICE), colleague.email, 4).status_code == 200


def test_login_brake_comes_from_settings(anne, settings):
    settings.RM_LOGIN_EMAIL_BRAKE_FAILURES = 3
    settings.RM_LOGIN_EMAIL_BRAKE_LIMIT = 1
    for i in range(3):
        fail(from_address(f"192.0.2.{i}"), anne.email, 1)

    assert fail(from_address("192.0.2.100"), anne.email, 1).status_code == 429


@pytest.mark.parametrize(
    "name",
    ["RM_LOGIN_FAILURE_LIMIT", "RM_LOGIN_EMAIL_BRAKE_FAILURES", "RM_LOGIN_EMAIL_BRAKE_LIMIT"],
)
def test_login_limits_below_one_are_refused_when_settings_load(monkeypatch, name):
    monkeypatch.setenv(name, "0")
    with pytest.raises(ImproperlyConfigured, match=name):
        security_settings._at_least_one(name, 5)


def test_login_unknown_email_is_locked_out_like_a_known_one(anne):
    known = fail(from_address(OFFICE), anne.email, 5)
    unknown = fail(from_address(OFFICE), "nobody@example.org", 5)

    assert known.status_code == unknown.status_code == 429
    assert [t.name for t in known.templates] == [t.name for t in unknown.templates]
    assert without_csrf_tokens(known) == without_csrf_tokens(unknown)


def test_login_forwarded_for_neither_bypasses_nor_moves_the_lock_without_a_proxy(anne, settings):
    settings.RM_TRUSTED_PROXY_COUNT = 0
    # The attacker claims to be at the owner's address...
    claims_home = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=HOME)
    assert fail(claims_home, anne.email, 5).status_code == 429

    # ...which neither locks the owner out there...
    assert signed_in(log_in_through_form(from_address(HOME), email=anne.email, password=PASSWORD))
    # ...nor lets the attacker out of the lock by claiming another address.
    claims_elsewhere = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="1.2.3.4")
    response = log_in_through_form(claims_elsewhere, email=anne.email, password=PASSWORD)
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_login_username_is_normalised_like_the_email_backend():
    request = RequestFactory().post("/accounts/login/", {"username": " Anne@Example.ORG "})
    assert login_username(request) == "anne@example.org"
    assert login_username(request, {"username": "BRUNO@x.org"}) == "bruno@x.org"


def test_client_ip_ignores_forwarded_for_without_a_proxy(settings):
    settings.RM_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == OFFICE


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        # One proxy appends the address it saw; whatever the client wrote is on its left.
        (1, HOME, HOME),
        (1, f"1.2.3.4, {HOME}", HOME),
        # Two proxies: the outer one appended the client, the inner one the outer proxy.
        (2, f"1.2.3.4, {HOME}, 10.0.0.2", HOME),
    ],
)
def test_client_ip_behind_trusted_proxies(settings, proxies, forwarded_for, expected):
    settings.RM_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_ip(request) == expected


def test_client_ip_behind_a_proxy_falls_back_to_the_peer_without_header(settings):
    settings.RM_TRUSTED_PROXY_COUNT = 1
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


def test_login_lockout_follows_the_forwarded_address_behind_a_proxy(anne, settings):
    settings.RM_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    office = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=OFFICE)
    fail(office, anne.email, 5)

    home = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert signed_in(log_in_through_form(home, email=anne.email, password=PASSWORD))


def test_login_refused_with_the_standard_message_when_the_person_left():
    # The account row still says active (a leaver from before accounts were closed with
    # them): the password alone must not let them in, and nothing tells them why.
    user = UserFactory(email="gone@example.org")
    Person.objects.filter(pk=user.person_id).update(is_active=False)

    response = log_in_through_form(from_address(OFFICE), email=user.email, password=PASSWORD)
    wrong = log_in_through_form(from_address(HOME), email=user.email, password="wrong password")

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert [e.code for e in errors.as_data()] == ["invalid_login"]
    assert list(errors) == list(wrong.context["form"].non_field_errors())


def test_login_works_for_an_account_without_employee_record():
    admin = UserFactory(email="admin@example.org", person=None)
    response = log_in_through_form(from_address(OFFICE), email=admin.email, password=PASSWORD)
    assert signed_in(response)
