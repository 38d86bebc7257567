"""Helpers for content stored in both interface languages (``<field>_fr`` / ``<field>_en``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


def _in_active_language(obj: object, field: str) -> Any:
    """``field`` in the active language, falling back to the other one when empty."""
    lang = (get_language() or "fr")[:2]
    other = "en" if lang == "fr" else "fr"
    return getattr(obj, f"{field}_{lang}", None) or getattr(obj, f"{field}_{other}", None)


def localized(obj: object, field: str) -> str:
    """The text of ``field`` in the active language ("" when neither language has it)."""
    return _in_active_language(obj, field) or ""


def localized_list(obj: object, field: str) -> list:
    """A list stored per language (quiz options), in the active language."""
    return _in_active_language(obj, field) or []
