"""The account page's token forms: create (the secret shown once) and revoke, both audited."""

import hashlib

from django.urls import reverse

from rementor.api.models import ApiToken
from rementor.api.tokens import create_token
from rementor.audit.events import Event
from tests.factories import client_for
from tests.rementor.api.factories import bearer_client

PROGRAMMES = "/api/v1/programmes/"


def _events(event: Event) -> int:
    from auditlog.models import LogEntry

    return LogEntry.objects.filter(additional_data__event=event.value).count()


def test_token_create_shows_secret_once_and_is_audited(pair_member):
    client = client_for(pair_member)
    response = client.post(reverse("api_tokens:create"), {"name": "My script"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("privacy:profile"))
    token = ApiToken.objects.get(user=pair_member)
    page = client.get(reverse("privacy:profile")).content.decode()
    secret = page.split('id="api-token-secret" type="text" readonly value="')[1].split('"')[0]
    assert hashlib.sha256(secret.encode()).hexdigest() == token.digest
    assert secret not in client.get(reverse("privacy:profile")).content.decode()
    assert _events(Event.API_TOKEN_CREATED) == 1


def test_token_create_without_name_is_refused(pair_member):
    client_for(pair_member).post(reverse("api_tokens:create"), {"name": "  "})
    assert not ApiToken.objects.exists()


def test_token_revoke_by_owner_is_audited(pair_member):
    token, secret = create_token(user=pair_member, name="script")
    response = client_for(pair_member).post(reverse("api_tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _events(Event.API_TOKEN_REVOKED) == 1
    assert bearer_client(secret).get(PROGRAMMES).status_code == 401


def test_token_revoke_of_someone_else_is_404(pair_member, manager):
    token, _secret = create_token(user=manager, name="script")
    response = client_for(pair_member).post(reverse("api_tokens:revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
