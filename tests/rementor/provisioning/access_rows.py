from rementor.provisioning import tokens
from tests.rementor.access import MANAGER_ONLY, Row, signed_in


def _token(o):
    token, _secret = tokens.create_token(name="Entra ID")
    return {"token": token}


def _revoke(o):
    return f"/people/provisioning/tokens/{o['token'].pk}/revoke/"


# The SCIM endpoint answers every request without a SCIM token 401 (a session is no token).
SCIM_ONLY = dict.fromkeys(("anonymous", "participant", "other_participant", "sponsor"), 401)
SCIM_ONLY["manager"] = 401

ROWS = {
    "provisioning:settings": [
        Row("get", lambda o: "/people/provisioning/", MANAGER_ONLY),
        Row("post", lambda o: "/people/provisioning/", signed_in(405) | {"manager": 405}),
    ],
    "provisioning:token_create": [
        Row(
            "post",
            lambda o: "/people/provisioning/tokens/",
            {**MANAGER_ONLY, "manager": 302},
            {"name": "Okta"},
        ),
        Row("get", lambda o: "/people/provisioning/tokens/", signed_in(405)),
    ],
    "provisioning:token_revoke": [
        Row("post", _revoke, {**MANAGER_ONLY, "manager": 302}, setup=_token),
        Row(
            "post",
            lambda o: "/people/provisioning/tokens/999999/revoke/",
            {**MANAGER_ONLY, "manager": 404},
        ),
    ],
    **{
        f"scim:{name}": [Row("get", lambda o, url=url: url, SCIM_ONLY)]
        for name, url in {
            "root": "/scim/v2/",
            "config": "/scim/v2/ServiceProviderConfig",
            "resource_types": "/scim/v2/ResourceTypes",
            "resource_type": "/scim/v2/ResourceTypes/User",
            "schemas": "/scim/v2/Schemas",
            "schema": "/scim/v2/Schemas/x",
            "users": "/scim/v2/Users",
            "users_search": "/scim/v2/Users/.search",
            "user": "/scim/v2/Users/1",
            "search": "/scim/v2/.search",
            "unknown": "/scim/v2/Groups",
        }.items()
    },
}
