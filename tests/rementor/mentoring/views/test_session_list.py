"""The programme's sessions page for its managers: filtered (status, mode, dates, department,
name), cut into pages that keep the filters, never an error page whatever the address says,
a constant number of queries — and never a word of what the pairs wrote."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rementor.mentoring.models import MentoringSession, SessionMode, SessionStatus
from rementor.people.models import Department
from rementor.programmes.models import ProgrammeStatus
from tests.factories import ProgrammeFactory, client_for
from tests.rementor.analytics.factories import pair_row
from tests.rementor.lists import HOSTILE_PAGES, page_links, queries, rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr("rementor.mentoring.views.session_list.SESSIONS_PER_PAGE", 2)


@pytest.fixture
def running():
    return ProgrammeFactory(status=ProgrammeStatus.RUNNING)


def _session(pair, *, days=-3, status=SessionStatus.HELD, **fields):
    return MentoringSession.objects.create(
        pair=pair, starts_at=timezone.now() + dt.timedelta(days=days), status=status, **fields
    )


def _url(programme):
    return reverse("mentoring:programme_sessions", args=[programme.slug])


def _get(user, programme, language="en", **params):
    return client_for(user).get(_url(programme), params, HTTP_ACCEPT_LANGUAGE=language)


def test_managers_see_when_and_how_never_what_was_said(manager, running):
    pair = pair_row(running, mentee={"last_name": "Zanzibar"})
    _session(pair, agenda="Secret agenda", location="Room of secrets")
    body = _get(manager, running).content.decode()
    assert "Zanzibar" in body and rows(_get(manager, running)) == 1
    assert "Secret agenda" not in body and "Room of secrets" not in body
    assert reverse("mentoring:pair", args=[pair.pk]) in body


def test_filters_by_status_mode_dates_department_and_name(manager, running):
    sales = pair_row(running, mentee={"department": "Sales", "last_name": "Zanzibar"})
    other = pair_row(running)
    _session(sales, days=-40)
    _session(sales, days=5, status=SessionStatus.PLANNED, mode=SessionMode.IN_PERSON)
    _session(other, days=-2, status=SessionStatus.CANCELLED)
    assert rows(_get(manager, running)) == 3
    assert rows(_get(manager, running, status="planned")) == 1
    assert rows(_get(manager, running, mode="in_person")) == 1
    department = Department.objects.get(name="Sales").pk
    assert rows(_get(manager, running, department=department)) == 2
    assert rows(_get(manager, running, q="zanzi")) == 2
    today = timezone.localdate()
    recent = {"date_from": (today - dt.timedelta(days=10)).isoformat()}
    assert rows(_get(manager, running, **recent)) == 2
    both = _get(manager, running, department=department, **recent, date_to=today.isoformat())
    assert rows(both) == 0
    assert 'data-testid="no-list-rows"' in both.content.decode()


def test_sessions_of_another_programme_never_show(manager, running):
    _session(pair_row(running, mentee={"last_name": "Ours"}))
    elsewhere = ProgrammeFactory(status=ProgrammeStatus.RUNNING)
    theirs = pair_row(elsewhere, mentee={"last_name": "Theirs"})
    _session(theirs)
    for params in ({}, {"q": "Theirs"}, {"status": "held"}, {"page": "2"}):
        response = _get(manager, running, **params)
        assert rows(response) == (0 if params.get("q") else 1)
        assert theirs.mentee.person.full_name not in response.content.decode()


def test_participants_and_strangers_are_refused_whatever_the_filters(
    programme, pair_member, stranger
):
    _session(pair_row(programme))
    assert _get(pair_member, programme, q="a", page="2").status_code == 403
    assert _get(stranger, programme, status="held").status_code == 404


def test_pages_keep_the_filters(manager, running, small_pages):
    pair = pair_row(running)
    for days in range(1, 6):
        _session(pair, days=-days)
    _session(pair, days=3, status=SessionStatus.PLANNED)
    first = _get(manager, running, status="held")
    assert rows(first) == 2
    assert "?status=held&amp;page=2" in page_links(first)
    assert rows(_get(manager, running, status="held", page=3)) == 1


@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_a_page_number_never_breaks_the_page(manager, running, small_pages, page):
    pair = pair_row(running)
    for days in range(1, 4):
        _session(pair, days=-days)
    response = _get(manager, running, page=page)
    assert response.status_code == 200
    assert rows(response) in (1, 2)


@pytest.mark.parametrize(
    "params",
    [
        {"status": "<script>alert(1)</script>"},
        {"mode": "remote' OR 1=1 --"},
        {"department": "abc"},
        {"date_from": "31/02/2026"},
        {"date_from": "2026-09-10", "date_to": "2026-09-01"},
        {"date_to": "99999-01-01"},
        {"q": "x" * 5000},
        {"q": "%_\\'\"<b>"},
    ],
)
def test_hostile_filters_are_dropped_not_errors(manager, running, params):
    _session(pair_row(running))
    response = _get(manager, running, **params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body and "<b>" not in body


def test_queries_do_not_grow_with_the_sessions(manager, running, small_pages):
    client = client_for(manager)
    _session(pair_row(running))
    filtered = {"status": "held", "q": "a", "date_from": "2000-01-01", "page": "2"}
    small, small_filtered = queries(client, _url(running)), queries(client, _url(running), filtered)
    for _ in range(6):
        pair = pair_row(running, mentee={"department": "Sales"})
        for days in range(1, 4):
            _session(pair, days=-days)
    assert queries(client, _url(running)) == small
    assert queries(client, _url(running), filtered) == small_filtered


def test_the_page_speaks_both_languages(manager, running, small_pages):
    pair = pair_row(running)
    for days in range(1, 4):
        _session(pair, days=-days)
    english = _get(manager, running, "en").content.decode()
    assert "3 sessions in all." in english and "Showing 1 to 2." in english
    french = _get(manager, running, "fr", status="held").content.decode()
    assert "3 séances correspondent à ces filtres." in french
    assert "Affichés : du 1 au 2." in french
    assert ">Suivant<" in french and "sessions match" not in french


def test_a_wide_table_scrolls_in_its_own_region(manager, running):
    _session(pair_row(running))
    body = _get(manager, running).content.decode()
    assert '<div class="table-responsive"><table class="table table-sm align-middle"' in body
