"""Shared fixtures: the role trio of the house style, plus a sponsor and the programme."""

from __future__ import annotations

import importlib
import os
import secrets

import pytest
from django.apps import apps
from django.core.cache import cache

from rementor.programmes.models import Role
from rementor.skills.models import Skill
from tests.factories import (
    EnrollmentFactory,
    ProgrammeFactory,
    UserFactory,
)

default_taxonomy = importlib.import_module("rementor.skills.migrations.0002_default_taxonomy")


@pytest.fixture(autouse=True)
def _default_taxonomy_present(request, django_db_blocker):
    """Transactional tests (browser, concurrency) end by emptying every table, including the
    taxonomy a data migration loads: tests that use the database find it back."""
    uses_db = request.node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    )
    if uses_db:
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            if not Skill.objects.exists():
                default_taxonomy.load(apps, None)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # Background jobs run inline in tests; the demo and production use a worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Inline, the results' background refresh would run inside every write's commit: its
    # own tests turn it on (tests/rementor/analytics/test_results_refresh.py).
    settings.RM_RESULTS_REFRESH = False


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counters live in the (local-memory) cache shared by the whole run: each test
    # starts from zero, so that no test is throttled by the ones before it.
    cache.clear()


@pytest.fixture(autouse=True)
def _french_by_default(settings):
    settings.LANGUAGE_CODE = "fr"


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="Programme pilote", slug="pilote")


@pytest.fixture
def manager(db):
    return UserFactory(email="hr@example.org", is_programme_manager=True)


@pytest.fixture
def sponsor(db):
    return UserFactory(email="exec@example.org", is_sponsor=True)


@pytest.fixture
def pair_member(programme):
    """A participant of ``programme`` (a mentee)."""
    user = UserFactory(email="participant@example.org")
    EnrollmentFactory(programme=programme, person=user.person, role=Role.MENTEE)
    return user


@pytest.fixture
def stranger(db):
    """A participant of another programme: must not even learn ``programme`` exists."""
    user = UserFactory(email="stranger@example.org")
    EnrollmentFactory(person=user.person, role=Role.MENTOR)
    return user


# Tests of the several-machines mode run against a real Redis (.ci/run starts one).
REDIS_SERVER = os.environ.get("RM_TEST_REDIS_URL", "redis://127.0.0.1:6379")
_CLAIM = "rementor:test-run"


@pytest.fixture
def redis_url():
    """``redis://host:port/<n>``: a Redis database of its own for this test, emptied after.

    Skipped when no Redis answers at ``RM_TEST_REDIS_URL`` (default 127.0.0.1:6379), except
    in continuous integration, where that is a failure. Only an empty database (1 to 15) is
    taken, claimed with a key that expires, so two test runs never share one and nobody's
    data is flushed."""
    import redis

    try:
        redis.Redis.from_url(f"{REDIS_SERVER}/0", socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as error:
        message = f"no Redis at {REDIS_SERVER} ({error})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: .ci/run starts redis-server")
        pytest.skip(f"{message}: start one with `redis-server --daemonize yes`")
    token = secrets.token_hex(8)
    for number in range(15, 0, -1):
        client = redis.Redis.from_url(f"{REDIS_SERVER}/{number}")
        if not client.set(_CLAIM, token, nx=True, ex=900):
            continue
        if client.dbsize() != 1:  # someone's data: leave it alone
            client.delete(_CLAIM)
            continue
        try:
            yield f"{REDIS_SERVER}/{number}"
        finally:
            client.flushdb()
            client.close()
        return
    pytest.fail(f"no empty Redis database (1 to 15) at {REDIS_SERVER}")
