"""Spoken languages a person or a programme can declare (ISO 639-1 codes).

Distinct from the interface languages in ``settings.LANGUAGES``: a mentor and a mentee must
share one of these to be paired, whatever language they read Rementor in.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

SPOKEN_LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("ja", _("Japanese")),
]
SPOKEN_LANGUAGE_CODES = frozenset(code for code, _label in SPOKEN_LANGUAGES)


def validate_language_codes(value: object) -> None:
    """Refuse anything that is not a list of known, distinct language codes."""
    if not isinstance(value, list):
        raise ValidationError(_("Languages must be a list of language codes."))
    unknown = [code for code in value if code not in SPOKEN_LANGUAGE_CODES]
    if unknown:
        raise ValidationError(
            ngettext(
                "Unknown language code: %(codes)s. Use two-letter codes such as fr or en.",
                "Unknown language codes: %(codes)s. Use two-letter codes such as fr or en.",
                len(unknown),
            ),
            params={"codes": ", ".join(map(str, unknown))},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each language may appear only once."))


def language_labels(codes: list[str]) -> list[str]:
    labels = dict(SPOKEN_LANGUAGES)
    return [str(labels.get(code, code)) for code in codes]
