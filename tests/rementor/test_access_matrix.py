"""Every URL pattern of the project, tried as each role: who may, who may not.

Rows live beside each app's tests (``tests/rementor/<app>/access_rows.py``); a URL pattern
without a row fails ``test_every_url_pattern_has_a_row``. See ``tests/rementor/access.py``.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import PersonFactory, SkillCategoryFactory, SkillFactory, client_for
from tests.rementor.access import ROLES, Row


def _collect_rows() -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {}
    here = Path(__file__).parent
    for app in sorted(p.name for p in pkgutil.iter_modules([str(here)]) if p.ispkg):
        # access_rows.py, or access_rows_<part>.py when several parts of an app have URLs.
        for path in sorted((here / app).glob("access_rows*.py")):
            module = importlib.import_module(f"tests.rementor.{app}.{path.stem}")
            for name, app_rows in module.ROWS.items():
                assert name not in rows, f"{name} has rows in two modules"
                rows[name] = app_rows
    return rows


ROWS = _collect_rows()


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
        **{k: v for k, v in users.items() if v is not None},
        "programme": programme,
        "person": PersonFactory(),
        "category": SkillCategoryFactory(),
        "skill": SkillFactory(),
    }
    row = ROWS[name][index]
    if row.setup is not None:
        objects.update(row.setup(objects))
    client = client_for(users[role])
    url = row.url(objects)
    data = row.data(objects) if callable(row.data) else row.data
    response = getattr(client, row.method)(url, data or {})
    assert response.status_code == row.expect[role], (
        f"{role} {row.method.upper()} {url}: got {response.status_code}, "
        f"expected {row.expect[role]}"
    )
    if role == "anonymous" and row.expect[role] == 302 and row.method == "get":
        assert response.url.startswith(reverse("login"))
