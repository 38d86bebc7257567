"""What a pair is told about why they were matched — their own pair, never other candidates.

The same sentences are shown to the programme manager on the matching page, for proposed and
published pairs alike, so the manager reads exactly what the pair will read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from rementor.core.slots import slot_label
from rementor.matching.models import Pair
from rementor.programmes.models import Enrollment
from rementor.skills.models import Skill


def skill_names() -> dict[str, str]:
    """Every skill's name in the current language, by code (one query)."""
    return {s.code: s.name for s in Skill.objects.all()}


def shared_slots(mentee: Enrollment, mentor: Enrollment) -> list[int]:
    """The weekly slots both gave, in order (empty when either gave none)."""
    return sorted(set(mentee.slots or []) & set(mentor.slots or []))


def reasons_for(
    *,
    mentee: Enrollment,
    mentor: Enrollment,
    covered_skills: Iterable[str],
    skill_names: Mapping[str, str] | None = None,
) -> list[str]:
    """Plain sentences: skills covered, shared weekly slots, matching preferences, departments.

    ``skill_names`` maps skill codes to names (read from the database when not given); the
    enrolments' people should come with their departments (``select_related``).
    """
    reasons = []
    codes = list(covered_skills or [])
    if codes:
        if skill_names is None:
            skill_names = {s.code: s.name for s in Skill.objects.filter(code__in=codes)}
        ordered = [skill_names.get(code, code) for code in codes]
        reasons.append(
            _("You were matched on %(skills)s.") % {"skills": get_text_list(ordered[:4], _("and"))}
        )
    shared = shared_slots(mentee, mentor)
    if shared:
        reasons.append(
            _("You are both free on %(slots)s.")
            % {"slots": get_text_list([slot_label(s) for s in shared[:3]], _("and"))}
        )
    agreed = [
        str(getattr(mentee, f"get_{key}_display")()).lower()
        for key in ("pace", "style", "mode")
        if getattr(mentee, key) and getattr(mentee, key) == getattr(mentor, key)
    ]
    if agreed:
        reasons.append(
            _("You share the same preferences: %(prefs)s.") % {"prefs": ", ".join(agreed)}
        )
    mentee_dept, mentor_dept = mentee.person.department, mentor.person.department
    if mentee_dept and mentor_dept and mentee_dept != mentor_dept:
        reasons.append(
            _(
                "You work in different departments (%(a)s and %(b)s): a chance to discover another "
                "part of the company."
            )
            % {"a": mentee_dept.name, "b": mentor_dept.name}
        )
    return reasons


def pair_reasons(pair: Pair, skill_names: Mapping[str, str] | None = None) -> list[str]:
    """Why ``pair`` was matched, in the sentences its members read."""
    return reasons_for(
        mentee=pair.mentee,
        mentor=pair.mentor,
        covered_skills=pair.covered_skills or [],
        skill_names=skill_names,
    )
