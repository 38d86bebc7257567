"""How mentor candidates are scored on the brief's three criteria.

Every part is a number from 0 to 1 (shown as 0-100), or ``None`` when it cannot be computed yet.

* **Technical expertise** — the candidate's stated proficiency (0-4, divided by 4) on the
  programme's skills, weighted by what the programme needs most: the weight of a skill is its
  total priority-weighted gap over the mentees' baseline assessments
  (``skills.queries.programme_needs``). Before any mentee has stated a need, every skill of the
  programme weighs the same. A skill the candidate did not rate counts as level 0.

      expertise = sum(weight[s] * level[s] / 4) / sum(weight[s])

* **Communication** — the mean of the three 1-5 review questions (clear without jargon,
  listens and asks, adapts to a senior colleague's pace) over every manager's review, mapped
  to 0-1: ``(mean - 1) / 4``. No review yet: ``None``.
* **Willingness to share** — half the review's willingness question, ``(mean - 1) / 4``, and half
  the candidate's stated commitment, ``(commitment - 1) / 2`` (1 = the sessions only, 3 = the
  sessions, help in between and sharing with other pairs). No review yet: ``None``, since half
  of it is missing.
* **Overall** — the three parts weighted by the programme's weights (``weight_expertise``,
  ``weight_communication``, ``weight_willingness``), renormalised over the parts that exist:

      overall = sum(w[p] * part[p]) / sum(w[p])   for the parts p that are not None

  A candidate without a review is marked "review pending": their overall rests on expertise
  alone until a manager reviews them.

The functions below are pure; ``score_candidates`` is the one loader, with a constant number of
queries whatever the number of candidates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from rementor.people.queries import name_key as person_name_key
from rementor.people.queries import name_order
from rementor.programmes.models import EnrollmentStatus, Programme, Role
from rementor.selection.models import MentorApplication
from rementor.skills.models import AssessmentItem, AssessmentKind
from rementor.skills.queries import programme_needs

MAX_LEVEL = 4
RATING_MIN, RATING_MAX = 1, 5
COMMITMENT_MIN, COMMITMENT_MAX = 1, 3

# Statuses a manager sees in the candidate pool; withdrawn candidates leave no trace.
CANDIDATE_STATUSES = (
    EnrollmentStatus.APPLIED,
    EnrollmentStatus.ACCEPTED,
    EnrollmentStatus.DECLINED,
)


@dataclass(frozen=True)
class Score:
    expertise: float | None
    communication: float | None
    willingness: float | None
    overall: float | None

    @property
    def review_pending(self) -> bool:
        return self.communication is None


def skill_weights(needs: Mapping[int, int], skill_ids: Iterable[int]) -> dict[int, float]:
    """Weight per skill of the programme: its needs, or equal weights while nobody has any."""
    skill_ids = list(skill_ids)
    weights = {s: float(needs.get(s, 0)) for s in skill_ids if needs.get(s, 0) > 0}
    if not weights:
        return dict.fromkeys(skill_ids, 1.0)
    return weights


def expertise_score(levels: Mapping[int, int], weights: Mapping[int, float]) -> float | None:
    """Weighted mean proficiency (0-1) over the weighted skills; None without any skill."""
    total = sum(weights.values())
    if total <= 0:
        return None
    return sum(w * levels.get(s, 0) / MAX_LEVEL for s, w in weights.items()) / total


def _rating_01(mean: float) -> float:
    return (mean - RATING_MIN) / (RATING_MAX - RATING_MIN)


def communication_score(
    clarity: float | None, listening: float | None, adaptability: float | None
) -> float | None:
    """Mean of the three 1-5 communication questions (each a mean over reviews), as 0-1."""
    if clarity is None or listening is None or adaptability is None:
        return None
    return _rating_01((clarity + listening + adaptability) / 3)


def commitment_01(commitment: int) -> float:
    return (commitment - COMMITMENT_MIN) / (COMMITMENT_MAX - COMMITMENT_MIN)


def willingness_score(review_willingness: float | None, commitment: int) -> float | None:
    """Half the review's willingness question, half the stated commitment; None without review."""
    if review_willingness is None:
        return None
    return (_rating_01(review_willingness) + commitment_01(commitment)) / 2


def overall_score(parts: Mapping[str, float | None], weights: Mapping[str, int]) -> float | None:
    """Weighted mean of the parts that exist, the weights renormalised over them."""
    available = {k: v for k, v in parts.items() if v is not None and weights.get(k, 0) > 0}
    total = sum(weights[k] for k in available)
    if not total:
        return None
    return sum(weights[k] * v for k, v in available.items()) / total


