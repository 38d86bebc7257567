"""Links in e-mails start with the site's real address (RM_SITE_URL), never a guessed one."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.utils import timezone

from rementor.core.links import FALLBACK_SITE_URL, site_root
from rementor.matching.models import Pair
from rementor.mentoring.reminders import send_reminders
from rementor.settings.env import envurl
from tests.rementor.mentoring.factories import make_pair


def test_configured_address_wins_over_the_request_host():
    request = RequestFactory().get("/", HTTP_HOST="10.0.0.7:8080")
    with override_settings(RM_SITE_URL="https://rementor.example.com", ALLOWED_HOSTS=["*"]):
        assert site_root(request) == "https://rementor.example.com"
        assert site_root() == "https://rementor.example.com"


def test_without_configuration_links_follow_the_request_and_jobs_the_fallback():
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8010")
    with override_settings(RM_SITE_URL="", ALLOWED_HOSTS=["*"]):
        assert site_root(request) == "http://127.0.0.1:8010"
        assert site_root() == FALLBACK_SITE_URL


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("http://127.0.0.1:8010/", "http://127.0.0.1:8010"),
        ("  https://rementor.example.com ", "https://rementor.example.com"),
        ("https://example.com/rementor/", "https://example.com/rementor"),
        ("", ""),
    ],
)
def test_the_setting_is_read_without_its_trailing_slash(monkeypatch, raw, expected):
    monkeypatch.setenv("RM_SITE_URL", raw)
    assert envurl("RM_SITE_URL") == expected


def test_the_former_name_is_still_read(monkeypatch):
    monkeypatch.delenv("RM_SITE_URL", raising=False)
    monkeypatch.setenv("RM_BASE_URL", "https://old.example.com/")
    assert envurl("RM_SITE_URL", "RM_BASE_URL") == "https://old.example.com"


@pytest.mark.parametrize(
    "raw",
    ["rementor.example.com", "ftp://example.com", "https://", "https://x.com/?a=1", "javascript:x"],
)
def test_a_malformed_address_stops_the_start_up(monkeypatch, raw):
    monkeypatch.setenv("RM_SITE_URL", raw)
    with pytest.raises(ImproperlyConfigured, match="RM_SITE_URL"):
        envurl("RM_SITE_URL")


@pytest.mark.django_db
@override_settings(RM_SITE_URL="http://127.0.0.1:8010")
def test_a_background_reminder_links_to_the_configured_port():
    pair, *_ = make_pair()
    Pair.objects.filter(pk=pair.pk).update(created_at=timezone.now() - dt.timedelta(days=20))
    send_reminders(now=timezone.now())
    assert mail.outbox
    for message in mail.outbox:
        assert "http://127.0.0.1:8010/mentoring/" in message.body
        assert ":8000" not in message.body


@pytest.mark.django_db
@override_settings(RM_SITE_URL="http://127.0.0.1:8010")
def test_the_demo_prints_the_address_it_is_served_on():
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "Sign in at http://127.0.0.1:8010/ with:" in out.getvalue()
