"""The programme's pairs page at scale: filtered (risk, department, name), cut into pages that
keep the filters, never an error page whatever the address says, and a constant number of
queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rementor.audit.events import Departure
from rementor.matching.models import Pair
from rementor.people.domain import deactivate_people
from rementor.people.models import Department
from rementor.programmes.models import ProgrammeStatus
from tests.factories import ProgrammeFactory, client_for
from tests.rementor.analytics.factories import held_with_pulses, pair_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr("rementor.mentoring.views.pairs.PAIRS_PER_PAGE", 2)


@pytest.fixture
def running():
    return ProgrammeFactory(status=ProgrammeStatus.RUNNING)


def _quiet(pair):
    Pair.objects.filter(pk=pair.pk).update(created_at=timezone.now() - dt.timedelta(days=40))
    return pair


def _healthy(pair):
    held_with_pulses(pair, days_ago=2, pulses=[(4, 4), (5, 4)])
    return pair


def _get(manager, programme, language="en", **params):
    return client_for(manager).get(
        reverse("mentoring:pairs", args=[programme.slug]), params, HTTP_ACCEPT_LANGUAGE=language
    )


def _rows(response) -> int:
    return response.content.decode().count('data-testid="pair-row"')


def test_the_risk_filter_keeps_the_pairs_at_risk_and_why(manager, running):
    _quiet(pair_row(running))
    _healthy(pair_row(running))
    left = _healthy(pair_row(running))
    deactivate_people(people=[left.mentee.person], by=None, reason=Departure.DIRECTORY)
    assert _rows(_get(manager, running)) == 3
    assert _rows(_get(manager, running, risk="any")) == 2
    assert _rows(_get(manager, running, risk="no_session")) == 1
    only_left = _get(manager, running, risk="left")
    assert _rows(only_left) == 1
    assert left.mentee.person.last_name in only_left.content.decode()
    assert _rows(_get(manager, running, risk="open_concern")) == 0
    assert (
        'data-testid="no-pair-matches"' in _get(manager, running, risk="low_pulse").content.decode()
    )


def test_department_and_name_filters(manager, running):
    pair_row(running, mentee={"department": "Sales", "last_name": "Zanzibar"})
    pair_row(running, mentor={"department": "Sales"})
    pair_row(running)
    sales = Department.objects.get(name="Sales")
    assert _rows(_get(manager, running, department=sales.pk)) == 2
    found = _get(manager, running, q="zanzi")
    assert _rows(found) == 1
    assert "Zanzibar" in found.content.decode()
    # Filters add up; the form keeps what was typed and chosen.
    both = _get(manager, running, department=sales.pk, q="Zanzibar").content.decode()
    assert both.count('data-testid="pair-row"') == 1
    assert 'value="Zanzibar"' in both
    assert f'<option value="{sales.pk}" selected>' in both


def test_pages_keep_the_filters(manager, running, small_pages):
    for _ in range(5):
        _quiet(pair_row(running))
    _healthy(pair_row(running))
    first = _get(manager, running, risk="any").content.decode()
    assert first.count('data-testid="pair-row"') == 2
    links = re.findall(r'class="page-link" href="([^"]+)"', first)
    assert "?risk=any&amp;page=2" in links
    second = _get(manager, running, risk="any", page=2)
    assert _rows(second) == 2
    last = _get(manager, running, risk="any", page=3)
    assert _rows(last) == 1
    assert 'aria-current="page"' in last.content.decode()


@pytest.mark.parametrize("page", ["999", "-1", "0", "abc", "1.5", "", "%00", "9" * 40])
def test_a_page_number_never_breaks_the_page(manager, running, small_pages, page):
    for _ in range(3):
        pair_row(running)
    response = _get(manager, running, page=page)
    assert response.status_code == 200
    assert _rows(response) in (1, 2)


@pytest.mark.parametrize(
    "params",
    [
        {"risk": "<script>alert(1)</script>"},
        {"risk": "mentor_left' OR 1=1 --"},
        {"department": "abc"},
        {"department": "999999"},
        {"department": "1 OR 1=1"},
        {"q": "x" * 5000},
        {"q": "%_\\'\"<b>"},
        {"q": "a b c d e f g h i j"},
        {"risk": ["any", "left"], "page": ["2", "x"]},
    ],
)
def test_hostile_filters_are_dropped_not_errors(manager, running, params):
    pair_row(running, mentee={"last_name": "Abcdefghij"})
    response = _get(manager, running, **params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "<b>" not in body


def _queries(manager, programme, **params) -> int:
    client = client_for(manager)
    url = reverse("mentoring:pairs", args=[programme.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("params", [{}, {"risk": "any", "q": "a", "page": "2"}])
def test_queries_do_not_grow_with_the_pairs(manager, running, small_pages, params):
    for _ in range(3):
        _quiet(pair_row(running))
    small = _queries(manager, running, **params)
    for _ in range(12):
        _quiet(_healthy(pair_row(running)))
    department = Department.objects.first().pk
    assert _queries(manager, running, **params) == small > 8
    assert _queries(manager, running, department=department) == _queries(
        manager, running, department=department, page=3
    )


def test_the_page_speaks_both_languages(manager, running, small_pages):
    for _ in range(3):
        _quiet(pair_row(running))
    english = _get(manager, running, "en", risk="any").content.decode()
    assert "3 pairs match these filters." in english
    assert "At risk, for any reason" in english
    french = _get(manager, running, "fr", risk="any").content.decode()
    assert "3 binômes correspondent à ces filtres." in french
    assert "À risque, pour une raison quelconque" in french
    assert ">Next<" not in french and ">Suivant<" in french
    assert "pairs match" not in french


def test_a_wide_table_scrolls_in_its_own_region(manager, running):
    pair_row(running)
    body = _get(manager, running).content.decode()
    assert re.search(r'<div class="table-responsive"><table [^>]*data-testid="pairs-table"', body)
