from __future__ import annotations

from rementor.provisioning import tokens


def scim_token(name: str = "Entra ID"):
    """A live SCIM token and its secret."""
    return tokens.create_token(name=name)
