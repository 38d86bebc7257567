"""Lists of people sort as a French reader expects, on SQLite and PostgreSQL alike.

Run against PostgreSQL too: ``DATABASE_URL=postgres://... pytest <this file>``.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.functions import Collate

from rementor.analytics.exports import pairs as pairs_export
from rementor.matching.models import Pair
from rementor.people.importing import apply_import
from rementor.people.models import Person, name_sort_key
from rementor.people.queries import by_name, directory, name_key
from rementor.privacy.erasure import anonymise_person
from rementor.programmes.models import Role
from rementor.programmes.queries import programme_roster
from tests.factories import EnrollmentFactory, PersonFactory, ProgrammeFactory
from tests.rementor.people.factories import csv_file

# (last name, first name), in the order a French reader looks them up.
FRENCH_ORDER = [
    ("d'Alembert", "Jean"),  # under A: a lower-case particle is not looked up
    ("Bénard", "Zoé"),
    ("BRUNET", "anne"),
    ("Brunet", "Éric"),
    ("Çelik", "Ali"),
    ("Durand", "Ève"),
    ("Lambert", "Eric"),
    ("Lambert", "éric"),
    ("de la Tour", "Éric"),
    ("Le", "Zoé"),
    ("Le Goff", "Anne"),
    ("Leroy", "Anne"),
    ("Œuvray", "Paul"),
    ("Oeuvre", "Max"),
    ("Zola", "Émile"),
]
# Byte order (what "ORDER BY last_name" gives on SQLite and PostgreSQL "C") puts capitals
# first and accented capitals after "z": BRUNET before Bénard, Çelik, Œuvray and de la Tour last.


def _people():
    shuffled = FRENCH_ORDER[7:] + FRENCH_ORDER[:7]
    return [PersonFactory(last_name=last, first_name=first) for last, first in shuffled]


def _names(people) -> list[tuple[str, str]]:
    return [(p.last_name, p.first_name) for p in people]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (("Bénard", "Zoé"), ("Brunet", "Anne")),
        (("Lambert", "Zoé"), ("de la Tour", "Anne")),
        (("de la Tour", "Zoé"), ("Le", "Anne")),
        (("Le", "Zoé"), ("Leroy", "Anne")),
        (("Dupont", "Anne"), ("Du Pont", "Zoé")),
        (("Roy", "Zoé"), ("Roya", "Anne")),
    ],
)
def test_sort_key_orders_names_as_a_french_reader(before, after):
    assert name_sort_key(*before) < name_sort_key(*after)


def test_sort_key_folds_accents_case_particles_and_punctuation():
    assert name_sort_key("Éric", "ÉLODIE") == name_sort_key("eric", "elodie")
    assert name_sort_key("de la Tour", "Anne") == name_sort_key("La Tour", "anne")
    assert name_sort_key("d’Alembert", "Jean") == name_sort_key("Alembert", "Jean")
    assert name_sort_key("Le Goff", "Anne") == name_sort_key("Legoff", "Anne")
    assert name_sort_key("Œuvray", "Straße") == name_sort_key("Oeuvray", "Strasse")
    # A capital "De" (Belgian) and the articles stay part of the name.
    assert name_sort_key("De Smet", "Jan").startswith("desmet")
    assert name_sort_key("Du Bellay", "Joachim").startswith("dubellay")
    assert name_sort_key("de", "Zoé").startswith("de0")
    assert len(name_sort_key("é" * 150, "ß" * 150)) == 300


def test_directory_and_default_ordering(db):
    _people()
    assert _names(directory(active=None)) == FRENCH_ORDER
    assert _names(Person.objects.all()) == FRENCH_ORDER
    assert _names(by_name(Person.objects.all())) == FRENCH_ORDER
    assert _names(sorted(Person.objects.all(), key=name_key)) == FRENCH_ORDER


def test_rosters_and_exports_follow_the_people_order(db):
    programme = ProgrammeFactory()
    mentees = [EnrollmentFactory(programme=programme, person=p) for p in _people()]
    roster = programme_roster(programme).filter(role=Role.MENTEE)
    assert _names(e.person for e in roster) == FRENCH_ORDER
    mentor = EnrollmentFactory(programme=programme, role=Role.MENTOR)
    for place, mentee in enumerate(mentees, start=1):
        Pair.objects.create(
            programme=programme,
            mentee=mentee,
            mentor=mentor,
            place=place,
            mentor_capacity=len(mentees),
        )
    rows = pairs_export(programme=programme).rows
    assert [row[1] for row in rows] == [f"{first} {last}" for last, first in FRENCH_ORDER]


def test_every_write_keeps_the_key(preview, manager):
    person = PersonFactory(last_name="Zola", first_name="Émile")
    assert person.sort_name == "zola0emile"
    person.last_name = "de la Tour"
    person.save(update_fields=["last_name"])
    person.refresh_from_db()
    assert person.sort_name == "latour0emile"

    # The import creates people in bulk and updates them one by one.
    data = csv_file("N1,Éloïse,Bénard,,,,,,,", f"{person.employee_id},Anne,Œuvray,,,,,,,")
    apply_import(batch=preview(data), by=manager)
    assert Person.objects.get(employee_id="N1").sort_name == "benard0eloise"
    assert Person.objects.get(pk=person.pk).sort_name == "oeuvray0anne"

    anonymise_person(person=Person.objects.get(pk=person.pk), by=manager)
    erased = Person.objects.get(pk=person.pk)
    assert erased.sort_name == name_sort_key(erased.last_name, erased.first_name)


def test_migration_fills_the_key_of_existing_people(db):
    _people()
    Person.objects.update(sort_name="")
    migration = importlib.import_module(
        "rementor.people.migrations.0004_french_sort_name_and_id_padding"
    )
    migration.fill_sort_names(apps, None)
    assert _names(Person.objects.all()) == FRENCH_ORDER
    for person in Person.objects.all():
        assert person.sort_name == name_sort_key(person.last_name, person.first_name)


@pytest.mark.parametrize("collation", ["fr-x-icu", "en-US-x-icu"])
def test_order_does_not_depend_on_the_database_collation(db, collation):
    """A PostgreSQL database created with a French or English locale ignores spaces and
    punctuation at first: the key's letters-and-digits form sorts the same way there."""
    if connection.vendor != "postgresql":
        pytest.skip("collations are PostgreSQL's")
    _people()
    ordered = Person.objects.order_by(
        Collate("sort_name", collation),
        Collate("last_name", collation),
        Collate("first_name", collation),
    )
    assert _names(ordered) == FRENCH_ORDER
