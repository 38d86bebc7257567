"""The rules of the instance format: parsing the documented dict and the cross-item checks.

``load_instance`` turns the documented JSON-like dict into a :class:`~matchengine.problem.Problem`;
every rule it enforces raises :class:`~matchengine.problem.InvalidInstance` with a message
naming the offending item, so the CLI and the web app can show it as is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .constraints import pair_violation
from .problem import (
    MAX_LEVEL,
    MAX_PRIORITY,
    MAX_WEIGHT_SUM,
    PREFERENCE_KEYS,
    InvalidInstance,
    Mentee,
    Mentor,
    Problem,
    Weights,
)

# --------------------------------------------------------------------------- parsing helpers


def _fail(item: str, message: str) -> InvalidInstance:
    return InvalidInstance(f"{item}: {message}" if item else message, item=item)


def _is_int(value: object) -> bool:
    # bool is an int subclass; true/false in JSON is never a level or a slot.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _str_list(value: object, item: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise _fail(item, f"{name} must be a list of strings")
    for v in value:
        if not isinstance(v, str) or not v:
            raise _fail(item, f"{name} must contain non-empty strings, got {v!r}")
    return tuple(value)


def _int_map(value: object, item: str, name: str) -> dict[str, int]:
    # JSON gives plain dicts of str -> int: check those in one pass (bool is not int here)
    if (
        type(value) is dict
        and all(type(v) is int for v in value.values())
        and all(type(k) is str for k in value)
    ):
        return dict(value)
    if not isinstance(value, Mapping):
        raise _fail(item, f"{name} must be an object mapping skill to integer")
    out: dict[str, int] = {}
    for k, v in value.items():
        if not _is_int(v):
            raise _fail(item, f"{name}[{k!r}] must be an integer, got {v!r}")
        out[str(k)] = int(v)
    return out


def _person_common(raw: Mapping[str, Any], item: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    out["levels"] = _int_map(raw.get("levels", {}), item, "levels")
    out["languages"] = _str_list(raw.get("languages", []), item, "languages")
    slots = raw.get("slots", [])
    plain = type(slots) is list and all(type(s) is int for s in slots)
    if plain and (not slots or min(slots) >= 0):
        pass  # the usual case, checked in two passes over plain ints
    elif not isinstance(slots, list | tuple) or not all(_is_int(s) and s >= 0 for s in slots):
        raise _fail(item, "slots must be a list of non-negative integers")
    out["slots"] = tuple(sorted(set(slots)))
    prefs = raw.get("preferences", {})
    if not isinstance(prefs, Mapping):
        raise _fail(item, "preferences must be an object")
    for k, v in prefs.items():
        if k not in PREFERENCE_KEYS:
            raise _fail(item, f"unknown preference {k!r} (expected one of pace, style, mode)")
        if not isinstance(v, str) or not v:
            raise _fail(item, f"preference {k!r} must be a non-empty string")
    out["preferences"] = dict(prefs)
    dep = raw.get("department")
    if dep is not None and (not isinstance(dep, str) or not dep):
        raise _fail(item, "department must be a non-empty string or null")
    out["department"] = dep
    out["chain"] = _str_list(raw.get("chain", []), item, "chain")
    return out


_MENTEE_KEYS = frozenset(
    {"id", "levels", "targets", "priority", "languages", "slots", "preferences"}
    | {"department", "chain"}
)
_MENTOR_KEYS = frozenset(
    {"id", "levels", "capacity", "languages", "slots", "preferences", "department", "chain"}
)


def _person_id(raw: object, role: str, index: int) -> tuple[str, str]:
    if not isinstance(raw, Mapping):
        raise _fail(f"{role}s[{index}]", f"each {role} must be an object")
    pid = raw.get("id")
    if not isinstance(pid, str) or not pid:
        raise _fail(f"{role}s[{index}]", "id must be a non-empty string")
    return pid, f'{role} "{pid}"'


def _check_keys(raw: Mapping[str, Any], allowed: frozenset[str], item: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise _fail(item, f"unknown field {unknown[0]!r}")


def _parse_mentee(raw: object, index: int) -> Mentee:
    pid, item = _person_id(raw, "mentee", index)
    assert isinstance(raw, Mapping)
    _check_keys(raw, _MENTEE_KEYS, item)
    common = _person_common(raw, item)
    return Mentee(
        id=pid,
        targets=_int_map(raw.get("targets", {}), item, "targets"),
        priority=_int_map(raw.get("priority", {}), item, "priority"),
        **common,
    )


def _parse_mentor(raw: object, index: int) -> Mentor:
    pid, item = _person_id(raw, "mentor", index)
    assert isinstance(raw, Mapping)
    _check_keys(raw, _MENTOR_KEYS, item)
    common = _person_common(raw, item)
    capacity = raw.get("capacity", 1)
    if not _is_int(capacity) or capacity < 0:
        raise _fail(item, f"capacity must be a non-negative integer, got {capacity!r}")
    return Mentor(id=pid, capacity=int(capacity), **common)


def _parse_pairs(value: object, name: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list | tuple):
        raise _fail(name, "must be a list of [mentee id, mentor id] pairs")
    out = []
    for k, pair in enumerate(value):
        if (
            not isinstance(pair, list | tuple)
            or len(pair) != 2
            or not all(isinstance(x, str) for x in pair)
        ):
            raise _fail(f"{name}[{k}]", f"must be a [mentee id, mentor id] pair, got {pair!r}")
        out.append((pair[0], pair[1]))
    return tuple(out)


def _parse_weights(value: object) -> Weights:
    if value is None:
        return Weights()
    if not isinstance(value, Mapping):
        raise _fail("weights", "must be an object")
    known = {"skills", "availability", "preferences", "cross_department"}
    for k, v in value.items():
        if k not in known:
            raise _fail("weights", f"unknown weight {k!r}")
        if not _is_number(v) or not (v >= 0):
            raise _fail("weights", f"{k} must be a non-negative number, got {v!r}")
    return Weights(**{k: float(v) for k, v in value.items()})


_TOP_KEYS = frozenset({"skills", "weights", "mentees", "mentors", "forbidden", "pinned"})


def load_instance(data: Mapping[str, Any]) -> Problem:
    """Validate an instance dict (the documented JSON format) and return a :class:`Problem`.

    Raises :class:`InvalidInstance` naming the first offending item.
    """
    if not isinstance(data, Mapping):
        raise _fail("", "the instance must be a JSON object")
    _check_keys(data, _TOP_KEYS, "instance")
    skills = _str_list(data.get("skills", []), "skills", "skills")
    for key in ("mentees", "mentors"):
        if not isinstance(data.get(key, []), list):
            raise _fail(key, "must be a list")
    problem = Problem(
        skills=skills,
        weights=_parse_weights(data.get("weights")),
        mentees=tuple(_parse_mentee(r, k) for k, r in enumerate(data.get("mentees", []))),
        mentors=tuple(_parse_mentor(r, k) for k, r in enumerate(data.get("mentors", []))),
        forbidden=_parse_pairs(data.get("forbidden", []), "forbidden"),
        pinned=_parse_pairs(data.get("pinned", []), "pinned"),
    )
    check_problem(problem)
    return problem


# --------------------------------------------------------------------------- semantic checks


def _check_levels(values: Mapping[str, int], skills: set[str], item: str, name: str, top: int):
    for skill, level in values.items():
        if skill not in skills:
            raise _fail(item, f"unknown skill {skill!r} in {name}")
        if not 0 <= level <= top:
            raise _fail(item, f"{name}[{skill!r}] = {level} is outside 0-{top}")


def check_problem(problem: Problem) -> None:
    """Check the cross-item rules (ids, skills, ranges, forbidden and pinned pairs)."""
    w = problem.weights
    total = w.skills + w.availability + w.preferences + w.cross_department
    if not 0 < total <= MAX_WEIGHT_SUM:
        raise _fail(
            "weights", f"the weights must add up to more than 0 and at most 100, got {total}"
        )
    if len(set(problem.skills)) != len(problem.skills):
        dup = next(s for s in problem.skills if problem.skills.count(s) > 1)
        raise _fail("skills", f"duplicate skill {dup!r}")
    skills = set(problem.skills)
    seen: set[str] = set()
    for person in (*problem.mentees, *problem.mentors):
        role = "mentee" if isinstance(person, Mentee) else "mentor"
        item = f'{role} "{person.id}"'
        if person.id in seen:
            raise _fail(item, "duplicate id")
        seen.add(person.id)
        _check_levels(person.levels, skills, item, "levels", MAX_LEVEL)
        if isinstance(person, Mentee):
            _check_levels(person.targets, skills, item, "targets", MAX_LEVEL)
            _check_levels(person.priority, skills, item, "priority", MAX_PRIORITY)
        elif person.capacity < 0:
            raise _fail(item, "capacity must be a non-negative integer")

    mentees = {m.id: m for m in problem.mentees}
    mentors = {m.id: m for m in problem.mentors}

    def lookup(pair: Sequence[str], name: str, k: int) -> tuple[Mentee, Mentor]:
        e, m = pair
        if e not in mentees:
            raise _fail(f"{name}[{k}]", f"unknown mentee {e!r}")
        if m not in mentors:
            raise _fail(f"{name}[{k}]", f"unknown mentor {m!r}")
        return mentees[e], mentors[m]

    for k, pair in enumerate(problem.forbidden):
        lookup(pair, "forbidden", k)
    forbidden = set(problem.forbidden)
    pinned_mentees: set[str] = set()
    load: dict[str, int] = {}
    for k, pair in enumerate(problem.pinned):
        mentee, mentor = lookup(pair, "pinned", k)
        item = f"pinned[{k}] ({mentee.id}, {mentor.id})"
        if mentee.id in pinned_mentees:
            raise _fail(item, f"mentee {mentee.id!r} is pinned twice")
        pinned_mentees.add(mentee.id)
        why = pair_violation(mentee, mentor, forbidden)
        if why:
            raise _fail(item, f"breaks a hard constraint: {why.reason}")
        load[mentor.id] = load.get(mentor.id, 0) + 1
        if load[mentor.id] > mentor.capacity:
            raise _fail(item, f"mentor {mentor.id!r} would exceed capacity {mentor.capacity}")
