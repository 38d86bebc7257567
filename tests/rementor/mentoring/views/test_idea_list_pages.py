"""The programme's ideas at scale: filtered (words, department, dates), cut into pages that
keep the filters, never an error page whatever the address says, a constant number of
queries, and nobody else's ideas."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rementor.mentoring.models import Idea
from rementor.programmes.models import ProgrammeStatus
from tests.factories import DepartmentFactory, ProgrammeFactory, client_for
from tests.rementor.analytics.factories import pair_row
from tests.rementor.lists import HOSTILE_PAGES, page_links, queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr("rementor.mentoring.views.ideas.IDEAS_PER_PAGE", 2)


@pytest.fixture
def running():
    return ProgrammeFactory(status=ProgrammeStatus.RUNNING)


def _idea(programme, title="Podcast", *, department=None, days_ago=0, pair=None):
    idea = Idea.objects.create(
        pair=pair or pair_row(programme), title=title, description="Details", department=department
    )
    when = timezone.now() - dt.timedelta(days=days_ago)
    Idea.objects.filter(pk=idea.pk).update(created_at=when)
    return idea


def _url(programme):
    return reverse("mentoring:idea_list", args=[programme.slug])


def _get(user, programme, language="en", **params):
    return client_for(user).get(_url(programme), params, HTTP_ACCEPT_LANGUAGE=language)


def _rows(response) -> int:
    return response.content.decode().count('class="list-row"')


def test_filters_add_up_and_pages_keep_them(manager, running, small_pages):
    sales = DepartmentFactory(name="Sales")
    pair = pair_row(running)
    for index in range(5):
        _idea(running, f"Podcast {index}", department=sales, days_ago=index, pair=pair)
    _idea(running, "Podcast old", department=sales, days_ago=100, pair=pair)
    _idea(running, "Hackathon", pair=pair)
    first = _get(manager, running, q="podcast", department=sales.pk)
    assert _rows(first) == 2
    assert f"?q=podcast&amp;department={sales.pk}&amp;page=2" in page_links(first)
    since = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    recent = _get(manager, running, department=sales.pk, date_from=since, page=3)
    assert _rows(recent) == 1 and "Podcast old" not in recent.content.decode()
    assert _rows(_get(manager, running, q="hackathon")) == 1
    none = _get(manager, running, q="nothing like it").content.decode()
    assert 'data-testid="no-list-rows"' in none


def test_ideas_of_another_programme_never_show(manager, running):
    _idea(running, "Ours")
    _idea(ProgrammeFactory(status=ProgrammeStatus.RUNNING), "Theirs-secret")
    for params in ({}, {"q": "Theirs-secret"}, {"page": "2"}):
        response = _get(manager, running, **params)
        assert _rows(response) == (0 if "q" in params else 1)
        assert "<strong>Theirs-secret</strong>" not in response.content.decode()


def test_participants_are_refused_whatever_the_filters(programme, pair_member):
    _idea(programme)
    assert _get(pair_member, programme, q="a", page="2").status_code == 403


@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_a_page_number_never_breaks_the_page(manager, running, small_pages, page):
    pair = pair_row(running)
    for index in range(3):
        _idea(running, f"Idea {index}", pair=pair)
    response = _get(manager, running, page=page)
    assert response.status_code == 200
    assert _rows(response) in (1, 2)


@pytest.mark.parametrize(
    "params",
    [
        {"department": "abc"},
        {"date_from": "31/02/2026"},
        {"date_from": "2026-09-10", "date_to": "2026-09-01"},
        {"q": "x" * 5000},
        {"q": "%_\\'\"<b>"},
    ],
)
def test_hostile_filters_are_dropped_not_errors(manager, running, params):
    _idea(running)
    response = _get(manager, running, **params)
    assert response.status_code == 200
    assert "<b>" not in response.content.decode()


def test_queries_do_not_grow_with_the_ideas(manager, running, small_pages):
    client = client_for(manager)
    _idea(running)
    filtered = {"q": "a", "department": DepartmentFactory().pk, "page": "2"}
    small, small_filtered = queries(client, _url(running)), queries(client, _url(running), filtered)
    for index in range(12):
        _idea(running, f"Idea {index}", department=DepartmentFactory())
    assert queries(client, _url(running)) == small
    assert queries(client, _url(running), filtered) == small_filtered


def test_the_page_speaks_both_languages(manager, running, small_pages):
    pair = pair_row(running)
    for index in range(3):
        _idea(running, f"Idea {index}", pair=pair)
    english = _get(manager, running).content.decode()
    assert "3 ideas in all." in english and "Showing 1 to 2." in english
    french = _get(manager, running, "fr", q="idea").content.decode()
    assert "3 idées correspondent à ces filtres." in french
    assert "Affichés : du 1 au 2." in french and ">Suivant<" in french
