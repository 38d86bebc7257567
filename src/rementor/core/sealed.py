"""Secrets Rementor must read back (a person's CalDAV password): sealed with a key derived from
``SECRET_KEY`` (Fernet: AES with an HMAC), so a copy of the database alone does not reveal
them. Changing ``SECRET_KEY`` makes them unreadable: people then type them again."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"rementor.sealed:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def unseal(token: str) -> str | None:
    """The sealed text, or None when it cannot be read (another key, a damaged value)."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None
