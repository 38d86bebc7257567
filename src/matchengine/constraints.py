"""Hard constraints and the fixed set of reasons a mentee stays unmatched.

The vectorised form of the same rules lives in :mod:`matchengine.scoring` (one pass that
scores and filters blocks of pairs); this module holds the per-pair form used to validate
pinned pairs and explain single pairs, and the reason sentences. Every rule and reason has
a stable code, which callers translate; the English text is for the CLI and error messages.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .problem import Mentee, Mentor

# code -> plain-English sentence. The codes are stable: the web app translates by code.
REASONS: dict[str, str] = {
    "no_mentors": "the programme has no mentors",
    "no_common_language": "no mentor shares a language",
    "reporting_line": "every mentor who shares a language is in the reporting line",
    "forbidden": "every mentor who shares a language is excluded by a forbidden pair",
    "reporting_line_or_forbidden": (
        "every mentor who shares a language is in the reporting line or excluded by a "
        "forbidden pair"
    ),
    "compatible_mentors_unavailable": (
        "every compatible mentor is already full with pinned mentees or takes no mentees"
    ),
    "compatible_mentors_full": "every compatible mentor is at capacity with better-suited mentees",
}


def shares_language(mentee: Mentee, mentor: Mentor) -> bool:
    return not set(mentee.languages).isdisjoint(mentor.languages)


def in_reporting_line(mentee: Mentee, mentor: Mentor) -> bool:
    """True when either person is a manager above the other."""
    return mentor.id in mentee.chain or mentee.id in mentor.chain


# code -> short English phrase of the hard constraint a single pair breaks; the codes are
# stable (the same as the matching reasons above) and the web app translates by code.
VIOLATIONS: dict[str, str] = {
    "no_common_language": "no common language",
    "reporting_line": "the mentor and the mentee are in the same reporting line",
    "forbidden": "the pair is forbidden",
}


@dataclass(frozen=True)
class Violation:
    """A hard constraint a pair breaks: ``code`` is stable, ``reason`` is for people."""

    code: str
    reason: str


def _violation(code: str) -> Violation:
    return Violation(code=code, reason=VIOLATIONS[code])


def pair_violation(
    mentee: Mentee, mentor: Mentor, forbidden: Collection[tuple[str, str]] = ()
) -> Violation | None:
    """The first hard constraint a single pair breaks, or None."""
    if not shares_language(mentee, mentor):
        return _violation("no_common_language")
    if in_reporting_line(mentee, mentor):
        return _violation("reporting_line")
    if (mentee.id, mentor.id) in forbidden:
        return _violation("forbidden")
    return None
