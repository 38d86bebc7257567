"""Response headers: CSP without inline code, framing, sniffing, referrer, no-store when
signed in, and what production adds (HSTS, secure cookies, a shared cache)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

import rementor
from rementor.mentoring.models import MentoringSession, PrivateNote
from tests.factories import client_for
from tests.rementor.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db


def test_headers_csp_forbids_inline_code_and_framing(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    directives = {}
    for part in filter(None, (p.strip() for p in csp.split(";"))):
        name, _space, value = part.partition(" ")
        directives[name] = value
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_headers_htmx_keeps_its_indicator_style_out_of_the_page(client):
    page = client.get(reverse("login")).content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in page
    assert "<style" not in page


def test_headers_session_page_with_notes_is_never_stored():
    pair, mentee_user, _mentor = make_pair()
    session = MentoringSession.objects.create(
        pair=pair,
        starts_at=timezone.now() - dt.timedelta(days=1),
        created_by=mentee_user,
        shared_notes="First post drafted",
    )
    PrivateNote.objects.create(session=session, author=mentee_user, text="I felt lost.")

    for url in [
        reverse("mentoring:session", args=[session.pk]),
        reverse("mentoring:pair", args=[pair.pk]),
        reverse("home"),
    ]:
        response = client_for(mentee_user).get(url)
        assert response.status_code == 200, url
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= cache_control, url


def _production_settings(**env) -> dict:
    code = (
        "import json, rementor.settings.production as s;"
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'SECURE_HSTS_SECONDS', 'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY',"
        "'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'CACHES', 'SILENCED_SYSTEM_CHECKS']}))"
    )
    environment = {
        **os.environ,
        # These settings, not those of another checkout installed in the environment.
        "PYTHONPATH": str(Path(rementor.__file__).resolve().parent.parent),
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "rementor.example.com",
        **env,
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_headers_production_adds_hsts_secure_cookies_and_a_shared_cache():
    values = _production_settings()
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert values["SESSION_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_SSL_REDIRECT"]
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
