"""The audit trail at scale: pages that never break whatever the address says, filters kept in
the page links, a constant number of queries at two sizes, and for programme managers only."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from rementor.audit.events import Event, record
from tests.factories import UserFactory, client_for
from tests.rementor.lists import HOSTILE_PAGES, page_links, queries, rows

pytestmark = pytest.mark.django_db

URL = "/audit/"


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr("rementor.audit.views.PAGE_SIZE", 2)


def _exports(count: int, *, actor=None, file="pairs.csv") -> None:
    for _ in range(count):
        record(event=Event.EXPORT, actor=actor or UserFactory(), details={"file": file})


def _get(user, language="en", **params):
    return client_for(user).get(reverse("audit:trail"), params, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_a_page_number_never_breaks_the_page(manager, small_pages, page):
    LogEntry.objects.all().delete()
    _exports(3)
    response = _get(manager, event="export", page=page)
    assert response.status_code == 200
    assert rows(response) in (1, 2)


def test_pages_keep_every_filter(manager, small_pages):
    _exports(5, actor=manager)
    first = _get(manager, event="export", actor="hr@", date_from="2000-01-01")
    assert rows(first) == 2
    assert "?event=export&amp;actor=hr%40&amp;date_from=2000-01-01&amp;page=2" in page_links(first)
    assert rows(_get(manager, event="export", actor="hr@", page=3)) == 1


def test_an_empty_result_says_so(manager):
    body = _get(manager, actor="nobody-at-all@").content.decode()
    assert 'data-testid="no-list-rows"' in body and "No entry matches these filters." in body


def test_participants_never_read_the_trail_whatever_the_filters(pair_member):
    _exports(1, file="secret-export.csv")
    for params in ({}, {"event": "export"}, {"q": "secret", "page": "2"}):
        response = _get(pair_member, **params)
        assert response.status_code == 403
        assert "secret-export.csv" not in response.content.decode()


def test_queries_do_not_grow_with_the_entries(manager, small_pages):
    client = client_for(manager)
    LogEntry.objects.all().delete()
    _exports(1)
    filtered = {"event": "export", "actor": "example", "date_from": "2000-01-01", "page": "2"}
    small, small_filtered = queries(client, URL), queries(client, URL, filtered)
    _exports(40)
    assert queries(client, URL) == small
    assert queries(client, URL, filtered) == small_filtered


def test_the_page_speaks_both_languages(manager, small_pages):
    LogEntry.objects.all().delete()
    _exports(3, actor=manager)
    english = _get(manager, event="export").content.decode()
    assert "3 entries" in english and "Showing 1 to 2." in english
    french = _get(manager, "fr", event="export").content.decode()
    assert "Affichés : du 1 au 2." in french and ">Suivant<" in french
