"""People-facing, translated words for the engine's stable codes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from matchengine.constraints import Violation

UNMATCHED_REASONS = {
    "no_mentors": _("There is no mentor available in the programme."),
    "no_common_language": _("No available mentor shares a language with this mentee."),
    "reporting_line": _("Every mentor who shares a language is in this mentee's reporting line."),
    "forbidden": _("Every mentor who shares a language is excluded by a forbidden pair."),
    "reporting_line_or_forbidden": _(
        "Every mentor who shares a language is in the reporting line or in a forbidden pair."
    ),
    "compatible_mentors_unavailable": _(
        "Every compatible mentor is already full with pinned mentees."
    ),
    "compatible_mentors_full": _(
        "Every compatible mentor is already taken by mentees they suit better."
    ),
}

# Why an accepted mentee or mentor was not sent to the engine at all (the run page).
LEFT_COMPANY = _("left the company (inactive in the directory), so not in this run")

# matchengine.why_not codes -> translated sentences.
VIOLATIONS = {
    "no_common_language": _("They share no language."),
    "reporting_line": _("They are in the same reporting line."),
    "forbidden": _("This pair is forbidden."),
}

TERM_LABELS = {
    "skills": pgettext_lazy("matching term", "Skills"),
    "availability": pgettext_lazy("matching term", "Availability"),
    "preferences": pgettext_lazy("matching term", "Preferences"),
    "cross_department": pgettext_lazy("matching term", "Other department"),
}
TERM_HELP = {
    "skills": _(
        "Share of the mentee's priority-weighted skill gaps the mentor can teach (levels above "
        "the mentee's, up to the target)."
    ),
    "availability": _(
        "Weekly slots both have free: three or more shared slots count in full; half when "
        "either gave none."
    ),
    "preferences": _(
        "Agreement on pace, style and meeting mode (hybrid suits any mode); half when "
        "nothing can be compared."
    ),
    "cross_department": _("A bonus when mentor and mentee work in different departments."),
}


def unmatched_reason(code: str, fallback: str = "") -> str:
    return str(UNMATCHED_REASONS.get(code, fallback))


def violation(found: Violation) -> str:
    """The hard constraint a pair breaks, in the reader's language (the engine's English
    reason for a code this table does not know yet)."""
    return str(VIOLATIONS.get(found.code, found.reason))
