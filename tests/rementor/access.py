"""Building blocks of the access matrix (``test_access_matrix.py``).

Each app lists its URL patterns in ``tests/rementor/<app>/access_rows.py`` as
``ROWS = {"namespace:name": [Row(...), ...]}``. ``url`` receives a dict ``o`` with the base
objects (``programme``, ``person``, ``category``, ``skill``, and the users ``participant``,
``other_participant``, ``sponsor``, ``manager``) plus whatever ``setup(o)`` returns.

Statuses: 200 page, 302 redirect (anonymous -> login, or a completed POST), 403 wrong role,
404 outsider who must not learn the object exists, 405 wrong method. Anonymous visitors are
sent to the sign-in page before any other check (LoginRequiredMiddleware), whatever the
method, except on the few pages open to them (sign-in, invitation links, the privacy notice).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ROLES = ("anonymous", "participant", "other_participant", "sponsor", "manager")


@dataclass(frozen=True)
class Row:
    method: str
    url: Callable[[dict], str]
    expect: dict[str, int]
    data: dict | Callable[[dict], dict] | None = None
    setup: Callable[[dict], dict] | None = None


def every(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int) -> dict[str, int]:
    return {**every(status), "anonymous": 302}


MANAGER_ONLY = {
    "anonymous": 302,
    "participant": 403,
    "other_participant": 403,
    "sponsor": 403,
    "manager": 200,
}
# Pages of ``programme`` for its participants: outsiders must not learn it exists.
PROGRAMME_VIEW = {
    "anonymous": 302,
    "participant": 200,
    "other_participant": 404,
    "sponsor": 403,
    "manager": 200,
}
PROGRAMME_CHANGE = {**PROGRAMME_VIEW, "participant": 403}
