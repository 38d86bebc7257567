"""Read side of matching: runs with names, comparisons, the pairs of a programme."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.matching.explain import pair_reasons, reasons_for, shared_slots, skill_names
from rementor.matching.instance import key_to_person_id
from rementor.matching.models import (
    OCCUPYING,
    Answer,
    MatchRun,
    OverrideKind,
    Pair,
    PairOverride,
    PairProposal,
    PairStatus,
    ProposalStatus,
)
from rementor.matching.reasons import LEFT_COMPANY, TERM_LABELS, unmatched_reason
from rementor.people.models import Person
from rementor.people.queries import name_key, still_in_company
from rementor.programmes.models import (
    Enrollment,
    EnrollmentStatus,
    Programme,
    ProgrammeStatus,
    Role,
)

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
    # What the pair will read once published (rementor.matching.explain), and whether the
    # two gave no weekly slot in common (they will have to find a time elsewhere).
    reasons: list[str]
    no_shared_slot: bool
    # Proposed to both members and waiting for their answers (consent to the pair).
    proposed: bool = False


def _people(keys: set[str]) -> dict[str, Person]:
    people = Person.objects.filter(pk__in=[key_to_person_id(k) for k in keys]).select_related(
        "department"
    )
    return {f"p{p.pk}": p for p in people}


def _bar(explanation: dict[str, float], weights: dict[str, float]) -> list[dict]:
    """Each weighted term as a segment of a 0-100 bar (the score's share of the maximum).

    ``points`` and ``out_of`` say the same in whole points out of 100 (the weights' total), the
    secondary detail a manager reads under the pair's reasons."""
    scale = sum(weights.values()) or 1.0
    segments, offset = [], 0.0
    for term in TERMS:
        value = explanation.get(term, 0.0)
        width = round(100 * value / scale, 2)
        segments.append(
            {
                "key": term,
                "label": TERM_LABELS[term],
                "value": value,
                "points": round(100 * value / scale),
                "out_of": round(100 * weights.get(term, 0.0) / scale),
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
    names = skill_names()
    enrollments = {
        (e.person_id, e.role): e
        for e in Enrollment.objects.filter(
            programme=run.programme,
            person_id__in=[key_to_person_id(k) for p in pairs for k in (p["mentee"], p["mentor"])],
        ).select_related("person__department")
    }
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
    proposed = set(
        PairProposal.objects.holding()
        .filter(programme=run.programme)
        .values_list("mentee__person_id", "mentor__person_id")
    )
    weights = run.weights or {}
    rows = []
    for p in pairs:
        ids = (key_to_person_id(p["mentee"]), key_to_person_id(p["mentor"]))
        mentee = enrollments.get((ids[0], Role.MENTEE))
        mentor = enrollments.get((ids[1], Role.MENTOR))
        both = mentee is not None and mentor is not None
        rows.append(
            ProposedPair(
                mentee=people[p["mentee"]],
                mentor=people[p["mentor"]],
                score=p["score"],
                terms=_bar(p["explanation"], weights),
                skills=[names.get(code, code) for code in p["covered_skills"]],
                pinned=ids in pins,
                published=ids in published,
                reasons=reasons_for(
                    mentee=mentee,
                    mentor=mentor,
                    covered_skills=p["covered_skills"],
                    skill_names=names,
                )
                if both
                else [],
                no_shared_slot=both and not shared_slots(mentee, mentor),
                proposed=ids in proposed,
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


# ----------------------------------------------------------------------------- latecomers
#
# A latecomer waits for the next matching run: accepted (as mentee or mentor) in a programme
# that is matching or running and has published a run, still in the company, in no active
# or paused pair, and not among the people the last published run was given (they were
# accepted, or gave their needs, after it). Before a programme's first published run nobody
# is late: everyone waits for that first run.

LATECOMER_PROGRAMMES = (ProgrammeStatus.MATCHING, ProgrammeStatus.RUNNING)


def latecomers(programmes: Iterable[Programme]) -> dict[int, list[int]]:
    """{programme id: enrolment ids of its latecomers (above)} for ``programmes``, in two
    queries whatever their number: the last published run of each, then the accepted people
    in no pair."""
    ids = [p.pk for p in programmes if p.status in LATECOMER_PROGRAMMES]
    if not ids:
        return {}
    last = (
        MatchRun.objects.filter(programme=OuterRef("programme"), published_at__isnull=False)
        .order_by("-published_at", "-pk")
        .values("pk")[:1]
    )
    given: dict[int, set[int]] = {}
    for programme_id, mentees, mentors in MatchRun.objects.filter(
        programme__in=ids, pk=Subquery(last)
    ).values_list("programme_id", "instance__mentees", "instance__mentors"):
        given[programme_id] = {
            key_to_person_id(row["id"]) for row in [*(mentees or []), *(mentors or [])]
        }
    if not given:
        return {}
    occupying = Pair.objects.filter(status__in=OCCUPYING)
    waiting = (
        still_in_company(
            Enrollment.objects.filter(programme__in=list(given), status=EnrollmentStatus.ACCEPTED)
        )
        .exclude(Exists(occupying.filter(mentee=OuterRef("pk"))))
        .exclude(Exists(occupying.filter(mentor=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", "programme_id", "person_id")
    )
    result: dict[int, list[int]] = {}
    for pk, programme_id, person_id in waiting:
        if person_id not in given[programme_id]:
            result.setdefault(programme_id, []).append(pk)
    return result


# ------------------------------------------------------------------------ proposed pairs
#
# Consent to the pair (rementor.matching.proposals and consent): what each member sees of
# their own proposal, and the acceptance state of every proposal for the programme team.

WAITING, ACCEPTED_BY_ONE = "waiting", "accepted_by_one"


def proposals_of_member(user, *, open_only: bool = True):
    """The proposals ``user`` is a member of (never anyone else's), newest first."""
    if not user.is_authenticated or user.person_id is None:
        return PairProposal.objects.none()
    found = PairProposal.objects.filter(
        models.Q(mentee__person_id=user.person_id) | models.Q(mentor__person_id=user.person_id)
    )
    if open_only:
        found = found.holding()
    return found.select_related(
        "programme",
        "mentee__person__department",
        "mentor__person__department",
    ).order_by("-created_at", "-pk")


@dataclass
class ProposalRow:
    """One proposal as the programme team reads it."""

    proposal: PairProposal
    state: str  # waiting, accepted_by_one, or a ProposalStatus value
    label: str
    days_left: int | None  # whole days left to answer, for open proposals
    waiting_for: list[Person]  # who has not answered yet
    declined_by: Person | None


def _state(proposal: PairProposal) -> tuple[str, str]:
    if proposal.is_expired:
        return ProposalStatus.EXPIRED.value, str(ProposalStatus.EXPIRED.label)
    if proposal.status != ProposalStatus.OPEN:
        return proposal.status, proposal.get_status_display()
    if proposal.mentee_answer or proposal.mentor_answer:
        return ACCEPTED_BY_ONE, str(_("Accepted by one"))
    return WAITING, str(_("Waiting for both"))


def proposal_rows(programme: Programme) -> list[ProposalRow]:
    """Every proposal of ``programme``, open ones first, then by mentee name (one query)."""
    now = timezone.now()
    proposals = PairProposal.objects.filter(programme=programme).select_related(
        "mentee__person", "mentor__person", "run", "overridden_by__person"
    )
    rows = []
    for p in proposals:
        state, label = _state(p)
        waiting = [
            member.person
            for member, answer in ((p.mentee, p.mentee_answer), (p.mentor, p.mentor_answer))
            if not answer
        ]
        declined = next(
            (
                member.person
                for member, answer in ((p.mentee, p.mentee_answer), (p.mentor, p.mentor_answer))
                if answer == Answer.DECLINED
            ),
            None,
        )
        open_now = p.status == ProposalStatus.OPEN and not p.is_expired
        rows.append(
            ProposalRow(
                proposal=p,
                state=state,
                label=label,
                days_left=(timezone.localtime(p.deadline).date() - timezone.localdate(now)).days
                if open_now
                else None,
                waiting_for=waiting if state in (WAITING, ACCEPTED_BY_ONE, "expired") else [],
                declined_by=declined,
            )
        )
    rows.sort(key=lambda r: (r.days_left is None, name_key(r.proposal.mentee.person)))
    return rows
