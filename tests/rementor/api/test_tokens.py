"""Personal API tokens: stored hashed, and accepted only while valid, unrevoked and held by
someone still there; the API's other ways in (session with CSRF) and its rate limit."""

import hashlib

from rest_framework.test import APIClient

from rementor.api.tokens import create_token, revoke_token
from rementor.mentoring.models import Concern
from rementor.people.models import Person
from tests.factories import UserFactory
from tests.rementor.api.factories import bearer_client

PROGRAMMES = "/api/v1/programmes/"


def test_token_stored_hashed(manager):
    token, secret = create_token(user=manager, name="script")
    token.refresh_from_db()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix)
    assert all(secret not in str(value) for value in vars(token).values())


def test_token_valid_authenticates_and_records_use(manager):
    token, secret = create_token(user=manager, name="script")
    response = bearer_client(secret).get(PROGRAMMES)
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token_revoked_is_refused(manager):
    token, secret = create_token(user=manager, name="script")
    revoke_token(token=token, by=manager)
    response = bearer_client(secret).get(PROGRAMMES)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_token_of_inactive_user_is_refused(manager):
    _token, secret = create_token(user=manager, name="script")
    manager.is_active = False
    manager.save()
    assert bearer_client(secret).get(PROGRAMMES).status_code == 401


def test_token_unknown_is_refused(db):
    assert bearer_client("rmt_not-a-real-token").get(PROGRAMMES).status_code == 401
    assert bearer_client("garbage").get(PROGRAMMES).status_code == 401


def test_api_anonymous_gets_401_not_a_login_redirect(db):
    response = APIClient().get(PROGRAMMES)
    assert response.status_code == 401


def test_api_session_auth_needs_csrf(manager):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(manager, backend="rementor.people.backends.EmailBackend")
    assert client.get(PROGRAMMES).status_code == 200
    response = client.post(PROGRAMMES, {}, format="json")
    assert response.status_code == 403


def test_throttle_answers_429(settings, manager):
    settings.RM_API_THROTTLE_RATES = {"anon": None, "user": "2/minute"}
    _token, secret = create_token(user=manager, name="script")
    client = bearer_client(secret)
    statuses = [client.get(PROGRAMMES).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_token_of_person_who_left_is_refused_even_if_the_account_is_active(db):
    # A leaver deactivated before accounts were closed with them: the person is inactive,
    # the account row still says active. The token must not work for reads or writes.
    from tests.rementor.people.factories import signed_in_mentor

    leaver = signed_in_mentor()
    Person.objects.filter(pk=leaver.user.person_id).update(is_active=False)

    assert leaver.api.get("/api/v1/pairs/").status_code == 401
    concern = {"pair": leaver.pair.pk, "text": "Still here?"}
    assert leaver.api.post("/api/v1/concerns/", concern, format="json").status_code == 401
    assert not Concern.objects.exists()


def test_token_of_account_without_employee_record_still_works(db):
    admin = UserFactory(person=None, is_programme_manager=True)
    _token, secret = create_token(user=admin, name="script")
    assert bearer_client(secret).get(PROGRAMMES).status_code == 200
