"""Helpers for content stored in both interface languages (``<field>_fr`` / ``<field>_en``)."""

from __future__ import annotations

from django.utils.translation import get_language


def localized(obj: object, field: str) -> str:
    """The value of ``field`` in the active language, falling back to the other one."""
    lang = (get_language() or "fr")[:2]
    other = "en" if lang == "fr" else "fr"
    return getattr(obj, f"{field}_{lang}", "") or getattr(obj, f"{field}_{other}", "") or ""
