import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import DepartmentFactory, PersonFactory


@pytest.mark.django_db
def test_directory_filters_by_department_site_and_search(manager):
    finance = DepartmentFactory(name="Finance")
    PersonFactory(first_name="Irène", last_name="Compta", department=finance, site="Lyon")
    PersonFactory(first_name="Marc", last_name="Vente", site="Lille")
    client = client_for(manager)
    body = client.get(reverse("people:directory"), {"department": finance.pk}).content.decode()
    assert "Irène Compta" in body and "Marc Vente" not in body
    body = client.get(reverse("people:directory"), {"site": "Lille"}).content.decode()
    assert "Marc Vente" in body and "Irène Compta" not in body
    body = client.get(reverse("people:directory"), {"q": "compta"}).content.decode()
    assert "Irène Compta" in body and "Marc Vente" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_directory_queries_do_not_grow_with_people(manager, count, django_assert_num_queries):
    boss = PersonFactory()
    PersonFactory.create_batch(count, manager=boss)
    client = client_for(manager)
    # session, user, user's person (header), sites, departments, count, page of people
    with django_assert_num_queries(7):
        response = client.get(reverse("people:directory"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_person_detail_shows_reporting_line(manager):
    top = PersonFactory(first_name="Hélène", last_name="Sommet")
    mid = PersonFactory(first_name="Bruno", last_name="Milieu", manager=top)
    person = PersonFactory(first_name="Léa", last_name="Junior", manager=mid)
    body = client_for(manager).get(reverse("people:detail", args=[person.pk])).content.decode()
    assert body.index("Bruno Milieu") < body.index("Hélène Sommet")
