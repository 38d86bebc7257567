"""The discovery documents of RFC 7643/7644: what Rementor's SCIM endpoint declares.

Declared honestly: PATCH yes, filtering yes (``eq`` on ``userName``, ``externalId`` and
``id``), bulk, sort, ETags and password changes no. The ``User`` schema lists only the
attributes Rementor keeps (an identity provider's other attributes are ignored, never
stored); the three meta-schemas of RFC 7643 §7 come with django-scim2.
"""

from __future__ import annotations

import copy
import functools
import json
from importlib import resources

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"

MAX_RESULTS = 200  # a page of a list or search (``count`` beyond it is lowered to it)
MAX_OPERATIONS = 100  # operations in one PATCH request
MAX_PAYLOAD = 64 * 1024  # bytes of one request body: a person is under 2 KB


def _attribute(name: str, **options) -> dict:
    sub = options.pop("subAttributes", None)
    attribute = {
        "name": name,
        "type": "string",
        "multiValued": False,
        "description": "",
        "required": False,
        "caseExact": False,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": "none",
        **options,
    }
    if sub is not None:
        attribute["type"] = "complex"
        attribute["subAttributes"] = sub
    return attribute


def _user_schema() -> dict:
    return {
        "id": USER,
        "name": "User",
        "description": "An employee, as the HRIS import knows them.",
        "attributes": [
            _attribute(
                "userName",
                description="The employee ID (the HRIS import's key). Set once.",
                required=True,
                caseExact=True,
                mutability="immutable",
                uniqueness="server",
            ),
            _attribute(
                "name",
                description="First and last names.",
                required=True,
                subAttributes=[
                    _attribute("givenName", required=True, description="First name."),
                    _attribute("familyName", required=True, description="Last name."),
                ],
            ),
            _attribute("displayName", mutability="readOnly", description="First and last names."),
            _attribute("title", description="Job title."),
            _attribute(
                "emails",
                multiValued=True,
                description="The work e-mail address (one is kept: the primary one).",
                subAttributes=[
                    _attribute("value", description="The address."),
                ],
            ),
            _attribute(
                "active",
                type="boolean",
                # Required: "false" is a departure (account closed, tokens revoked), so a
                # client must always say which it means.
                required=True,
                description="False: the person left (account closed, tokens revoked).",
            ),
        ],
    }


def _enterprise_schema() -> dict:
    return {
        "id": ENTERPRISE,
        "name": "EnterpriseUser",
        "description": "Department and manager.",
        "attributes": [
            _attribute("department", description="Created if it does not exist yet."),
            _attribute(
                "manager",
                description="The person's manager; a reporting cycle is refused.",
                subAttributes=[
                    _attribute("value", description="The manager's id."),
                    _attribute(
                        "$ref",
                        type="reference",
                        referenceTypes=["User"],
                        description="The manager's address.",
                    ),
                ],
            ),
        ],
    }


@functools.cache
def _meta_schemas() -> tuple[dict, ...]:
    # The three schemas of RFC 7643 §7, as django-scim2 ships them.
    folder = resources.files("django_scim") / "schemas" / "core"
    names = ("ServiceProviderConfig", "ResourceType", "Schema")
    return tuple(json.loads((folder / f"{name}.json").read_text("utf-8")) for name in names)


def schemas(base: str) -> list[dict]:
    """Every schema, each with its ``meta`` (``base``: the endpoint's absolute address)."""
    documents = [_user_schema(), _enterprise_schema(), *copy.deepcopy(_meta_schemas())]
    for document in documents:
        document.pop("meta", None)
        document["schemas"] = [SCHEMA]
        document["meta"] = {"resourceType": "Schema", "location": f"{base}Schemas/{document['id']}"}
    return documents


def resource_types(base: str) -> list[dict]:
    return [
        {
            "schemas": [RESOURCE_TYPE],
            "id": "User",
            "name": "User",
            "endpoint": "/Users",
            "description": "Employees",
            "schema": USER,
            "schemaExtensions": [{"schema": ENTERPRISE, "required": False}],
            "meta": {"resourceType": "ResourceType", "location": f"{base}ResourceTypes/User"},
        }
    ]


def service_provider_config(base: str) -> dict:
    return {
        "schemas": [CONFIG],
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": "A token made by a programme manager (Settings, SCIM "
                "provisioning) or with python -m rementor scim_token create NAME.",
                "primary": True,
            }
        ],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": f"{base}ServiceProviderConfig",
        },
    }
