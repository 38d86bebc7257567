"""One figure as the results pages show it (:class:`Stat`), and what every figure module
builds it with: the hidden states, the sponsors' suppression called for counts, the neutral
word for tables whose labels would give counts away."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from rementor.analytics import suppression
from rementor.core.numbers import format_number, round_half_up
from rementor.programmes.models import Role

ROLES = (Role.MENTEE, Role.MENTOR)
TOTAL = "total"


class State(StrEnum):
    SHOWN = "shown"
    EMPTY = "empty"  # nobody behind the figure
    SMALL = "small"  # fewer than the minimum group size (sponsors)
    PROTECTED = "protected"  # hidden so that a small group cannot be worked out from totals
    # Hidden, in a table where "fewer than 5" and "hidden*" would themselves tell the counts
    # (suppression.UNLABELLED): one neutral word for every hidden figure of the table.
    WITHHELD = "withheld"


@dataclass(frozen=True)
class Stat:
    """One figure as shown: ``value`` and ``n`` (people or pairs behind it) are None unless
    ``state`` is SHOWN. ``extra`` holds further figures of the same group (hidden together)."""

    state: State
    value: float | None = None
    n: int | None = None
    extra: Mapping[str, float | None] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.state == State.SHOWN

    def get(self, key: str) -> float | None:
        return self.extra.get(key) if self.shown else None


EMPTY = Stat(State.EMPTY)


def role_labels() -> dict[str, str]:
    return {Role.MENTEE: _("Mentees"), Role.MENTOR: _("Mentors"), TOTAL: _("Everyone")}


def stat_for(
    n: int,
    value: float | None,
    *,
    hidden: bool = False,
    min_size: int | None,
    small: bool = False,
    extra: Mapping[str, float | None] | None = None,
) -> Stat:
    """The figure ``value`` of ``n`` people (or pairs) as shown: ``hidden`` by the
    suppression, labelled small or protected; ``small``: hidden because a part of the group
    (a category) is small."""
    if not n:
        return EMPTY
    if min_size is not None and (n < min_size or (hidden and small)):
        return Stat(State.SMALL)
    if hidden:
        return Stat(State.PROTECTED)
    return Stat(State.SHOWN, value=value, n=n, extra=dict(extra or {}))


def count_stat(n: int, *, hidden: bool, min_size: int | None) -> Stat:
    """A count: 0 is shown to everyone, small counts hidden from sponsors."""
    if not n:
        return Stat(State.SHOWN, value=0, n=0)
    return stat_for(n, n, hidden=hidden, min_size=min_size)


def waiting_stat(stat: Stat, waiting: bool) -> Stat:
    """A figure on responses none of which sponsors may see yet: "fewer than 5", not "none"."""
    return Stat(State.SMALL) if waiting and stat.state == State.EMPTY else stat


def rounded(value: float, digits: int = 0) -> Decimal:
    """``value`` rounded half up (2.5 -> 3): :func:`rementor.core.numbers.round_half_up`, the
    one rounding of every figure printed (page, verdict, report)."""
    return round_half_up(value, digits)


def formatted(value: float, digits: int = 0) -> str:
    """``value`` as printed, rounded half up, in the active language's format."""
    return format_number(value, digits)


def percent(value: float) -> str:
    """A share (0-1) as printed: whole per cent, rounded half up, with its sign."""
    return format_number(value, 0, scale=100) + "\u00a0%"


def share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def hidden_counts(
    counts: Mapping[Hashable, int],
    *,
    min_size: int | None,
    sums: Mapping[Hashable, list] | Iterable[tuple] = (),
    differences: Iterable[tuple] = (),
    hidden: Iterable[Hashable] = (),
) -> set:
    """:func:`rementor.analytics.suppression.suppress_counts`, or nothing for managers."""
    if min_size is None:
        return set()
    return suppression.suppress_counts(
        counts, min_size=min_size, sums=sums, differences=differences, hidden=hidden
    )


def withheld(value, hidden: set):
    """``value`` (a table's stats, in tuples, mappings and dataclasses) with every hidden
    figure labelled neutrally when ``hidden`` says the labels would give counts away."""
    if suppression.UNLABELLED not in hidden:
        return value
    return _neutral(value)


def _neutral(value):
    if isinstance(value, Stat):
        return Stat(State.WITHHELD) if value.state in (State.SMALL, State.PROTECTED) else value
    if isinstance(value, tuple):
        return tuple(_neutral(item) for item in value)
    if isinstance(value, list):
        return [_neutral(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _neutral(item) for key, item in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return dataclasses.replace(
            value, **{name: _neutral(getattr(value, name)) for name in value.__dataclass_fields__}
        )
    return value


def states(value) -> Iterable[State]:
    """The state of every figure in ``value`` (stats in tuples, mappings and dataclasses)."""
    if isinstance(value, Stat):
        yield value.state
    elif isinstance(value, tuple | list):
        for item in value:
            yield from states(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from states(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from states(getattr(value, name))
