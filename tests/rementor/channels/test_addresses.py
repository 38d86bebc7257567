from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from rementor.channels.addresses import check_url, masked

TEAMS = (
    "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke"
    "?api-version=2016-06-01&sig=SECRETsig1234"
)
TEAMS_NEW = (
    "https://default0ab1.cd.environment.api.powerplatform.com:443/powerautomate/automations/"
    "direct/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=XYZW"
)
SLACK = "https://hooks.slack.com/services/T000/B000/XXXXSECRETabcd"


@pytest.mark.parametrize(
    ("kind", "url"), [("teams", TEAMS), ("teams", TEAMS_NEW), ("slack", SLACK)]
)
def test_documented_addresses_are_accepted(kind, url):
    assert check_url(kind, f"  {url} ") == url


@pytest.mark.parametrize(
    ("kind", "url", "code"),
    [
        ("slack", SLACK.replace("https", "http"), "not_https"),
        ("slack", "https://hooks.slack.com.evil.example/services/T/B/X", "host_not_allowed"),
        ("slack", "https://evil.example/hooks.slack.com/services/T/B/X", "host_not_allowed"),
        ("slack", "https://user:pw@hooks.slack.com/services/T/B/X", "host_not_allowed"),
        ("slack", TEAMS, "host_not_allowed"),
        ("teams", SLACK, "host_not_allowed"),
        ("teams", "https://logic.azure.com/workflows", "host_not_allowed"),
        ("teams", "https://prod.logic.azure.com.evil.example/x", "host_not_allowed"),
        ("teams", "https://outlook.office.com/webhook/old-connector", "host_not_allowed"),
        ("teams", "ftp://prod-1.westeurope.logic.azure.com/x", "not_https"),
        ("teams", "not an address", "not_https"),
        ("slack", "http://127.0.0.1:8000/hook", "not_https"),
    ],
)
def test_other_addresses_are_refused(kind, url, code):
    with pytest.raises(ValidationError) as refused:
        check_url(kind, url)
    assert refused.value.code == code


def test_loopback_only_when_the_test_setting_allows_it(settings):
    settings.RM_CHANNELS_ALLOW_LOOPBACK = False
    with pytest.raises(ValidationError):
        check_url("slack", "http://127.0.0.1:9/hook")
    settings.RM_CHANNELS_ALLOW_LOOPBACK = True
    assert check_url("slack", "http://127.0.0.1:9/hook") == "http://127.0.0.1:9/hook"
    with pytest.raises(ValidationError):  # still no other host
        check_url("slack", "http://10.0.0.1/hook")


def test_loopback_is_never_allowed_by_the_settings_module():
    from rementor import settings as base

    assert base.RM_CHANNELS_ALLOW_LOOPBACK is False


def test_refusals_speak_both_languages():
    with translation.override("fr"), pytest.raises(ValidationError) as fr:
        check_url("slack", "https://example.com/x")
    with translation.override("en"), pytest.raises(ValidationError) as en:
        check_url("slack", "https://example.com/x")
    assert "n’est pas une adresse" in fr.value.messages[0]
    assert "This is not a Slack incoming-webhook address" in en.value.messages[0]


def test_masked_shows_host_and_last_four_only():
    assert masked(SLACK) == "hooks.slack.com/…abcd"
    assert "SECRET" not in masked(TEAMS) and masked(TEAMS).endswith("1234")
    assert masked("") == ""
