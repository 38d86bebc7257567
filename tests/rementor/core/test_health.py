"""``/healthz``: what a load balancer asks each node (database and cache reachable?)."""

from __future__ import annotations

import json
import threading
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from rementor.core import health
from tests.factories import UserFactory, client_for

pytestmark = pytest.mark.django_db


def _cache_down(*args, **kwargs):
    raise ConnectionError("Error 111 connecting to redis://:secret@cache.internal:6379")


def test_health_ok_is_200_with_two_words_and_never_cached(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response and not response.cookies


def test_health_is_the_same_for_a_signed_in_person_and_says_nothing_of_them():
    user = UserFactory(email="anne.martin@example.org")
    response = client_for(user).get(reverse("healthz"))
    assert json.loads(response.content) == {"database": "ok", "cache": "ok"}
    assert b"anne" not in response.content.lower()


def test_health_answers_a_probe_by_node_address_over_plain_http(settings):
    # A load balancer probes each node by its own address, over http, without a session.
    settings.ALLOWED_HOSTS = ["rementor.example.com"]
    settings.SECURE_SSL_REDIRECT = True
    response = Client(HTTP_HOST="10.0.3.17:8000").get("/healthz")
    assert response.status_code == 200
    # The host check still guards every other page.
    assert Client(HTTP_HOST="10.0.3.17:8000").get(reverse("login")).status_code == 400


def test_health_cache_down_is_503_naming_the_cache_without_the_error(client, caplog):
    with mock.patch("rementor.core.health.cache.set", side_effect=_cache_down):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "ok", "cache": "down"}
    assert b"secret" not in response.content and b"internal" not in response.content
    assert "no-store" in response["Cache-Control"]
    assert "the cache is unreachable" in caplog.text


def test_health_cache_that_loses_what_it_was_given_is_down(client):
    with mock.patch("rementor.core.health.cache.get", return_value=None):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert json.loads(response.content)["cache"] == "down"


def test_health_database_down_is_503_naming_the_database(client, caplog):
    with mock.patch(
        "rementor.core.health.connection.cursor",
        side_effect=OperationalError('connection to server at "db.internal" failed'),
    ):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "down", "cache": "ok"}
    assert b"db.internal" not in response.content
    assert "the database is unreachable" in caplog.text


def test_health_refuses_writes(client):
    assert client.post(reverse("healthz")).status_code == 405


def test_health_probes_at_the_same_moment_do_not_read_each_other(client):
    # Another probe (thread, process or node) writes between this one's write and its read.
    real_set = cache.set
    others: list[bool] = []

    def set_then_another_probe(key, value, timeout):
        real_set(key, value, timeout)
        if not others:
            others.append(False)
            probe = threading.Thread(target=lambda: others.append(health._cache()))
            probe.start()
            probe.join()

    with mock.patch("rementor.core.health.cache.set", side_effect=set_then_another_probe):
        response = client.get(reverse("healthz"))
    assert others[1] is True
    assert response.status_code == 200
