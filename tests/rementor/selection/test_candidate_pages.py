"""The candidate pool at scale: filtered (name or job title, department, status), sorted over
the whole pool and cut into pages that keep filters and sort, never an error page whatever
the address says, a constant number of queries, and nobody else's candidates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rementor.programmes.models import EnrollmentStatus
from tests.factories import DepartmentFactory, ProgrammeFactory, client_for
from tests.rementor.lists import HOSTILE_PAGES, page_links, queries, rows
from tests.rementor.selection.factories import (
    MentorReviewFactory,
    candidate,
    recruiting_with_one_skill,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr("rementor.selection.views.CANDIDATES_PER_PAGE", 2)


@pytest.fixture
def recruiting(db):
    return recruiting_with_one_skill(ProgrammeFactory())


def _named(programme, last_name, *, department=None, **kwargs):
    application = candidate(programme, **kwargs)
    person = application.enrollment.person
    person.last_name = last_name
    person.department = department
    person.save()
    return application


def _url(programme):
    return reverse("selection:candidates", args=[programme.slug])


def _get(user, programme, language="en", **params):
    return client_for(user).get(_url(programme), params, HTTP_ACCEPT_LANGUAGE=language)


def test_filters_add_up_and_pages_keep_them_with_the_sort(recruiting, manager, small_pages):
    sales = DepartmentFactory(name="Sales")
    for index in range(5):
        _named(recruiting, f"Vendeur{index}", department=sales)
    _named(recruiting, "Comptable")
    _named(recruiting, "Accepté", department=sales, status=EnrollmentStatus.ACCEPTED)
    first = _get(manager, recruiting, department=sales.pk, status="applied", sort="name")
    assert rows(first) == 2
    link = f"?department={sales.pk}&amp;status=applied&amp;sort=name&amp;page=2"
    assert link in page_links(first)
    last = _get(manager, recruiting, department=sales.pk, status="applied", sort="name", page=3)
    assert rows(last) == 1 and "Vendeur4" in last.content.decode()
    assert rows(_get(manager, recruiting, q="vendeur2")) == 1
    assert rows(_get(manager, recruiting, status="accepted")) == 1
    none = _get(manager, recruiting, q="Personne").content.decode()
    assert "No candidate matches these filters." in none


def test_a_sort_link_keeps_the_filters_and_starts_again_at_page_one(
    recruiting, manager, small_pages
):
    for index in range(3):
        _named(recruiting, f"Vendeur{index}")
    body = _get(manager, recruiting, q="vendeur", page=2).content.decode()
    assert 'href="?q=vendeur&amp;sort=name"' in body


def test_candidates_of_another_programme_never_show(recruiting, manager):
    _named(recruiting, "Ours")
    elsewhere = recruiting_with_one_skill(ProgrammeFactory())
    theirs = _named(elsewhere, "Theirs")
    for params in ({}, {"q": "Theirs"}, {"status": "applied", "page": "2"}):
        response = _get(manager, recruiting, **params)
        assert rows(response) == (0 if "q" in params else 1)
        assert theirs.enrollment.person.full_name not in response.content.decode()


def test_participants_are_refused_whatever_the_filters(programme, pair_member):
    recruiting_with_one_skill(programme)
    candidate(programme)
    assert _get(pair_member, programme, q="a", page="2").status_code == 403


@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_a_page_number_never_breaks_the_page(recruiting, manager, small_pages, page):
    for index in range(3):
        _named(recruiting, f"Candidat{index}")
    response = _get(manager, recruiting, page=page)
    assert response.status_code == 200
    assert rows(response) in (1, 2)


@pytest.mark.parametrize(
    "params",
    [
        {"status": "<script>alert(1)</script>"},
        {"status": "withdrawn"},
        {"department": "abc"},
        {"sort": "-pk; DROP TABLE"},
        {"q": "x" * 5000},
        {"q": "%_\\'\"<b>"},
    ],
)
def test_hostile_filters_are_dropped_not_errors(recruiting, manager, params):
    candidate(recruiting)
    candidate(recruiting, status=EnrollmentStatus.WITHDRAWN)
    response = _get(manager, recruiting, **params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body and "<b>" not in body
    assert rows(response) <= 1  # a withdrawn candidate never shows


def test_queries_do_not_grow_with_the_candidates(recruiting, manager, small_pages):
    client = client_for(manager)
    skill = recruiting.skills.get()
    MentorReviewFactory(application=candidate(recruiting, levels={skill: 3}))
    filtered = {"q": "a", "status": "applied", "sort": "-expertise", "page": "2"}
    small, small_filtered = (
        queries(client, _url(recruiting)),
        queries(client, _url(recruiting), filtered),
    )
    for _ in range(15):
        MentorReviewFactory(application=candidate(recruiting, levels={skill: 2}))
    assert queries(client, _url(recruiting)) == small
    assert queries(client, _url(recruiting), filtered) == small_filtered


def test_the_page_speaks_both_languages(recruiting, manager, small_pages):
    for index in range(3):
        _named(recruiting, f"Candidat{index}")
    english = _get(manager, recruiting).content.decode()
    assert "3 candidates in all." in english and "Showing 1 to 2." in english
    french = _get(manager, recruiting, "fr", status="applied").content.decode()
    assert "3 candidats correspondent à ces filtres." in french
    assert "Affichés : du 1 au 2." in french and ">Suivant<" in french
