"""Seeded random instances shaped like real programmes, for tests and benchmarks.

``random_instance(n_mentees, n_mentors, seed=...)`` returns a valid instance dict in the
documented format (docs/matchengine.md), ready for :func:`matchengine.load_instance`; the
same arguments always give the same instance, on every machine. It is what the engine's
tests cross-check against brute force and what ``benchmarks/bench_matching.py`` times::

    from matchengine import load_instance, solve
    from matchengine.testing import random_instance

    result = solve(load_instance(random_instance(200, 100, seed=7, pinned=5)))

What the instances look like: ``n_skills`` skills (20 by default: ``skill00``...); each
mentee has current levels, targets and priorities on 5 of them, each mentor levels 2-4 on 8
of them and ``capacity`` places (2 by default); about two people in three speak only
French, one in ten French and English and the rest only English (about 30 % of pairs share
no language); 3-6 of ``n_slots`` (20) weekly slots (none for one person in ten); pace,
style and mode each given four times in five; 12 departments (none for one person in
twenty); reporting chains of 3-5 managers drawn among the people of the instance and
outsiders; one forbidden pair per 100 mentees (at least one) unless ``forbidden`` says how
many; ``pinned`` pairs that respect every hard constraint.

``scarce_instance(n_mentees, n_mentors, seed=...)`` is the reverse-mentoring shape, where
places are fewer than mentees: capacities drawn from {1, 1, 2, 2, 3} (about 0.9 places
per mentee when there are half as many mentors as mentees); three languages, with a
quarter of the people speaking only French, a tenth only English, two in five French and
English and a quarter German and English; 0-6 of ``n_slots`` weekly slots (none for one
person in seven); reporting chains of 2-4 managers outside the programme, one of them a
mentor of the instance for about one mentee in five; the same skills, preferences and
departments as ``random_instance``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

PACES = ("slow", "steady", "fast")
STYLES = ("hands_on", "theory", "mixed")
MODES = ("remote", "onsite", "hybrid")
LANGS = (["fr"], ["fr", "en"], ["en"])
# scarce_instance: French only, English only, French and English, German and English
SCARCE_LANGS = (["fr"], ["en"], ["fr", "en"], ["de", "en"])
SCARCE_LANG_SHARES = (0.25, 0.10, 0.40, 0.25)
SCARCE_CAPACITIES = (1, 1, 2, 2, 3)
SCARCE_CHAIN_SHARE = 0.2


def random_instance(
    n_mentees: int,
    n_mentors: int,
    *,
    seed: int = 0,
    capacity: int = 2,
    n_skills: int = 20,
    n_slots: int = 20,
    forbidden: int | None = None,
    pinned: int = 0,
) -> dict[str, Any]:
    """A valid instance dict of ``n_mentees`` mentees (``e0``...) and ``n_mentors`` mentors
    (``m0``...); the same arguments always give the same instance.

    ``capacity`` is every mentor's; ``forbidden`` the number of forbidden pairs (default one
    per 100 mentees, at least one); ``pinned`` the number of pairs to pin (fewer when not
    enough pairs respect the hard constraints and capacities).
    """
    rng = np.random.default_rng(seed)
    skills = [f"skill{k:02d}" for k in range(n_skills)]
    departments = [f"Dept{k}" for k in range(12)]
    mentee_ids = [f"e{k}" for k in range(n_mentees)]
    mentor_ids = [f"m{k}" for k in range(n_mentors)]
    everyone = mentee_ids + mentor_ids

    def common(count: int) -> list[dict[str, Any]]:
        lang = rng.choice(3, size=count, p=[0.65, 0.10, 0.25])
        n_slot = rng.integers(3, 7, size=count)
        no_slot = rng.random(count) < 0.1
        prefs = rng.integers(0, 3, size=(count, 3))
        given = rng.random((count, 3)) < 0.8
        dep = rng.integers(0, len(departments), size=count)
        no_dep = rng.random(count) < 0.05
        chain_len = rng.integers(3, 6, size=count)
        out = []
        for k in range(count):
            pref = {}
            for key, values, col in (("pace", PACES, 0), ("style", STYLES, 1), ("mode", MODES, 2)):
                if given[k, col]:
                    pref[key] = values[prefs[k, col]]
            chain = [
                everyone[x] if x < len(everyone) else f"x{x}"
                for x in rng.integers(0, len(everyone) * 4 + 1, size=chain_len[k])
            ]
            out.append(
                {
                    "languages": LANGS[lang[k]],
                    "slots": []
                    if no_slot[k]
                    else sorted(rng.choice(n_slots, n_slot[k], replace=False).tolist()),
                    "preferences": pref,
                    "department": None if no_dep[k] else departments[dep[k]],
                    "chain": chain,
                }
            )
        return out

    mentees = []
    for k, base in enumerate(common(n_mentees)):
        chosen = rng.choice(n_skills, size=5, replace=False)
        levels = rng.integers(0, 3, size=5)
        targets = np.minimum(4, levels + rng.integers(1, 4, size=5))
        prio = rng.integers(0, 4, size=5)
        mentees.append(
            {
                "id": mentee_ids[k],
                "levels": {skills[s]: int(v) for s, v in zip(chosen, levels, strict=True)},
                "targets": {skills[s]: int(v) for s, v in zip(chosen, targets, strict=True)},
                "priority": {skills[s]: int(v) for s, v in zip(chosen, prio, strict=True)},
                **base,
            }
        )
    mentors = []
    for k, base in enumerate(common(n_mentors)):
        chosen = rng.choice(n_skills, size=8, replace=False)
        levels = rng.integers(2, 5, size=8)
        mentors.append(
            {
                "id": mentor_ids[k],
                "levels": {skills[s]: int(v) for s, v in zip(chosen, levels, strict=True)},
                "capacity": capacity,
                **base,
            }
        )
    return _assemble(skills, mentees, mentors, forbidden=forbidden, pinned=pinned, rng=rng)


def scarce_instance(
    n_mentees: int,
    n_mentors: int,
    *,
    seed: int = 0,
    n_skills: int = 20,
    n_slots: int = 20,
    forbidden: int | None = None,
    pinned: int = 0,
) -> dict[str, Any]:
    """A valid instance dict with fewer places than mentees (see the module docstring);
    the same arguments always give the same instance. ``forbidden`` and ``pinned`` as in
    :func:`random_instance`."""
    rng = np.random.default_rng([seed, 15])
    skills = [f"skill{k:02d}" for k in range(n_skills)]
    departments = [f"Dept{k}" for k in range(12)]
    mentee_ids = [f"e{k}" for k in range(n_mentees)]
    mentor_ids = [f"m{k}" for k in range(n_mentors)]

    def common(count: int, chained: np.ndarray) -> list[dict[str, Any]]:
        lang = rng.choice(len(SCARCE_LANGS), size=count, p=SCARCE_LANG_SHARES)
        n_slot = rng.integers(0, 7, size=count)
        prefs = rng.integers(0, 3, size=(count, 3))
        given = rng.random((count, 3)) < 0.8
        dep = rng.integers(0, len(departments), size=count)
        no_dep = rng.random(count) < 0.05
        chain_len = rng.integers(2, 5, size=count)
        boss = rng.integers(0, max(1, n_mentors), size=count)
        out = []
        for k in range(count):
            pref = {}
            for key, values, col in (("pace", PACES, 0), ("style", STYLES, 1), ("mode", MODES, 2)):
                if given[k, col]:
                    pref[key] = values[prefs[k, col]]
            chain = [f"x{x}" for x in rng.integers(0, 10 * (count + 1), size=chain_len[k])]
            if chained[k] and n_mentors:
                chain[int(rng.integers(len(chain)))] = mentor_ids[boss[k]]
            out.append(
                {
                    "languages": SCARCE_LANGS[lang[k]],
                    "slots": sorted(rng.choice(n_slots, n_slot[k], replace=False).tolist()),
                    "preferences": pref,
                    "department": None if no_dep[k] else departments[dep[k]],
                    "chain": chain,
                }
            )
        return out

    mentees = []
    chained = rng.random(n_mentees) < SCARCE_CHAIN_SHARE
    for k, base in enumerate(common(n_mentees, chained)):
        chosen = rng.choice(n_skills, size=min(5, n_skills), replace=False)
        levels = rng.integers(0, 3, size=len(chosen))
        targets = np.minimum(4, levels + rng.integers(1, 4, size=len(chosen)))
        prio = rng.integers(0, 4, size=len(chosen))
        mentees.append(
            {
                "id": mentee_ids[k],
                "levels": {skills[s]: int(v) for s, v in zip(chosen, levels, strict=True)},
                "targets": {skills[s]: int(v) for s, v in zip(chosen, targets, strict=True)},
                "priority": {skills[s]: int(v) for s, v in zip(chosen, prio, strict=True)},
                **base,
            }
        )
    mentors = []
    capacity = rng.choice(SCARCE_CAPACITIES, size=n_mentors)
    for k, base in enumerate(common(n_mentors, np.zeros(n_mentors, bool))):
        chosen = rng.choice(n_skills, size=min(8, n_skills), replace=False)
        levels = rng.integers(2, 5, size=len(chosen))
        mentors.append(
            {
                "id": mentor_ids[k],
                "levels": {skills[s]: int(v) for s, v in zip(chosen, levels, strict=True)},
                "capacity": int(capacity[k]),
                **base,
            }
        )
    return _assemble(skills, mentees, mentors, forbidden=forbidden, pinned=pinned, rng=rng)


def _assemble(
    skills: list[str],
    mentees: list[dict[str, Any]],
    mentors: list[dict[str, Any]],
    *,
    forbidden: int | None,
    pinned: int,
    rng: np.random.Generator,
) -> dict[str, Any]:
    """The instance around its people: a few random forbidden pairs (one per hundred mentees
    unless ``forbidden`` says), the default weights, then ``pinned`` feasible pins."""
    n_mentees, n_mentors = len(mentees), len(mentors)
    n_forbidden = max(1, n_mentees // 100) if forbidden is None else forbidden
    forbidden_pairs = []
    if n_mentees and n_mentors:
        for _ in range(n_forbidden):
            forbidden_pairs.append(
                [mentees[rng.integers(n_mentees)]["id"], mentors[rng.integers(n_mentors)]["id"]]
            )
    instance: dict[str, Any] = {
        "skills": skills,
        "weights": {
            "skills": 0.6,
            "availability": 0.2,
            "preferences": 0.1,
            "cross_department": 0.1,
        },
        "mentees": mentees,
        "mentors": mentors,
        "forbidden": forbidden_pairs,
        "pinned": [],
    }
    if pinned:
        _add_pins(instance, pinned, rng)
    return instance


def _add_pins(instance: dict[str, Any], count: int, rng: np.random.Generator) -> None:
    """Pin up to ``count`` random pairs that respect every hard constraint."""
    mentors = instance["mentors"]
    forbidden = {tuple(p) for p in instance["forbidden"]}
    load: dict[str, int] = {}
    for mentee in rng.permutation(len(instance["mentees"])).tolist():
        if len(instance["pinned"]) >= count:
            break
        e = instance["mentees"][mentee]
        for j in rng.permutation(len(mentors)).tolist():
            m = mentors[j]
            if (
                set(e["languages"]) & set(m["languages"])
                and m["id"] not in e["chain"]
                and e["id"] not in m["chain"]
                and (e["id"], m["id"]) not in forbidden
                and load.get(m["id"], 0) < m["capacity"]
            ):
                instance["pinned"].append([e["id"], m["id"]])
                load[m["id"]] = load.get(m["id"], 0) + 1
                break
