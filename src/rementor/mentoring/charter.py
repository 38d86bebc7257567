"""The pair charter: cadence, confidentiality, each party's commitments and first objectives.

Both members accept it before their first session can be logged (``charter_signed``). Any
change to its text clears both acceptances: each member accepts what they actually read.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.matching.models import OCCUPYING, Pair
from rementor.mentoring.models import PairCharter
from rementor.mentoring.rules import member_role

DEFAULTS_DIR = Path(__file__).parent / "charter_defaults"

EDITABLE_FIELDS = (
    "cadence_weeks",
    "session_minutes",
    "confidentiality",
    "mentee_commitments",
    "mentor_commitments",
    "first_objectives",
)


def charter_signed(pair: Pair) -> bool:
    """True once both members accepted the current text of the pair's charter."""
    charter = PairCharter.objects.filter(pair=pair).only("mentee_accepted_at", "mentor_accepted_at")
    return any(c.is_signed for c in charter)


def charter_language(pair: Pair) -> str:
    """The language the charter is first written in: one both members speak, preferring the
    mentee's interface language, then the mentor's, then the programme's."""
    mentee, mentor = pair.mentee.person, pair.mentor.person
    preferred = [
        getattr(getattr(mentee, "user", None), "language", ""),
        getattr(getattr(mentor, "user", None), "language", ""),
        *pair.programme.languages,
        "fr",
        "en",
    ]
    spoken = set(mentee.languages or []) & set(mentor.languages or [])
    for lang in preferred:
        if lang in ("fr", "en") and (not spoken or lang in spoken):
            return lang
    return "fr"


def _default_text(name: str, language: str) -> str:
    """A charter text shipped with the product (``charter_defaults/<name>.<language>.txt``)."""
    lang = language[:2] if language[:2] in ("fr", "en") else "fr"
    return (DEFAULTS_DIR / f"{name}.{lang}.txt").read_text(encoding="utf-8").strip()


def _prefilled(pair: Pair) -> PairCharter:
    lang = charter_language(pair)
    commitments = {role: _default_text(role, lang) for role in ("mentee", "mentor")}
    # The one who leads (the programme's setting) says so in their commitments.
    lead = pair.programme.lead_role
    commitments[lead] += "\n\n" + _default_text(f"lead_{lead}", lang)
    return PairCharter(
        pair=pair,
        cadence_weeks=pair.programme.cadence_weeks,
        session_minutes=pair.programme.session_minutes,
        confidentiality=_default_text("confidentiality", lang),
        mentee_commitments=commitments["mentee"],
        mentor_commitments=commitments["mentor"],
    )


def pair_is_open(pair: Pair) -> bool:
    return pair.status in OCCUPYING


def _ensure_open(pair: Pair) -> None:
    if not pair_is_open(pair):
        raise ValidationError(
            _("This pair is %(status)s: its charter can no longer be changed.")
            % {"status": pair.get_status_display().lower()}
        )


@transaction.atomic
def get_or_create_charter(*, pair: Pair) -> PairCharter:
    """The pair's charter, created on first use from the programme's cadence and the default
    confidentiality rules and commitments in the pair's language. For a pair that has ended
    and never had one, an unsaved pre-filled charter (nothing is written to a closed pair)."""
    charter = PairCharter.objects.filter(pair=pair).first()
    if charter is not None:
        return charter
    charter = _prefilled(pair)
    if pair_is_open(pair):
        # Two first visits at once: the one-to-one constraint keeps a single charter.
        charter, _created = PairCharter.objects.get_or_create(
            pair=pair, defaults={f: getattr(charter, f) for f in EDITABLE_FIELDS}
        )
    return charter


@transaction.atomic
def update_charter(*, charter: PairCharter, by, **fields) -> bool:
    """Change the charter's text (``fields`` among ``EDITABLE_FIELDS``), by a member of the
    pair. Returns True when something changed — which clears both acceptances."""
    pair = charter.pair
    _ensure_open(pair)
    if member_role(by, pair) is None:
        raise ValidationError(_("Only the two members of the pair can change its charter."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown charter fields: {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(charter, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(charter, name, fields[name])
    charter.mentee_accepted_at = None
    charter.mentor_accepted_at = None
    charter.full_clean(exclude=["pair"])
    charter.save()
    return True


def charter_version(charter: PairCharter) -> str:
    """A token of the charter's current text, so an acceptance applies to what was read."""
    return f"{charter.updated_at.timestamp():.6f}" if charter.updated_at else ""


@transaction.atomic
def accept_charter(*, charter: PairCharter, by, version: str | None = None) -> PairCharter:
    """``by`` (a member of the pair) accepts the charter. With ``version`` (from
    ``charter_version`` when the page was shown), refuses if the text changed since."""
    pair = charter.pair
    _ensure_open(pair)
    role = member_role(by, pair)
    if role is None:
        raise ValidationError(_("Only the two members of the pair can accept its charter."))
    charter = PairCharter.objects.select_for_update().get(pk=charter.pk)
    charter.pair = pair
    if version is not None and version != charter_version(charter):
        raise ValidationError(
            _("The charter was changed since you opened it: please read it again, then accept.")
        )
    field = f"{role}_accepted_at"
    if getattr(charter, field) is None:
        # An update(), not save(): ``updated_at`` tracks the text, so the other member's
        # acceptance of the same text still matches its version.
        setattr(charter, field, timezone.now())
        PairCharter.objects.filter(pk=charter.pk).update(**{field: getattr(charter, field)})
    return charter
