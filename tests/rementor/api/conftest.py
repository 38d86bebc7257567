"""API fixtures: no rate limit unless a test sets one."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    settings.RM_API_THROTTLE_RATES = {"anon": None, "user": None}
    cache.clear()
