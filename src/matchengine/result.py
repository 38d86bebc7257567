"""Result dataclasses and their documented JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Pair:
    """A mentee-mentor pair with its score and the weighted terms that make it up."""

    mentee: str
    mentor: str
    score: float
    explanation: dict[str, float]
    covered_skills: tuple[str, ...]
    pinned: bool = False


@dataclass(frozen=True)
class Unmatched:
    """A mentee left without a mentor; ``code`` is stable, ``reason`` is for people."""

    mentee: str
    code: str
    reason: str


@dataclass(frozen=True)
class Result:
    """Outcome of :func:`matchengine.solve`.

    ``optimal`` is True only when optimality for the full problem is certified;
    ``upper_bound`` is then equal to ``total_score``, otherwise it is a proven upper bound on
    the best total score with the same (maximal, when ``matched_is_maximal``) matched count.
    """

    pairs: tuple[Pair, ...]
    unmatched: tuple[Unmatched, ...]
    matched: int
    total_score: float
    optimal: bool
    solver: str
    elapsed_s: float
    upper_bound: float | None = None
    matched_is_maximal: bool = True
    stats: dict[str, Any] = field(default_factory=dict, compare=False)


def result_to_dict(result: Result) -> dict[str, Any]:
    """The documented JSON form of a result (see docs/matchengine.md)."""
    return {
        "pairs": [
            {
                "mentee": p.mentee,
                "mentor": p.mentor,
                "score": p.score,
                "explanation": dict(p.explanation),
                "covered_skills": list(p.covered_skills),
            }
            for p in result.pairs
        ],
        "unmatched": [
            {"mentee": u.mentee, "code": u.code, "reason": u.reason} for u in result.unmatched
        ],
        "matched": result.matched,
        "total_score": result.total_score,
        "optimal": result.optimal,
        "solver": result.solver,
        "elapsed_s": result.elapsed_s,
    }
