"""What a pair is told about why they were matched — their own pair, never other candidates."""

from __future__ import annotations

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from rementor.core.slots import slot_label
from rementor.matching.models import Pair
from rementor.skills.models import Skill


def pair_reasons(pair: Pair) -> list[str]:
    """Plain sentences: skills covered, shared weekly slots, matching preferences, departments."""
    reasons = []
    codes = list(pair.covered_skills or [])
    if codes:
        labels = {s.code: s.name for s in Skill.objects.filter(code__in=codes)}
        ordered = [labels.get(code, code) for code in codes]
        reasons.append(
            _("You were matched on %(skills)s.") % {"skills": get_text_list(ordered[:4], _("and"))}
        )
    shared = sorted(set(pair.mentee.slots or []) & set(pair.mentor.slots or []))
    if shared:
        reasons.append(
            _("You are both free on %(slots)s.")
            % {"slots": get_text_list([slot_label(s) for s in shared[:3]], _("and"))}
        )
    agreed = [
        str(getattr(pair.mentee, f"get_{key}_display")()).lower()
        for key in ("pace", "style", "mode")
        if getattr(pair.mentee, key) and getattr(pair.mentee, key) == getattr(pair.mentor, key)
    ]
    if agreed:
        reasons.append(
            _("You share the same preferences: %(prefs)s.") % {"prefs": ", ".join(agreed)}
        )
    mentee_dept, mentor_dept = pair.mentee.person.department, pair.mentor.person.department
    if mentee_dept and mentor_dept and mentee_dept != mentor_dept:
        reasons.append(
            _(
                "You work in different departments (%(a)s and %(b)s): a chance to discover another "
                "part of the company."
            )
            % {"a": mentee_dept.name, "b": mentor_dept.name}
        )
    return reasons
