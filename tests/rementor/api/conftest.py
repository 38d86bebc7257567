"""API fixtures: a client holding a personal token, and no rate limit unless a test sets one."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from rementor.api.tokens import create_token


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    settings.RM_API_THROTTLE_RATES = {"anon": None, "user": None}
    cache.clear()


def token_client(user) -> APIClient:
    _token, secret = create_token(user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def api_for():
    return token_client
