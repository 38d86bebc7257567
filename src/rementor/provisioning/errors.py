"""SCIM error responses (RFC 7644 §3.12): a status, a ``scimType`` and a detail that names
the attribute at fault and the fix."""

from __future__ import annotations

from rementor.provisioning.documents import ERROR


class ScimError(Exception):
    def __init__(self, status: int, detail: str, scim_type: str | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.scim_type = scim_type

    def body(self) -> dict:
        body = {"schemas": [ERROR], "status": str(self.status), "detail": self.detail}
        if self.scim_type:
            body["scimType"] = self.scim_type
        return body


def invalid(attribute: str, problem: str) -> ScimError:
    return ScimError(400, f"{attribute}: {problem}", "invalidValue")
