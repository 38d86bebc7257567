"""Seeded random instances shaped like real programmes (tests and benchmarks).

About 20 skills, most people speak French and some only English (about 30 % of pairs share
no language), 3-6 of 20 weekly slots, chains of 3-5 managers, a few forbidden pairs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

PACES = ("slow", "steady", "fast")
STYLES = ("hands_on", "theory", "mixed")
MODES = ("remote", "onsite", "hybrid")
LANGS = (["fr"], ["fr", "en"], ["en"])


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
    """A valid instance dict; the same arguments always give the same instance."""
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
    n_forbidden = max(1, n_mentees // 100) if forbidden is None else forbidden
    forbidden_pairs = []
    if n_mentees and n_mentors:
        for _ in range(n_forbidden):
            forbidden_pairs.append(
                [mentee_ids[rng.integers(n_mentees)], mentor_ids[rng.integers(n_mentors)]]
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
