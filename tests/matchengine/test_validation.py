"""Every invalid-instance error names the offending item."""

from __future__ import annotations

import copy

import pytest

from matchengine import InvalidInstance, load_instance

BASE = {
    "skills": ["linkedin", "slack"],
    "mentees": [
        {"id": "e1", "languages": ["fr"], "chain": ["boss"]},
        {"id": "e2", "languages": ["fr"]},
    ],
    "mentors": [
        {"id": "m1", "languages": ["fr"], "capacity": 1},
        {"id": "m2", "languages": ["en"]},
    ],
}


def _with(path: str, value) -> dict:
    inst = copy.deepcopy(BASE)
    target = inst
    keys = path.split(".")
    for k in keys[:-1]:
        target = target[int(k)] if k.isdigit() else target[k]
    last = keys[-1]
    if last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return inst


CASES = [
    ("mentees.0.levels", {"pyhton": 2}, "unknown skill 'pyhton'"),
    ("mentors.0.levels", {"slack": 5}, "outside 0-4"),
    ("mentees.0.targets", {"slack": -1}, "outside 0-4"),
    ("mentees.0.priority", {"slack": 4}, "outside 0-3"),
    ("mentees.0.levels", {"slack": "high"}, "must be an integer"),
    ("mentees.0.levels", {"slack": True}, "must be an integer"),
    ("mentees.1.id", "e1", 'mentee "e1": duplicate id'),
    ("mentors.1.id", "e1", 'mentor "e1": duplicate id'),
    ("mentees.0.id", 7, "id must be a non-empty string"),
    ("mentors.0.capacity", -1, "capacity must be a non-negative integer"),
    ("mentors.0.capacity", 1.5, "capacity must be a non-negative integer"),
    ("mentees.0.languages", "fr", "languages must be a list"),
    ("mentees.0.slots", [1, "2"], "slots must be a list of non-negative integers"),
    ("mentees.0.slots", [3, -1], "slots must be a list of non-negative integers"),
    ("mentors.0.slots", [True], "slots must be a list of non-negative integers"),
    ("mentors.0.levels", {"slack": 2.0}, "must be an integer"),
    ("mentees.0.preferences", {"colour": "red"}, "unknown preference 'colour'"),
    ("mentees.0.department", 3, "department must be a non-empty string or null"),
    ("mentees.0.capcity", 3, "unknown field 'capcity'"),
    ("skills", ["a", "a"], "duplicate skill 'a'"),
    ("weights", {"skills": -1}, "non-negative number"),
    ("weights", {"skill": 1}, "unknown weight 'skill'"),
    (
        "weights",
        {"skills": 0, "availability": 0, "preferences": 0, "cross_department": 0},
        "add up to more than 0",
    ),
    ("forbidden", [["e1", "m9"]], "forbidden[0]: unknown mentor 'm9'"),
    ("forbidden", [["m1", "e1"]], "forbidden[0]: unknown mentee 'm1'"),
    ("forbidden", [["e1"]], "must be a [mentee id, mentor id] pair"),
    ("pinned", [["e9", "m1"]], "pinned[0]: unknown mentee 'e9'"),
    ("pinned", [["e1", "m2"]], "no common language"),
    ("pinned", [["e1", "m1"], ["e2", "m1"]], "would exceed capacity 1"),
    ("pinned", [["e1", "m1"], ["e1", "m1"]], "pinned twice"),
    ("mentees", {"id": "e1"}, "mentees: must be a list"),
    ("mentees.0", "e1", "each mentee must be an object"),
]


@pytest.mark.parametrize(("path", "value", "message"), CASES)
def test_load_instance_invalid_names_item(path, value, message):
    with pytest.raises(InvalidInstance) as err:
        load_instance(_with(path, value))
    assert message in str(err.value)


def test_load_instance_pinned_in_reporting_line_rejected():
    inst = copy.deepcopy(BASE)
    inst["mentees"][0]["chain"] = ["m1"]
    inst["pinned"] = [["e1", "m1"]]
    with pytest.raises(InvalidInstance, match=r"pinned\[0\] \(e1, m1\).*reporting line"):
        load_instance(inst)


def test_load_instance_pinned_forbidden_rejected():
    inst = copy.deepcopy(BASE)
    inst["forbidden"] = [["e1", "m1"]]
    inst["pinned"] = [["e1", "m1"]]
    with pytest.raises(InvalidInstance, match="the pair is forbidden"):
        load_instance(inst)


def test_load_instance_not_an_object_rejected():
    with pytest.raises(InvalidInstance, match="must be a JSON object"):
        load_instance([])  # type: ignore[arg-type]


def test_load_instance_defaults_applied():
    problem = load_instance(BASE)
    assert problem.mentors[1].capacity == 1
    assert problem.weights.skills == 0.6
    assert problem.mentees[1].department is None
