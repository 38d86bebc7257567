"""Schemathesis over the whole committed schema, as a manager and as a participant: no
server error, and every answer matches the schema. Seeded and small, to stay under a minute."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from rementor.api.tokens import create_token
from tests.rementor.api.factories import SCHEMA_FILE, build_world

# Fuzzing only (valid and invalid inputs), seeded: the coverage and examples phases would
# multiply the requests several times over on a small machine.
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20260901,
        "generation": {"mode": "all", "max-examples": 10, "deterministic": True},
        "phases": {
            "examples": {"enabled": False},
            "coverage": {"enabled": False},
            "stateful": {"enabled": False},
        },
    }
)
schema = schemathesis.openapi.from_path(SCHEMA_FILE, config=CONFIG)
schema.app = get_wsgi_application()


@pytest.fixture
def same_connection():
    """Keep the test's database connection across the WSGI calls, as Django's test client
    does: at the end of a request Django closes a connection that is not in autocommit mode,
    which on PostgreSQL would close the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearers(db, same_connection):
    world = build_world()
    return [
        f"Bearer {create_token(user=user, name='schemathesis')[1]}"
        for user in (world.manager, world.mentee)
    ]


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_schema(case, bearers):
    for bearer in bearers:
        case.call_and_validate(
            headers={"Authorization": bearer},
            checks=[not_a_server_error, response_schema_conformance],
        )
