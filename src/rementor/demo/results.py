"""Demo data for the close: mid-term and final check-ins, final self-assessments.

The pairs on track answer both check-ins; their mentees re-assess the same skills on the
baseline form, having progressed on what their mentor taught (within their target).
"""

from __future__ import annotations

import random

from rementor.matching.models import Pair
from rementor.mentoring.feedback import submit_check_in
from rementor.mentoring.models import CheckIn, CheckInKind, MentoringSession
from rementor.programmes.invitations import account_for
from rementor.skills.domain import ItemInput
from rementor.skills.models import AssessmentItem, AssessmentKind

HIGHLIGHTS = [
    "Les exercices entre les séances.",
    "La franchise des échanges, dans les deux sens.",
    "Des cas concrets tirés de mon quotidien.",
]


def _final_items(pair: Pair, rng: random.Random) -> list[ItemInput]:
    baseline = AssessmentItem.objects.filter(
        assessment__enrollment=pair.mentee, assessment__kind=AssessmentKind.BASELINE
    )
    worked = set(pair.covered_skills or [])
    worked |= set(MentoringSession.objects.filter(pair=pair).values_list("skills__code", flat=True))
    items = []
    for item in baseline.select_related("skill"):
        target = item.target if item.target is not None else item.level
        gain = rng.choice([1, 1, 2]) if item.skill.code in worked else rng.choice([0, 0, 1])
        level = min(4, max(item.level, min(target, item.level + gain) if gain else item.level))
        items.append(
            ItemInput(skill_id=item.skill_id, level=level, target=target, priority=item.priority)
        )
    return items


def load_results(*, programme, rng: random.Random) -> int:
    """Pairs with regular sessions answer their check-ins; returns the finals submitted."""
    finals = 0
    pairs = (
        Pair.objects.filter(programme=programme, status="active")
        .select_related("mentee__person", "mentor__person", "programme")
        .order_by("mentee__person__employee_id")
    )
    for pair in pairs:
        if MentoringSession.objects.filter(pair=pair, status="held").count() < 6:
            continue  # only the pairs on track have come this far
        if CheckIn.objects.filter(pair=pair).exists():
            continue
        mentee_user, mentor_user = (
            account_for(pair.mentee.person),
            account_for(pair.mentor.person),
        )
        for kind in (CheckInKind.MIDTERM, CheckInKind.FINAL):
            for user in (mentee_user, mentor_user):
                is_mentee = user == mentee_user
                submit_check_in(
                    pair=pair,
                    by=user,
                    kind=kind,
                    progress=rng.choice([3, 4, 4, 5]),
                    relationship=rng.choice([4, 5]),
                    pace=rng.choice([3, 4, 5]),
                    recommend=rng.choice([6, 8, 9, 9, 10, 10]),
                    highlight=rng.choice(HIGHLIGHTS),
                    assessment_items=_final_items(pair, rng)
                    if kind == CheckInKind.FINAL and is_mentee
                    else None,
                )
                finals += kind == CheckInKind.FINAL and is_mentee
    return finals
