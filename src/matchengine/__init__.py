"""matchengine — exact, explainable mentor-mentee assignment (no Django, numpy/scipy only;
OR-Tools used when installed, for speed on very large instances).

Public API::

    problem = load_instance(data)        # dict in the documented format -> Problem
    result = solve(problem)              # -> Result (pairs, unmatched with reasons, ...)
    result_to_dict(result)               # -> the documented JSON-ready dict
    explain(problem, "e1", "m4")         # -> Pair: score, weighted terms, covered skills
    why_not(problem, "e1", "m4")         # -> Violation (code, reason) the pair breaks, or None

Errors in an instance raise ``InvalidInstance`` (a ValueError) naming the offending item.
CLI: ``python -m matchengine solve INSTANCE.json [-o RESULT.json]`` (exit 2 on an invalid
instance). The full format is in docs/matchengine.md.

Scoring. For mentee i, mentor j and skill s, with current level c, target t, priority p,
mentor level q:

- gap g = max(0, t - c); teachable part u = min(g, max(0, q - c)).
- skills F = sum_s p*u / sum_s p*g  (0 when the mentee has no weighted gap).
- availability A = min(1, |slots_i & slots_j| / 3); 0.5 when either side gave no slots.
- preferences P = share of the keys both gave (pace, style, mode) on which they agree;
  mode "hybrid" agrees with any mode; 0.5 when they share no key.
- cross_department C = 1 when both departments are given and differ, else 0.
- score S = w_skills*F + w_availability*A + w_preferences*P + w_cross_department*C
  (default weights 0.6, 0.2, 0.1, 0.1).

Each weighted term is rounded to 6 decimals and the score is the sum of the rounded terms,
so an explanation adds up to its score exactly. Hard constraints: a common language; neither
person in the other's reporting chain; no forbidden pair; mentor capacity (default 1); one
mentor per mentee; pinned pairs kept. Objective: match as many mentees as possible, then
maximise the total score — exactly, certified by dual potentials (``Result.optimal``).
"""

from .constraints import REASONS
from .explain import explain, why_not
from .problem import InvalidInstance, Mentee, Mentor, Problem, Weights
from .result import Pair, Result, Unmatched, result_to_dict
from .solve import solve
from .validation import check_problem, load_instance

__all__ = [
    "REASONS",
    "InvalidInstance",
    "Mentee",
    "Mentor",
    "Pair",
    "Problem",
    "Result",
    "Unmatched",
    "Weights",
    "check_problem",
    "explain",
    "load_instance",
    "result_to_dict",
    "solve",
    "why_not",
]
