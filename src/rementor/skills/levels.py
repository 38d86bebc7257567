"""The documented 0–4 proficiency scale used by every assessment and by the matching engine."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Level(models.IntegerChoices):
    NONE = 0, pgettext_lazy("skill level", "None")
    AWARE = 1, pgettext_lazy("skill level", "Aware")
    BASIC = 2, pgettext_lazy("skill level", "Basic")
    PROFICIENT = 3, pgettext_lazy("skill level", "Proficient")
    EXPERT = 4, pgettext_lazy("skill level", "Expert")


LEVEL_DESCRIPTORS = {
    Level.NONE: _("Has never used it and does not know what it is for."),
    Level.AWARE: _("Knows what it is and why it matters, but has not used it."),
    Level.BASIC: _("Uses it occasionally for simple tasks, with help."),
    Level.PROFICIENT: _("Uses it regularly and on their own to get real work done."),
    Level.EXPERT: _("Masters it, keeps up with its changes and can teach it to others."),
}


def level_choices() -> list[tuple[int, str]]:
    """The scale as choices, "0 — None" to "4 — Expert", in the active language: call it when
    a form is built, never at import (the labels would stay in the language of the first
    request)."""
    return [(level.value, f"{level.value} — {level.label}") for level in Level]


def level_scale() -> list[dict[str, object]]:
    """The scale as rows for templates and help pages."""
    return [
        {"value": level.value, "label": level.label, "descriptor": LEVEL_DESCRIPTORS[level]}
        for level in Level
    ]
