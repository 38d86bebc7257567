"""Every URL pattern of the project, tried as each role: who may, who may not.

A new URL pattern without a row here fails ``test_every_url_pattern_has_a_row``.
Statuses: 200 page, 302 redirect (anonymous -> login, or a completed POST), 403 wrong
role, 404 outsider who must not learn the object exists, 405 wrong method.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import client_for
from tests.factories import PersonFactory, SkillCategoryFactory, SkillFactory

ROLES = ("anonymous", "participant", "other_participant", "sponsor", "manager")


@dataclass(frozen=True)
class Row:
    method: str
    url: Callable[[dict], str]
    expect: dict[str, int]
    data: dict | None = None


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def _signed_in(status: int) -> dict[str, int]:
    return {**_all(status), "anonymous": 302}


MANAGER_ONLY = {
    "anonymous": 302,
    "participant": 403,
    "other_participant": 403,
    "sponsor": 403,
    "manager": 200,
}
PROGRAMME_VIEW = {
    "anonymous": 302,
    "participant": 200,
    "other_participant": 404,
    "sponsor": 403,
    "manager": 200,
}
PROGRAMME_CHANGE = {**PROGRAMME_VIEW, "participant": 403}

ROWS: dict[str, list[Row]] = {
    "home": [Row("get", lambda o: reverse("home"), _signed_in(200))],
    "help_levels": [Row("get", lambda o: reverse("help_levels"), _signed_in(200))],
    "set_language": [
        Row("post", lambda o: reverse("set_language"), _all(302), {"language": "en", "next": "/"}),
        Row("get", lambda o: reverse("set_language"), _all(405)),
    ],
    "login": [Row("get", lambda o: reverse("login"), {**_all(302), "anonymous": 200})],
    "logout": [Row("post", lambda o: reverse("logout"), _all(302))],
    "password_change": [Row("get", lambda o: reverse("password_change"), _signed_in(200))],
    "password_change_done": [
        Row("get", lambda o: reverse("password_change_done"), _signed_in(200))
    ],
    "password_reset": [Row("get", lambda o: reverse("password_reset"), _all(200))],
    "password_reset_done": [Row("get", lambda o: reverse("password_reset_done"), _all(200))],
    "password_reset_confirm": [
        Row(
            "get",
            lambda o: reverse(
                "password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"}
            ),
            _all(200),
        )
    ],
    "password_reset_complete": [
        Row("get", lambda o: reverse("password_reset_complete"), _all(200))
    ],
    "programmes:list": [Row("get", lambda o: reverse("programmes:list"), MANAGER_ONLY)],
    "programmes:create": [Row("get", lambda o: reverse("programmes:create"), MANAGER_ONLY)],
    "programmes:detail": [
        Row(
            "get",
            lambda o: reverse("programmes:detail", args=[o["programme"].slug]),
            PROGRAMME_VIEW,
        ),
        Row(
            "get",
            lambda o: reverse("programmes:detail", args=["no-such-programme"]),
            _signed_in(404),
        ),
    ],
    "programmes:edit": [
        Row(
            "get",
            lambda o: reverse("programmes:edit", args=[o["programme"].slug]),
            PROGRAMME_CHANGE,
        )
    ],
    "programmes:change_status": [
        Row(
            "post",
            lambda o: reverse("programmes:change_status", args=[o["programme"].slug]),
            {**PROGRAMME_CHANGE, "manager": 302},
            {"to": "recruiting"},
        ),
        Row(
            "get",
            lambda o: reverse("programmes:change_status", args=[o["programme"].slug]),
            _all(405),
        ),
    ],
    "people:directory": [Row("get", lambda o: reverse("people:directory"), MANAGER_ONLY)],
    "people:detail": [
        Row("get", lambda o: reverse("people:detail", args=[o["person"].pk]), MANAGER_ONLY)
    ],
    "skills:taxonomy": [Row("get", lambda o: reverse("skills:taxonomy"), MANAGER_ONLY)],
    "skills:category_create": [
        Row("get", lambda o: reverse("skills:category_create"), MANAGER_ONLY)
    ],
    "skills:category_edit": [
        Row("get", lambda o: reverse("skills:category_edit", args=[o["category"].pk]), MANAGER_ONLY)
    ],
    "skills:skill_create": [Row("get", lambda o: reverse("skills:skill_create"), MANAGER_ONLY)],
    "skills:skill_edit": [
        Row("get", lambda o: reverse("skills:skill_edit", args=[o["skill"].pk]), MANAGER_ONLY)
    ],
}


def _pattern_names(resolver: URLResolver, namespace: str = "") -> list[str]:
    names = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names += _pattern_names(entry, inner)
        elif isinstance(entry, URLPattern):
            names.append(f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>")
    return names


def test_every_url_pattern_has_a_row():
    names = _pattern_names(get_resolver())
    missing = sorted(set(names) - set(ROWS))
    assert not missing, f"URL patterns without an access-matrix row: {missing}"
    stale = sorted(set(ROWS) - set(names))
    assert not stale, f"Rows for URL patterns that no longer exist: {stale}"


CASES = [
    pytest.param(name, index, role, id=f"{name}[{index}]-{role}")
    for name, rows in ROWS.items()
    for index in range(len(rows))
    for role in ROLES
]


@pytest.mark.parametrize(("name", "index", "role"), CASES)
def test_access(name, index, role, programme, pair_member, stranger, sponsor, manager):
    users = {
        "anonymous": None,
        "participant": pair_member,
        "other_participant": stranger,
        "sponsor": sponsor,
        "manager": manager,
    }
    objects = {
        "programme": programme,
        "person": PersonFactory(),
        "category": SkillCategoryFactory(),
        "skill": SkillFactory(),
    }
    row = ROWS[name][index]
    client = client_for(users[role])
    url = row.url(objects)
    response = getattr(client, row.method)(url, row.data or {})
    assert response.status_code == row.expect[role], (
        f"{role} {row.method.upper()} {url}: got {response.status_code}, "
        f"expected {row.expect[role]}"
    )
    if role == "anonymous" and row.expect[role] == 302 and row.method == "get":
        assert response.url.startswith(reverse("login"))
