"""ID tokens a hostile provider or a man in the middle could send, checked one by one by the
backend (the full flow is in test_oidc.py): each is refused with its reason and audited."""

from __future__ import annotations

import time

import jwt
import pytest
from django.test import RequestFactory
from joserfc import jwt as jose_jwt
from joserfc.jwk import RSAKey

from rementor.sso.identities import Reason, SignInRefused
from rementor.sso.oidc import RementorOIDCBackend

pytestmark = pytest.mark.django_db

ISSUER = "https://id.example.com"
CLIENT = "rementor"


@pytest.fixture
def backend(settings):
    settings.RM_OIDC_ISSUER = ISSUER
    settings.OIDC_RP_CLIENT_ID = CLIENT
    backend = RementorOIDCBackend()
    backend.request = RequestFactory().get("/sso/oidc/callback/")
    return backend


@pytest.fixture(scope="module")
def key():
    return RSAKey.generate_key(2048, parameters={"kid": "main"}, private=True)


def claims(**changes) -> dict:
    now = int(time.time())
    base = {"iss": ISSUER, "aud": CLIENT, "sub": "1", "iat": now, "exp": now + 300, "nonce": "n"}
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def public(key) -> jwt.PyJWK:
    return jwt.PyJWK(key.as_dict(private=False))


def refusal_of(backend, token: str, key) -> SignInRefused:
    with pytest.raises(SignInRefused) as caught:
        backend._verify_jws(token, public(key))
    return caught.value


def test_a_good_token_passes(backend, key):
    token = jose_jwt.encode({"alg": "RS256", "kid": "main"}, claims(), key)
    assert backend._verify_jws(token, public(key))["sub"] == "1"


def test_an_unsigned_token_is_refused(backend, key):
    token = jwt.encode(claims(), key=None, algorithm="none")
    assert refusal_of(backend, token, key).reason == Reason.INVALID_TOKEN


def test_a_token_signed_with_the_public_key_as_a_secret_is_refused(backend, key):
    # The classic algorithm confusion: HS256 keyed with the provider's public key.
    secret = key.as_pem(private=False)
    token = jwt.encode(claims(), key=secret.decode()[:64], algorithm="HS256")
    assert refusal_of(backend, token, key).reason == Reason.INVALID_TOKEN


@pytest.mark.parametrize("missing", ["exp", "iat", "aud", "iss", "sub"])
def test_a_token_without_a_required_claim_is_refused(backend, key, missing):
    token = jose_jwt.encode({"alg": "RS256"}, claims(**{missing: None}), key)
    assert refusal_of(backend, token, key).reason in {
        Reason.INVALID_TOKEN,
        Reason.WRONG_AUDIENCE,
        Reason.EXPIRED,
    }


def test_a_token_for_several_audiences_needs_us_as_authorized_party(backend, key):
    token = jose_jwt.encode({"alg": "RS256"}, claims(aud=[CLIENT, "other"]), key)
    assert refusal_of(backend, token, key).reason == Reason.WRONG_AUDIENCE
    token = jose_jwt.encode({"alg": "RS256"}, claims(aud=[CLIENT, "other"], azp=CLIENT), key)
    assert backend._verify_jws(token, public(key))["azp"] == CLIENT


def test_a_token_issued_in_the_future_is_refused(backend, key):
    later = int(time.time()) + 3600
    token = jose_jwt.encode({"alg": "RS256"}, claims(iat=later, exp=later + 300), key)
    assert refusal_of(backend, token, key).reason == Reason.EXPIRED


def test_garbage_is_refused(backend, key):
    assert refusal_of(backend, "not.a.token", key).reason == Reason.INVALID_TOKEN
