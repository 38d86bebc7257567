"""Schemathesis over the whole committed schema, as a manager and as a participant: no
server error, and every answer matches the schema. Seeded and small, to stay under a minute."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from rementor.api.tokens import create_token
from tests.rementor.api.test_schema import SCHEMA_FILE
from tests.rementor.api.world import build_world

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
def bearers(db):
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
