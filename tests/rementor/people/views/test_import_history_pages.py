"""The import history at scale: filtered (file name, status, upload dates), cut into pages
that keep the filters, never an error page whatever the address says, a constant number of
queries, and for programme managers only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rementor.people.models import ImportBatch, ImportStatus
from tests.factories import client_for
from tests.rementor.lists import HOSTILE_PAGES, page_links, queries, rows

pytestmark = pytest.mark.django_db

URL = "/people/import/history/"


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr("rementor.people.views.importing.HISTORY_PAGE_SIZE", 2)


def _batch(name="hris.csv", *, by=None, status=ImportStatus.APPLIED, days_ago=0):
    batch = ImportBatch.objects.create(
        filename=name, sha256="0" * 64, status=status, created_by=by, rows=[{"secret": "row"}]
    )
    when = timezone.now() - dt.timedelta(days=days_ago)
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=when)
    return batch


def _get(user, language="en", **params):
    return client_for(user).get(
        reverse("people:import_history"), params, HTTP_ACCEPT_LANGUAGE=language
    )


def test_the_address_is_the_history():
    assert reverse("people:import_history") == URL


def test_filters_by_file_status_and_dates_and_pages_keep_them(manager, small_pages):
    for index in range(5):
        _batch(f"paie-{index}.csv", by=manager, days_ago=index)
    _batch("paie-old.csv", days_ago=100)
    _batch("other.xlsx", status=ImportStatus.FAILED)
    first = _get(manager, q="paie", status="applied")
    assert rows(first) == 2
    assert "?q=paie&amp;status=applied&amp;page=2" in page_links(first)
    assert rows(_get(manager, q="paie", status="applied", page=3)) == 2
    assert rows(_get(manager, status="failed")) == 1
    since = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    assert "paie-old.csv" not in _get(manager, q="paie", date_from=since).content.decode()
    until = (timezone.localdate() - dt.timedelta(days=50)).isoformat()
    old = _get(manager, date_to=until)
    assert rows(old) == 1 and "paie-old.csv" in old.content.decode()
    none = _get(manager, q="nothing-like-it").content.decode()
    assert "No import matches these filters." in none


@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_a_page_number_never_breaks_the_page(manager, small_pages, page):
    for index in range(3):
        _batch(f"{index}.csv")
    response = _get(manager, page=page)
    assert response.status_code == 200
    assert rows(response) in (1, 2)


@pytest.mark.parametrize(
    "params",
    [
        {"status": "<script>alert(1)</script>"},
        {"date_from": "31/02/2026"},
        {"date_from": "2026-09-10", "date_to": "2026-09-01"},
        {"date_to": "0000-00-00"},
        {"q": "x" * 5000},
        {"q": "%_\\'\"<b>"},
    ],
)
def test_hostile_filters_are_dropped_not_errors(manager, params):
    _batch()
    response = _get(manager, **params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body and "<b>" not in body
    if "q" not in params or len(params["q"]) > 255:
        assert rows(response) == 1  # the bad filter is left out, not the rows


def test_dates_the_wrong_way_round_are_named(manager):
    body = _get(manager, date_from="2026-09-10", date_to="2026-09-01").content.decode()
    assert "The start date is after the end date." in body


def test_participants_never_see_the_history_whatever_the_filters(pair_member):
    _batch("secret-payroll.csv")
    for params in ({}, {"q": "payroll"}, {"page": "2"}):
        response = _get(pair_member, **params)
        assert response.status_code == 403
        assert "secret-payroll" not in response.content.decode()


def test_queries_do_not_grow_with_the_imports(manager, small_pages):
    client = client_for(manager)
    _batch(by=manager)
    filtered = {"q": "csv", "status": "applied", "date_from": "2000-01-01", "page": "2"}
    small, small_filtered = queries(client, URL), queries(client, URL, filtered)
    for index in range(20):
        _batch(f"{index}.csv", by=manager if index % 2 else None)
    assert queries(client, URL) == small
    assert queries(client, URL, filtered) == small_filtered


def test_the_page_speaks_both_languages(manager, small_pages):
    for index in range(3):
        _batch(f"{index}.csv")
    english = _get(manager).content.decode()
    assert "3 imports" in english and "Showing 1 to 2." in english
    french = _get(manager, "fr", status="applied").content.decode()
    assert "3 imports" in french and "Affichés : du 1 au 2." in french
    assert ">Suivant<" in french
