"""API fixtures: no rate limit unless a test sets one."""

from __future__ import annotations

import pytest
from django.core.cache import cache

# Builders live in factories.py; a test module outside this package still imports
# ``token_client`` from here: once it imports it from factories.py, this line goes.
from tests.rementor.api.factories import token_client  # noqa: F401


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    settings.RM_API_THROTTLE_RATES = {"anon": None, "user": None}
    cache.clear()
