"""API rate limits, read from settings at request time (so tests and deployments can change
them): ``RM_API_THROTTLE_RATES`` in ``rementor.settings.api``."""

from __future__ import annotations

from django.conf import settings
from rest_framework import throttling


class _SettingsRate:
    scope: str

    def get_rate(self):
        return settings.RM_API_THROTTLE_RATES.get(self.scope) or None


class AnonThrottle(_SettingsRate, throttling.AnonRateThrottle):
    pass


class UserThrottle(_SettingsRate, throttling.UserRateThrottle):
    pass
