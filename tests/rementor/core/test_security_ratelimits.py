"""Rate limits (HTTP 429, a translated page): sign-in, HRIS imports, exports and reports."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from rementor.settings import security
from tests.factories import PASSWORD, UserFactory, client_for, log_in_through_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    """Set some groups' rates for one test, keeping the others."""

    def set_rates(**rates: str) -> None:
        settings.RM_RATE_LIMITS = {
            **django_settings.RM_RATE_LIMITS,
            **{group.replace("_", "-"): rate for group, rate in rates.items()},
        }

    return set_rates


def assert_too_many(response) -> None:
    assert response.status_code == 429
    assert "429.html" in [t.name for t in response.templates]


def assert_address_paused(response) -> None:
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]


def test_ratelimit_login_failures_per_address_spare_other_addresses(limits):
    limits(login_ip="3/m")
    office = Client(REMOTE_ADDR="203.0.113.10", HTTP_ACCEPT_LANGUAGE="en")
    for i in range(3):
        response = log_in_through_form(office, email=f"person{i}@example.org", password="nope")
        assert response.status_code == 200

    response = log_in_through_form(office, email="late@example.org", password="nope")

    assert_address_paused(response)
    assert "from your network" in response.content.decode()
    assert "Please try again in 1 minute." in response.content.decode()
    user = UserFactory()
    home = Client(REMOTE_ADDR="198.51.100.7")
    assert log_in_through_form(home, email=user.email, password=PASSWORD).status_code == 302


def test_ratelimit_login_per_address_counts_failed_authentications_only(limits):
    limits(login_ip="3/m")
    user = UserFactory()
    office = Client(REMOTE_ADDR="203.0.113.10")
    for _ in range(5):
        assert office.post(reverse("login"), {"username": "", "password": ""}).status_code == 200
        response = office.post(reverse("login"), {"username": user.email, "password": ""})
        assert response.status_code == 200
        assert log_in_through_form(office, email=user.email, password=PASSWORD).status_code == 302
        office.post(reverse("logout"))

    for i in range(3):
        log_in_through_form(office, email=f"person{i}@example.org", password="nope")
    response = log_in_through_form(office, email=user.email, password=PASSWORD)
    assert_address_paused(response)
    assert "saisis depuis votre réseau" in response.content.decode()


def test_ratelimit_login_page_itself_is_never_limited(limits, client):
    limits(login_ip="1/m")
    log_in_through_form(client, email="person@example.org", password="nope")
    for _ in range(3):
        assert client.get(reverse("login")).status_code == 200


def test_ratelimit_imports_per_manager(limits, manager):
    limits(imports="2/m")
    other_manager = UserFactory(email="hr2@example.org", is_programme_manager=True)
    client = client_for(manager)
    url = reverse("people:import_start")
    for _ in range(2):
        assert client.post(url, {}).status_code == 200  # the form again: no file

    assert_too_many(client.post(url, {}))
    assert client.get(url).status_code == 200  # looking at the form is not limited
    assert client_for(other_manager).post(url, {}).status_code == 200


def test_ratelimit_exports_and_reports_share_a_budget_per_user(limits, programme, manager):
    limits(exports="2/m")
    other_manager = UserFactory(email="hr2@example.org", is_programme_manager=True)
    client = client_for(manager)
    export = reverse("analytics:export", args=[programme.slug])
    report = reverse("analytics:report", args=[programme.slug])
    assert client.get(export, {"format": "unknown"}).status_code == 400
    assert client.get(report, {"audience": "unknown"}).status_code == 400

    response = client.get(export, {"format": "unknown"}, HTTP_ACCEPT_LANGUAGE="en")

    assert_too_many(response)
    assert "Please wait a few minutes" in response.content.decode()
    assert client_for(other_manager).get(export, {"format": "unknown"}).status_code == 400


def test_ratelimit_outsiders_keep_their_usual_answer(limits, programme, stranger, client):
    limits(exports="1/m")
    export = reverse("analytics:export", args=[programme.slug])
    for _ in range(3):
        assert client.get(export).status_code == 302  # anonymous: to the login page


def test_ratelimit_rates_are_checked_when_settings_load(monkeypatch):
    monkeypatch.setenv("RM_RATELIMIT_EXPORTS", "sixty an hour")
    with pytest.raises(ImproperlyConfigured, match="RM_RATELIMIT_EXPORTS"):
        security._rate("RM_RATELIMIT_EXPORTS", "60/h")
    monkeypatch.setenv("RM_RATELIMIT_EXPORTS", "5/15m")
    assert security._rate("RM_RATELIMIT_EXPORTS", "60/h") == "5/15m"


def test_ratelimit_personal_data_download_per_user(limits, pair_member, stranger):
    limits(personal_data="1/m")
    url = reverse("privacy:my_data")
    client = client_for(pair_member)
    assert client.get(url).status_code == 200

    assert_too_many(client.get(url))
    assert client_for(stranger).get(url).status_code == 200


def test_ratelimit_password_reset_per_typed_address_spares_others(limits, mailoutbox):
    limits(password_reset_email="2/h")
    UserFactory(email="anne@example.org")
    UserFactory(email="bruno@example.org")
    url = reverse("password_reset")
    for typed in ["anne@example.org", " ANNE@example.org"]:
        client = Client(REMOTE_ADDR="198.51.100.1")
        assert client.post(url, {"email": typed}).status_code == 302

    response = Client(REMOTE_ADDR="198.51.100.2").post(url, {"email": "anne@example.org"})

    assert_too_many(response)
    assert len(mailoutbox) == 2
    # Another person can still get their reset e-mail from the same office.
    response = Client(REMOTE_ADDR="198.51.100.1").post(url, {"email": "bruno@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 3
