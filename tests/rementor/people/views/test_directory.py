import pytest
from django.urls import reverse

from rementor.people.models import Person, User
from tests.factories import DepartmentFactory, PersonFactory, client_for
from tests.rementor.people.factories import assert_locked_out, signed_in_mentor


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


@pytest.mark.django_db
def test_person_deactivate_from_the_directory_closes_every_access(manager):
    leaver = signed_in_mentor()
    person = leaver.user.person
    client = client_for(manager)
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert reverse("people:deactivate", args=[person.pk]) in page

    response = client.post(reverse("people:deactivate", args=[person.pk]), {"confirm": "yes"})

    assert response.url == reverse("people:detail", args=[person.pk])
    assert_locked_out(leaver)
    page = client.get(response.url).content.decode()
    assert reverse("people:reactivate", args=[person.pk]) in page
    assert 'data-testid="account-status">fermé<' in page
    listed = client.get(reverse("people:directory"), {"status": "inactive"}).content.decode()
    assert person.full_name in listed
    assert person.full_name not in client.get(reverse("people:directory")).content.decode()


@pytest.mark.django_db
def test_person_deactivate_puts_the_pair_on_the_pairs_page_at_risk(manager):
    leaver = signed_in_mentor()
    client = client_for(manager)
    client.post(reverse("people:deactivate", args=[leaver.user.person.pk]), {"confirm": "yes"})
    slug = leaver.pair.programme.slug
    body = client.get(reverse("mentoring:pairs", args=[slug])).content.decode()
    assert "le mentor a quitté l’entreprise" in body


@pytest.mark.django_db
def test_person_deactivate_refuses_the_manager_own_record(manager):
    client = client_for(manager)
    response = client.post(
        reverse("people:deactivate", args=[manager.person.pk]), {"confirm": "yes"}, follow=True
    )
    manager.refresh_from_db()
    assert manager.is_active and manager.person.is_active
    assert "Vous ne pouvez pas désactiver votre propre fiche" in response.content.decode()
    assert client.get(reverse("people:directory")).status_code == 200


@pytest.mark.django_db
def test_person_reactivate_from_the_directory_reopens_the_account(manager):
    leaver = signed_in_mentor()
    person = leaver.user.person
    client = client_for(manager)
    client.post(reverse("people:deactivate", args=[person.pk]), {"confirm": "yes"})

    client.post(reverse("people:reactivate", args=[person.pk]))

    assert Person.objects.get(pk=person.pk).is_active
    assert User.objects.get(pk=leaver.user.pk).is_active


@pytest.mark.django_db
def test_person_status_change_is_refused_to_a_participant(pair_member):
    target = PersonFactory()
    client = client_for(pair_member)
    assert (
        client.post(reverse("people:deactivate", args=[target.pk]), {"confirm": "yes"}).status_code
        == 403
    )
    assert Person.objects.get(pk=target.pk).is_active


@pytest.mark.django_db
def test_person_deactivate_without_the_box_ticked_changes_nothing(manager):
    leaver = signed_in_mentor()
    person = leaver.user.person
    client = client_for(manager)

    response = client.post(reverse("people:deactivate", args=[person.pk]), follow=True)

    person.refresh_from_db()
    leaver.user.refresh_from_db()
    assert person.is_active and leaver.user.is_active
    assert "rien n’a été modifié" in response.content.decode()
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert 'name="confirm"' in page and "required" in page


@pytest.mark.django_db
def test_person_deactivate_message_counts_sessions_and_tokens_in_the_right_plural(manager):
    leaver = signed_in_mentor()
    response = client_for(manager).post(
        reverse("people:deactivate", args=[leaver.user.person.pk]), {"confirm": "yes"}, follow=True
    )
    text = " ".join(str(m) for m in response.context["messages"])
    assert "et son compte fermé." in text
    assert "1 session ouverte fermée." in text
    assert "(s)" not in text
