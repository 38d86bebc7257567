"""Build the matching engine's instance from a programme (the adapter's read side).

People are keyed "p<person pk>" in the instance, so reporting chains, pins and results
all speak the same ids. Only people who can really be matched are sent: accepted mentees
with a submitted baseline and no active pair, accepted mentors with a free place, none of
whom has left the company.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery

from rementor.matching.models import (
    DEFAULT_WEIGHTS,
    OCCUPYING,
    OverrideKind,
    PairOverride,
    PairProposal,
    ProposalStatus,
)
from rementor.people.models import Person
from rementor.people.queries import left_company, still_in_company
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme, Role
from rementor.skills.models import AssessmentItem, AssessmentKind


def person_key(person_id: int) -> str:
    return f"p{person_id}"


def key_to_person_id(key: str) -> int:
    return int(key[1:])


@dataclass
class Participants:
    mentees: list[Enrollment]
    mentors: list[Enrollment]
    free_places: dict[int, int]  # mentor enrollment pk -> places left


def programme_weights(programme: Programme) -> dict[str, float]:
    return {**DEFAULT_WEIGHTS, **(programme.match_weights or {})}


def _mentees(programme: Programme) -> QuerySet[Enrollment]:
    return (
        programme.enrollments.filter(
            role=Role.MENTEE,
            status=EnrollmentStatus.ACCEPTED,
            assessments__kind=AssessmentKind.BASELINE,
            assessments__submitted_at__isnull=False,
        )
        .exclude(pairs_as_mentee__status__in=OCCUPYING)
        # Proposed to a mentor and waiting for answers (consent to the pair).
        .exclude(pk__in=PairProposal.objects.holding().values("mentee"))
        .distinct()
    )


def _mentors(programme: Programme) -> QuerySet[Enrollment]:
    return programme.enrollments.filter(role=Role.MENTOR, status=EnrollmentStatus.ACCEPTED)


def _held_places() -> Subquery:
    """Places of a mentor that open proposals hold (consent to the pair), as a subquery."""
    held = (
        PairProposal.objects.holding()
        .filter(mentor=OuterRef("pk"))
        .order_by()
        .values("mentor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(held, output_field=IntegerField())


def participants(programme: Programme) -> Participants:
    """Who the engine may pair now (two queries, whatever the programme's size).

    Nobody who left the company: their enrolment stays accepted (history), but they are
    not proposed any more (``leavers`` lists them for the run page)."""
    mentees = list(
        still_in_company(_mentees(programme))
        .select_related("person__department")
        .order_by("person_id")
    )
    mentors = list(
        still_in_company(_mentors(programme))
        .annotate(
            active_pairs=Count("pairs_as_mentor", filter=Q(pairs_as_mentor__status__in=OCCUPYING))
        )
        .annotate(held=_held_places())
        .select_related("person__department")
        .order_by("person_id")
    )
    free = {}
    kept = []
    for mentor in mentors:
        capacity = min(mentor.effective_capacity, programme.max_mentor_capacity)
        places = capacity - mentor.active_pairs - (mentor.held or 0)
        if places > 0:
            free[mentor.pk] = places
            kept.append(mentor)
    return Participants(mentees=mentees, mentors=kept, free_places=free)


def ready_counts(programme: Programme) -> tuple[int, int]:
    """How many mentees ``participants`` would give the engine, and how many free places its
    mentors have, counted without loading them (two queries; the matching page's figures)."""
    mentees = still_in_company(_mentees(programme)).count()
    rows = (
        still_in_company(_mentors(programme))
        .annotate(
            active_pairs=Count("pairs_as_mentor", filter=Q(pairs_as_mentor__status__in=OCCUPYING))
        )
        .annotate(held=_held_places())
        .values_list("capacity", "active_pairs", "held")
    )
    places = 0
    for capacity, active_pairs, held in rows:
        # As Enrollment.effective_capacity, cut at the programme's maximum.
        capacity = min(capacity or programme.default_mentor_capacity, programme.max_mentor_capacity)
        places += max(0, capacity - active_pairs - (held or 0))
    return mentees, places


def leavers(programme: Programme) -> list[dict[str, str]]:
    """The accepted mentees (with a baseline, unpaired) and mentors whom ``participants``
    leaves out because they left the company, as a run keeps them (``MatchRun.left_out``:
    ``{"id": "p<pk>", "role": ...}``), mentees first."""
    rows = []
    sides = ((Role.MENTEE, _mentees(programme)), (Role.MENTOR, _mentors(programme)))
    for role, candidates in sides:
        for person_id in (
            left_company(candidates).order_by("person_id").values_list("person_id", flat=True)
        ):
            rows.append({"id": person_key(person_id), "role": role.value})
    return rows


def _chains(person_ids: list[int], depth: int) -> dict[int, list[str]]:
    """Managers above each person, nearest first, cut at ``depth`` (one query in all)."""
    manager_of = dict(Person.objects.values_list("id", "manager_id"))
    chains = {}
    for pid in person_ids:
        chain, node, seen = [], manager_of.get(pid), {pid}
        while node is not None and len(chain) < depth and node not in seen:
            chain.append(person_key(node))
            seen.add(node)
            node = manager_of.get(node)
        chains[pid] = chain
    return chains


def _levels(enrollment_ids: list[int], kind: str) -> dict[int, list[AssessmentItem]]:
    items = AssessmentItem.objects.filter(
        assessment__enrollment_id__in=enrollment_ids,
        assessment__kind=kind,
        skill__is_active=True,
    ).values_list("assessment__enrollment_id", "skill__code", "level", "target", "priority")
    out: dict[int, list] = defaultdict(list)
    for row in items:
        out[row[0]].append(row[1:])
    return out


def _languages(enrollment: Enrollment, programme: Programme) -> list[str]:
    # An HRIS export often has no languages: assume the programme's own languages then.
    spoken = enrollment.person.languages or programme.languages or ["fr"]
    if programme.languages:
        return [code for code in spoken if code in programme.languages]
    return list(spoken)


def _preferences(enrollment: Enrollment) -> dict[str, str]:
    prefs = {"pace": enrollment.pace, "style": enrollment.style, "mode": enrollment.mode}
    return {key: value for key, value in prefs.items() if value}


def _common(enrollment: Enrollment, programme: Programme, chain: list[str]) -> dict[str, Any]:
    department = enrollment.person.department
    return {
        "id": person_key(enrollment.person_id),
        "languages": _languages(enrollment, programme),
        "slots": list(enrollment.slots or []),
        "preferences": _preferences(enrollment),
        "department": department.name if department else None,
        "chain": chain,
    }


def build_instance(
    programme: Programme, *, weights: dict[str, float] | None = None
) -> tuple[dict[str, Any], Participants]:
    """The engine instance for ``programme`` (documented format, docs/matchengine.md)."""
    people = participants(programme)
    skills = list(
        programme.skills.filter(is_active=True).order_by("pk").values_list("code", flat=True)
    )
    chains = _chains(
        [e.person_id for e in people.mentees + people.mentors], programme.reporting_line_depth
    )
    mentee_items = _levels([e.pk for e in people.mentees], AssessmentKind.BASELINE)
    mentor_items = _levels([e.pk for e in people.mentors], AssessmentKind.MENTOR)
    known = set(skills)
    mentees = []
    for enrollment in people.mentees:
        rows = [r for r in mentee_items.get(enrollment.pk, []) if r[0] in known]
        mentees.append(
            {
                **_common(enrollment, programme, chains[enrollment.person_id]),
                "levels": {code: level for code, level, _t, _p in rows},
                "targets": {code: (t if t is not None else lv) for code, lv, t, _p in rows},
                "priority": {code: p for code, _lv, _t, p in rows},
            }
        )
    mentors = []
    for enrollment in people.mentors:
        rows = [r for r in mentor_items.get(enrollment.pk, []) if r[0] in known]
        mentors.append(
            {
                **_common(enrollment, programme, chains[enrollment.person_id]),
                "levels": {code: level for code, level, _t, _p in rows},
                "capacity": people.free_places[enrollment.pk],
            }
        )
    mentee_ids = {e.pk for e in people.mentees}
    mentor_ids = {e.pk for e in people.mentors}
    overrides = PairOverride.objects.filter(
        programme=programme, mentee_id__in=mentee_ids, mentor_id__in=mentor_ids
    ).values_list("kind", "mentee__person_id", "mentor__person_id")
    # A pair one of its members declined is never proposed again (consent to the pair).
    declined = PairProposal.objects.filter(
        programme=programme,
        status=ProposalStatus.DECLINED,
        mentee_id__in=mentee_ids,
        mentor_id__in=mentor_ids,
    ).values_list("mentee__person_id", "mentor__person_id")
    forbidden = {(e, m) for k, e, m in overrides if k == OverrideKind.FORBID} | set(declined)
    instance = {
        "skills": skills,
        "weights": weights or programme_weights(programme),
        "mentees": mentees,
        "mentors": mentors,
        "forbidden": sorted([person_key(e), person_key(m)] for e, m in forbidden),
        "pinned": sorted(
            [person_key(e), person_key(m)] for k, e, m in overrides if k == OverrideKind.PIN
        ),
    }
    return instance, people
