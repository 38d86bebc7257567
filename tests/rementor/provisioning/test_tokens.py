"""SCIM tokens: made by a manager (page) or a command, shown once, stored as a digest,
revocable, audited."""

from __future__ import annotations

from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from rementor.audit.events import Event
from rementor.core.hashed_secrets import digest_of
from rementor.provisioning import tokens
from rementor.provisioning.models import ScimToken
from tests.factories import client_for

pytestmark = pytest.mark.django_db


def test_token_is_stored_as_a_digest_only(manager):
    token, secret = tokens.create_token(name="Entra ID", by=manager)
    assert secret.startswith("rms_") and len(secret) > 40
    assert token.digest == digest_of(secret) and secret not in str(token.__dict__)
    assert tokens.live_token_for(secret) == token
    entry = LogEntry.objects.get(additional_data__event=Event.SCIM_TOKEN_CREATED)
    assert entry.actor == manager and secret not in str(entry.additional_data)


def test_token_outlives_the_manager_who_made_it(manager):
    _token, secret = tokens.create_token(name="Okta", by=manager)
    manager.is_active = False
    manager.save()
    assert tokens.live_token_for(secret) is not None


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_token_needs_a_short_name(name):
    with pytest.raises(ValidationError):
        tokens.create_token(name=name)
    assert not ScimToken.objects.exists()


def test_revoking_is_audited_once(manager):
    token, secret = tokens.create_token(name="Okta")
    assert tokens.revoke_token(token=token, by=manager) is True
    assert tokens.revoke_token(token=token, by=manager) is False
    assert tokens.live_token_for(secret) is None
    assert LogEntry.objects.filter(additional_data__event=Event.SCIM_TOKEN_REVOKED).count() == 1


def test_command_creates_lists_and_revokes():
    out = StringIO()
    call_command("scim_token", "create", "Entra ID", stdout=out)
    secret = out.getvalue().strip().splitlines()[-1]
    token = tokens.live_token_for(secret)
    assert token is not None and token.name == "Entra ID"

    out = StringIO()
    call_command("scim_token", "list", stdout=out)
    assert token.prefix in out.getvalue() and secret not in out.getvalue()

    call_command("scim_token", "revoke", token.prefix, stdout=StringIO())
    assert tokens.live_token_for(secret) is None
    with pytest.raises(CommandError):
        call_command("scim_token", "revoke", "rms_unknown", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("scim_token", "create", "  ", stdout=StringIO())


def test_settings_page_shows_a_new_secret_once(manager):
    client = client_for(manager)
    response = client.post("/people/provisioning/tokens/", {"name": "Entra ID"}, follow=True)
    secret = response.context["new_secret"]
    assert secret.startswith("rms_") and secret in response.content.decode()
    assert "/scim/v2/" in response.content.decode()
    again = client.get("/people/provisioning/")
    assert secret not in again.content.decode()
    assert tokens.live_token_for(secret) is not None


def test_settings_page_revokes(manager):
    token, secret = tokens.create_token(name="Okta")
    client = client_for(manager)
    client.post(f"/people/provisioning/tokens/{token.pk}/revoke/")
    assert tokens.live_token_for(secret) is None


def test_settings_page_refuses_an_empty_name_with_the_reason(manager):
    response = client_for(manager).post("/people/provisioning/tokens/", {"name": ""}, follow=True)
    assert not ScimToken.objects.exists()
    assert "Donnez un nom au jeton" in response.content.decode()


def test_settings_page_is_usable_390px_wide(manager):
    tokens.create_token(name="A name long enough to wrap on a phone screen, really")
    html = client_for(manager).get("/people/provisioning/").content.decode()
    assert 'class="table-responsive"' in html
