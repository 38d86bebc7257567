"""Read side of matching: runs with names, comparisons, the pairs of a programme."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from rementor.matching.instance import key_to_person_id
from rementor.matching.models import (
    OCCUPYING,
    MatchRun,
    OverrideKind,
    Pair,
    PairOverride,
    PairStatus,
)
from rementor.matching.reasons import LEFT_COMPANY, TERM_LABELS, unmatched_reason
from rementor.people.models import Person
from rementor.people.queries import name_key
from rementor.programmes.models import Role
from rementor.skills.models import Skill

TERMS = ("skills", "availability", "preferences", "cross_department")


@dataclass
class ProposedPair:
    mentee: Person
    mentor: Person
    score: float
    terms: list[dict]
    skills: list[str]
    pinned: bool
    published: bool


def _people(keys: set[str]) -> dict[str, Person]:
    people = Person.objects.filter(pk__in=[key_to_person_id(k) for k in keys]).select_related(
        "department"
    )
    return {f"p{p.pk}": p for p in people}


def _bar(explanation: dict[str, float], scale: float) -> list[dict]:
    """Each weighted term as a segment of a 0-100 bar (the score's share of the maximum)."""
    segments, offset = [], 0.0
    for term in TERMS:
        value = explanation.get(term, 0.0)
        width = round(100 * value / scale, 2)
        segments.append(
            {
                "key": term,
                "label": TERM_LABELS[term],
                "value": value,
                "offset": offset,
                "width": width,
            }
        )
        offset = round(offset + width, 2)
    return segments


def run_view(run: MatchRun) -> dict:
    """A finished run, ready for the page: people instead of ids, words instead of codes."""
    result = run.result or {}
    pairs = result.get("pairs", [])
    unmatched = result.get("unmatched", [])
    gone = run.left_out or []
    people = _people(
        {p["mentee"] for p in pairs}
        | {p["mentor"] for p in pairs}
        | {u["mentee"] for u in unmatched}
        | {g["id"] for g in gone}
    )
    skill_names = {s.code: s.name for s in Skill.objects.all()}
    pins = set(
        PairOverride.objects.filter(programme=run.programme, kind=OverrideKind.PIN).values_list(
            "mentee__person_id", "mentor__person_id"
        )
    )
    published = set(
        Pair.objects.filter(programme=run.programme, status=PairStatus.ACTIVE).values_list(
            "mentee__person_id", "mentor__person_id"
        )
    )
    scale = sum((run.weights or {}).values()) or 1.0
    rows = []
    for p in pairs:
        ids = (key_to_person_id(p["mentee"]), key_to_person_id(p["mentor"]))
        rows.append(
            ProposedPair(
                mentee=people[p["mentee"]],
                mentor=people[p["mentor"]],
                score=p["score"],
                terms=_bar(p["explanation"], scale),
                skills=[skill_names.get(code, code) for code in p["covered_skills"]],
                pinned=ids in pins,
                published=ids in published,
            )
        )
    rows.sort(key=lambda r: name_key(r.mentee))
    missing = [
        {"person": people[u["mentee"]], "reason": unmatched_reason(u["code"], u["reason"])}
        for u in unmatched
        if u["mentee"] in people
    ]
    left_out = [
        {"person": people[g["id"]], "role": Role(g["role"]).label, "reason": str(LEFT_COMPANY)}
        for g in gone
        if g["id"] in people and g["role"] in Role.values
    ]
    return {"pairs": rows, "unmatched": missing, "left_out": left_out}


def compare_runs(a: MatchRun, b: MatchRun) -> dict:
    """Pairs that differ between two runs, with totals."""

    def mapping(run: MatchRun) -> dict[str, str]:
        return {p["mentee"]: p["mentor"] for p in (run.result or {}).get("pairs", [])}

    left, right = mapping(a), mapping(b)
    keys = set(left) | set(right) | set(left.values()) | set(right.values())
    people = _people(keys)
    changes = []
    for mentee in sorted(set(left) | set(right), key=lambda k: name_key(people[k])):
        if left.get(mentee) != right.get(mentee):
            changes.append(
                {
                    "mentee": people[mentee],
                    "before": people.get(left.get(mentee, "")),
                    "after": people.get(right.get(mentee, "")),
                }
            )
    return {"changes": changes, "same": len(set(left.items()) & set(right.items()))}


def my_pairs(enrollment) -> list[dict]:
    """The participant's own active pairs (a mentor may have two): partner and why, never the
    other candidates."""
    from rementor.matching.explain import pair_reasons

    pairs = (
        Pair.objects.filter(status__in=OCCUPYING)
        .filter(models.Q(mentee=enrollment) | models.Q(mentor=enrollment))
        .select_related("mentee__person__department", "mentor__person__department", "programme")
        .order_by("created_at")
    )
    out = []
    for pair in pairs:
        is_mentee = pair.mentee_id == enrollment.pk
        partner = pair.mentor.person if is_mentee else pair.mentee.person
        out.append(
            {
                "pair": pair,
                "is_mentee": is_mentee,
                "partner": partner,
                "reasons": pair_reasons(pair),
            }
        )
    return out
