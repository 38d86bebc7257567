"""The directory at scale: filtered (search, department, site, status), cut into pages that
keep the filters, never an error page whatever the address says, a constant number of
queries, and for programme managers only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import DepartmentFactory, PersonFactory, client_for
from tests.rementor.lists import HOSTILE_PAGES, page_links, queries, rows

pytestmark = pytest.mark.django_db

URL = "/people/"


@pytest.fixture
def small_pages(settings):
    settings.RM_DIRECTORY_PAGE_SIZE = 2


def _get(user, language="en", **params):
    return client_for(user).get(reverse("people:directory"), params, HTTP_ACCEPT_LANGUAGE=language)


def test_filters_add_up_and_the_pages_keep_them(manager, small_pages):
    finance = DepartmentFactory(name="Finance")
    for index in range(5):
        PersonFactory(last_name=f"Compta{index}", department=finance, site="Lyon")
    PersonFactory(last_name="Vente", site="Lyon")
    PersonFactory(last_name="Parti", department=finance, site="Lyon", is_active=False)
    first = _get(manager, department=finance.pk, site="Lyon")
    assert rows(first) == 2
    assert f"?department={finance.pk}&amp;site=Lyon&amp;page=2" in page_links(first)
    last = _get(manager, department=finance.pk, site="Lyon", page=3)
    assert rows(last) == 1 and "Vente" not in last.content.decode()
    gone = _get(manager, department=finance.pk, status="inactive")
    assert rows(gone) == 1 and "Parti" in gone.content.decode()
    assert rows(_get(manager, q="compta3")) == 1
    nobody = _get(manager, q="Nobody", site="Lyon")
    assert 'data-testid="no-list-rows"' in nobody.content.decode()


@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_a_page_number_never_breaks_the_page(manager, small_pages, page):
    PersonFactory.create_batch(2)  # with the manager: three people, two pages
    response = _get(manager, page=page)
    assert response.status_code == 200
    assert rows(response) in (1, 2)


@pytest.mark.parametrize(
    "params",
    [
        {"department": "abc"},
        {"department": "999999"},
        {"site": "<script>alert(1)</script>"},
        {"status": "everyone' OR 1=1 --"},
        {"q": "x" * 5000},
        {"q": "%_\\'\"<b>"},
        {"q": "a b c d e f g h i j k l"},
    ],
)
def test_hostile_filters_are_dropped_not_errors(manager, params):
    PersonFactory(last_name="Abcdefghijkl")
    response = _get(manager, **params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body and "<b>" not in body


def test_a_bad_value_drops_only_itself(manager):
    lyon = PersonFactory(last_name="Lyonnais", site="Lyon")
    PersonFactory(last_name="Lillois", site="Lille")
    response = _get(manager, site="Lyon", department="not-a-number")
    assert rows(response) == 1 and lyon.full_name in response.content.decode()


def test_participants_never_see_the_directory_whatever_the_filters(pair_member):
    secret = PersonFactory(last_name="Secret")
    for params in ({}, {"q": "Secret"}, {"status": "all", "page": "2"}):
        response = _get(pair_member, **params)
        assert response.status_code == 403 and rows(response) == 0
        assert secret.full_name not in response.content.decode()


def test_queries_do_not_grow_with_the_people(manager, small_pages):
    client = client_for(manager)
    finance = DepartmentFactory(name="Finance")
    PersonFactory(department=finance, site="Lyon")
    filtered = {"q": "a", "department": finance.pk, "status": "all", "page": "2"}
    small = queries(client, URL)
    small_filtered = queries(client, URL, filtered)
    for index in range(30):
        PersonFactory(department=finance, site=f"Site {index % 4}", manager=None)
    assert queries(client, URL) == small
    assert queries(client, URL, filtered) == small_filtered


def test_the_page_speaks_both_languages(manager, small_pages):
    PersonFactory.create_batch(2)
    english = _get(manager).content.decode()
    assert "3 people" in english and "Showing 1 to 2." in english
    french = _get(manager, "fr").content.decode()
    assert "3 personnes" in french and "Affichés : du 1 au 2." in french
    assert ">Suivant<" in french