def programme_weights(programme: Programme) -> dict[str, int]:
    return {
        "expertise": programme.weight_expertise,
        "communication": programme.weight_communication,
        "willingness": programme.weight_willingness,
    }


def score(
    *,
    levels: Mapping[int, int],
    skill_weights: Mapping[int, float],
    review: Mapping[str, float | None],
    commitment: int,
    weights: Mapping[str, int],
) -> Score:
    """All parts and the overall score of one candidate.

    ``review`` holds the mean over reviews of ``clarity``, ``listening``, ``adaptability`` and
    ``willingness`` (None when there is no review).
    """
    parts = {
        "expertise": expertise_score(levels, skill_weights),
        "communication": communication_score(
            review.get("clarity"), review.get("listening"), review.get("adaptability")
        ),
        "willingness": willingness_score(review.get("willingness"), commitment),
    }
    return Score(**parts, overall=overall_score(parts, weights))


@dataclass(frozen=True)
class Candidate:
    application: MentorApplication
    score: Score
    review_count: int

    @property
    def enrollment(self):
        return self.application.enrollment

    @property
    def person(self):
        return self.application.enrollment.person


def score_candidates(
    programme: Programme,
    *,
    statuses: Iterable[str] = CANDIDATE_STATUSES,
    application_ids: Iterable[int] | None = None,
    where: Q | None = None,
) -> list[Candidate]:
    """Score the programme's mentor candidates in four queries, whatever their number:
    needs, skills in focus, applications with their review means, and the proficiency items.
    ``where`` narrows the applications (a page's filters).
    """
    weights = skill_weights(
        programme_needs(programme),
        programme.skills.filter(is_active=True).values_list("pk", flat=True),
    )
    applications = (
        MentorApplication.objects.filter(
            enrollment__programme=programme,
            enrollment__role=Role.MENTOR,
            enrollment__status__in=list(statuses),
        )
        .select_related("enrollment__person__department")
        .annotate(
            review_count=Count("reviews"),
            clarity_mean=Avg("reviews__clarity"),
            listening_mean=Avg("reviews__listening"),
            adaptability_mean=Avg("reviews__adaptability"),
            willingness_mean=Avg("reviews__willingness"),
        )
        .order_by(*name_order("enrollment__person"), "pk")
    )
    if application_ids is not None:
        applications = applications.filter(pk__in=list(application_ids))
    if where is not None:
        applications = applications.filter(where)
    applications = list(applications)
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    items = AssessmentItem.objects.filter(
        assessment__kind=AssessmentKind.MENTOR,
        assessment__enrollment_id__in=[a.enrollment_id for a in applications],
    ).values_list("assessment__enrollment_id", "skill_id", "level")
    if applications:
        for enrollment_id, skill_id, level in items:
            levels[enrollment_id][skill_id] = level
    programme_part_weights = programme_weights(programme)
    return [
        Candidate(
            application=application,
            review_count=application.review_count,
            score=score(
                levels=levels[application.enrollment_id],
                skill_weights=weights,
                review={
                    "clarity": application.clarity_mean,
                    "listening": application.listening_mean,
                    "adaptability": application.adaptability_mean,
                    "willingness": application.willingness_mean,
                },
                commitment=application.commitment,
                weights=programme_part_weights,
            ),
        )
        for application in applications
    ]


SORT_KEYS = ("name", "status", "overall", "expertise", "communication", "willingness")


def sort_candidates(candidates: list[Candidate], sort: str) -> tuple[list[Candidate], str]:
    """Sort by a column (``-`` prefix for descending); unknown keys fall back to ``-overall``.

    Missing scores always come last, whichever the direction.
    """
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORT_KEYS:
        key, descending, sort = "overall", True, "-overall"

    def name_key(c: Candidate) -> tuple:
        return person_name_key(c.person)

    if key == "name":
        return sorted(candidates, key=name_key, reverse=descending), sort
    if key == "status":
        ordered = sorted(candidates, key=name_key)
        ordered.sort(key=lambda c: c.enrollment.status, reverse=descending)
        return ordered, sort
    known = [c for c in candidates if getattr(c.score, key) is not None]
    unknown = [c for c in candidates if getattr(c.score, key) is None]
    known = sorted(known, key=name_key)
    known.sort(key=lambda c: getattr(c.score, key), reverse=descending)
    return known + sorted(unknown, key=name_key), sort
