"""An independent, deliberately naive implementation of the documented scoring and hard
constraints (pure Python, straight from the issue text), used to cross-check the engine:
``check_result`` asserts a result keeps every hard constraint and recomputes its total."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

DEFAULT_WEIGHTS = {"skills": 0.6, "availability": 0.2, "preferences": 0.1, "cross_department": 0.1}


def terms(inst: dict[str, Any], e: dict[str, Any], m: dict[str, Any]) -> dict[str, int]:
    """Weighted terms in integer units of 1e-6, rounded half to even like the engine."""
    w = {**DEFAULT_WEIGHTS, **inst.get("weights", {})}
    num = den = 0
    for s in inst["skills"]:
        c = e.get("levels", {}).get(s, 0)
        t = e.get("targets", {}).get(s, c)
        p = e.get("priority", {}).get(s, 0)
        q = m.get("levels", {}).get(s, 0)
        g = max(0, t - c)
        u = min(g, max(0, q - c))
        num += p * u
        den += p * g
    f = num / den if den > 0 else 0.0
    se, sm = set(e.get("slots", [])), set(m.get("slots", []))
    a = min(len(se & sm), 3) / 3.0 if se and sm else 0.5
    pe, pm = e.get("preferences", {}), m.get("preferences", {})
    shared = [k for k in ("pace", "style", "mode") if k in pe and k in pm]
    if shared:
        agree = sum(pe[k] == pm[k] or (k == "mode" and "hybrid" in (pe[k], pm[k])) for k in shared)
        p_ = agree / len(shared)
    else:
        p_ = 0.5
    de, dm = e.get("department"), m.get("department")
    cross = 1.0 if de is not None and dm is not None and de != dm else 0.0
    return {
        "skills": round(w["skills"] * f * 1e6),
        "availability": round(w["availability"] * a * 1e6),
        "preferences": round(w["preferences"] * p_ * 1e6),
        "cross_department": round(w["cross_department"] * cross * 1e6),
    }


def units(inst: dict[str, Any], e: dict[str, Any], m: dict[str, Any]) -> int:
    return sum(terms(inst, e, m).values())


def feasible(inst: dict[str, Any], e: dict[str, Any], m: dict[str, Any]) -> bool:
    if not set(e.get("languages", [])) & set(m.get("languages", [])):
        return False
    if m["id"] in e.get("chain", []) or e["id"] in m.get("chain", []):
        return False
    return [e["id"], m["id"]] not in [list(p) for p in inst.get("forbidden", [])]


def check_result(inst: dict, result) -> int:
    """Assert every hard constraint; return the total in units (recomputed independently)."""
    mentees = {e["id"]: e for e in inst["mentees"]}
    mentors = {m["id"]: m for m in inst["mentors"]}
    seen = set()
    load: dict[str, int] = {}
    total = 0
    for p in result.pairs:
        assert p.mentee not in seen
        seen.add(p.mentee)
        e, m = mentees[p.mentee], mentors[p.mentor]
        assert feasible(inst, e, m)
        load[p.mentor] = load.get(p.mentor, 0) + 1
        expected = units(inst, e, m)
        assert round(p.score * 1e6) == expected
        assert sum(round(v * 1e6) for v in p.explanation.values()) == expected
        total += expected
    for mid, count in load.items():
        assert count <= mentors[mid].get("capacity", 1)
    pairs = {(p.mentee, p.mentor) for p in result.pairs}
    assert all(tuple(pin) in pairs for pin in inst["pinned"])
    assert {u.mentee for u in result.unmatched} == set(mentees) - seen
    assert round(result.total_score * 1e6) == total
    return total


def pin_where_it_fits(inst: dict[str, Any], wants_pin: Callable[[dict[str, Any]], bool]) -> None:
    """Pin each mentee ``wants_pin`` picks to the first mentor that may take them and still
    has room, so pins keep every hard constraint and capacity (pins that fill a mentor)."""
    load: dict[str, int] = {}
    for e in inst["mentees"]:
        if wants_pin(e):
            for mt in inst["mentors"]:
                if feasible(inst, e, mt) and load.get(mt["id"], 0) < mt["capacity"]:
                    inst["pinned"].append([e["id"], mt["id"]])
                    load[mt["id"]] = load.get(mt["id"], 0) + 1
                    break


def brute_force(inst: dict) -> tuple[int, int]:
    """(max matched count, best total units) over every assignment that keeps the pins and
    the capacities, by recursion over the mentees with the mentors' loads as state."""
    mentees, mentors = inst["mentees"], inst["mentors"]
    pinned = {e: m for e, m in inst["pinned"]}
    m_ids = [m["id"] for m in mentors]
    options = []
    for e in mentees:
        if e["id"] in pinned:
            k = m_ids.index(pinned[e["id"]])
            options.append([(k, units(inst, e, mentors[k]))])
        else:
            options.append(
                [None]
                + [(k, units(inst, e, m)) for k, m in enumerate(mentors) if feasible(inst, e, m)]
            )
    caps = tuple(m["capacity"] for m in mentors)

    @functools.cache
    def best(i: int, loads: tuple[int, ...]) -> tuple[int, int]:
        if i == len(mentees):
            return (0, 0)
        out = (-(10**9), 0)
        for opt in options[i]:
            if opt is None:
                out = max(out, best(i + 1, loads))
                continue
            k, score = opt
            if loads[k] < caps[k]:
                count, total = best(i + 1, (*loads[:k], loads[k] + 1, *loads[k + 1 :]))
                out = max(out, (count + 1, total + score))
        return out

    return best(0, (0,) * len(mentors))
