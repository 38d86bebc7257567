"""OpenAPI schema additions: the Bearer token scheme, and the error answers every operation
may give (401, 403, 404; 400 on writes), documented once here instead of on each view."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# Field names (or "non_field_errors") with their messages; nested for nested fields.
VALIDATION_ERROR = {"type": "object", "additionalProperties": {}}

_ERRORS = {
    "401": "Not signed in, or the token is not valid or was revoked.",
    "403": "Signed in, but not allowed to do this.",
    "404": "Not found, or not visible to you.",
}
_WRITES = {"post", "put", "patch"}


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "rementor.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, created on your profile page.",
        }


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: 401/403/404 on every operation, 400 on writes and
    on reads with query parameters (filters)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("ValidationError", VALIDATION_ERROR)
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in _ERRORS.items():
                responses.setdefault(status, _response(description, "Error"))
            has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
            if method in _WRITES or has_query:
                responses.setdefault("400", _response("Invalid input.", "ValidationError"))
    return result


def _response(description: str, component: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }


# Integer bounds that only reflect the database column (SQLite allows 64 bits everywhere,
# PostgreSQL 16, 32 or 64 by column type). They are dropped so that one committed schema
# holds on every database; the server still answers 400 beyond the real column's range.
_COLUMN_MAXIMA = {2**15 - 1, 2**31 - 1, 2**63 - 1}
_COLUMN_MINIMA = {-(2**15), -(2**31), -(2**63)}


def drop_database_integer_bounds(result, generator, request, public):
    """drf-spectacular postprocessing hook: the schema does not depend on the database."""
    _drop_bounds(result)
    return result


def _drop_bounds(node) -> None:
    if isinstance(node, dict):
        if node.get("maximum") in _COLUMN_MAXIMA:
            del node["maximum"]
            if node.get("format") == "int64":
                del node["format"]
        if node.get("minimum") in _COLUMN_MINIMA:
            del node["minimum"]
        for value in node.values():
            _drop_bounds(value)
    elif isinstance(node, list):
        for value in node:
            _drop_bounds(value)
