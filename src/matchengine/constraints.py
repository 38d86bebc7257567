"""Hard constraints and the fixed set of reasons a mentee stays unmatched.

The vectorised form of the same rules lives in :mod:`matchengine.scoring` (one pass that
scores and filters blocks of pairs); this module holds the per-pair form used to validate
pinned pairs and explain single pairs, and the reason sentences.
"""

from __future__ import annotations

from collections.abc import Collection

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


def pair_violation(
    mentee: Mentee, mentor: Mentor, forbidden: Collection[tuple[str, str]] = ()
) -> str | None:
    """The hard constraint a single pair breaks, as a short phrase, or None."""
    if not shares_language(mentee, mentor):
        return "no common language"
    if in_reporting_line(mentee, mentor):
        return "the mentor and the mentee are in the same reporting line"
    if (mentee.id, mentor.id) in forbidden:
        return "the pair is forbidden"
    return None
