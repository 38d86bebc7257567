"""Instance model: frozen dataclasses, their defaults and the bounds of the format.

The rules of the format (parsing and checks, :func:`matchengine.load_instance`) live in
:mod:`matchengine.validation`; this module imports nothing else of the engine, so every
other module may import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PREFERENCE_KEYS: tuple[str, ...] = ("pace", "style", "mode")
MAX_LEVEL = 4
MAX_PRIORITY = 3
# Integer score units are int64 and the flow solver scales costs by the node count; bounding
# the weights keeps every product far from overflow (see docs/matchengine.md).
MAX_WEIGHT_SUM = 100.0


class InvalidInstance(ValueError):
    """The instance breaks the documented format; ``item`` names the offending item."""

    def __init__(self, message: str, *, item: str = "") -> None:
        super().__init__(message)
        self.item = item


@dataclass(frozen=True)
class Weights:
    """Weights of the four scoring terms (the defaults are the documented ones)."""

    skills: float = 0.6
    availability: float = 0.2
    preferences: float = 0.1
    cross_department: float = 0.1


@dataclass(frozen=True)
class Mentee:
    """A person who wants to learn; levels/targets/priority map skill -> integer."""

    id: str
    levels: Mapping[str, int] = field(default_factory=dict)
    targets: Mapping[str, int] = field(default_factory=dict)
    priority: Mapping[str, int] = field(default_factory=dict)
    languages: tuple[str, ...] = ()
    slots: tuple[int, ...] = ()
    preferences: Mapping[str, str] = field(default_factory=dict)
    department: str | None = None
    chain: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mentor:
    """A person who teaches; ``capacity`` is the most mentees they take."""

    id: str
    levels: Mapping[str, int] = field(default_factory=dict)
    capacity: int = 1
    languages: tuple[str, ...] = ()
    slots: tuple[int, ...] = ()
    preferences: Mapping[str, str] = field(default_factory=dict)
    department: str | None = None
    chain: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """A validated instance. Build it with :func:`load_instance` (or validate with
    :func:`check_problem` when building the dataclasses by hand)."""

    skills: tuple[str, ...]
    mentees: tuple[Mentee, ...]
    mentors: tuple[Mentor, ...]
    weights: Weights = Weights()
    forbidden: tuple[tuple[str, str], ...] = ()
    pinned: tuple[tuple[str, str], ...] = ()
    # Numeric arrays derived once per problem (scoring.compile_problem); not part of equality.
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
