"""Signing in and out, and failed sign-ins, land in the trail (``audit.receivers``): with the
account and address, never the password."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rementor.audit.events import Event
from tests.factories import PASSWORD, client_for, log_in_through_form
from tests.rementor.audit.helpers import events, everything_stored, the_event

pytestmark = pytest.mark.django_db


def test_login_through_the_form_is_recorded_with_the_user_and_address(manager):
    response = log_in_through_form(Client(), email=manager.email, password=PASSWORD)
    assert response.status_code == 302
    entry = the_event(Event.LOGIN)
    assert entry.actor == manager and entry.actor_email == manager.email
    assert entry.remote_addr == "127.0.0.1"


def test_failed_login_names_the_account_but_never_the_password(manager):
    log_in_through_form(Client(), email=manager.email.upper(), password="Wrong-Secret-42")
    entry = the_event(Event.LOGIN_FAILED)
    assert entry.actor is None
    assert entry.object_pk == str(manager.pk)
    assert "identifier" not in entry.additional_data
    assert "Wrong-Secret-42" not in everything_stored()
    assert not events(Event.LOGIN)


def test_failed_login_of_no_account_keeps_a_truncated_identifier(db):
    log_in_through_form(Client(), email="Hunter2-my-password", password="x")
    entry = the_event(Event.LOGIN_FAILED)
    assert entry.additional_data["identifier"] == "Hun…"
    assert entry.object_pk == ""
    assert "Hunter2-my-password" not in everything_stored()


def test_each_failed_attempt_counts_once_lockout_included(manager, settings):
    settings.RM_LOGIN_FAILURE_LIMIT = 2
    client = Client()
    for _attempt in range(3):
        log_in_through_form(client, email=manager.email, password="wrong")
    failures = events(Event.LOGIN_FAILED)
    assert len(failures) == 3
    assert failures[-1].additional_data.get("locked_out") is True


def test_logout_is_recorded_with_the_user(manager):
    client = client_for(manager)
    client.post(reverse("logout"))
    assert the_event(Event.LOGOUT).actor == manager
