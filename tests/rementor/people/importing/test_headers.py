"""The usual HR column names in French, English and German, and the headers that must not
be taken for them."""

from __future__ import annotations

import time

import pytest
from django.utils import translation

from rementor.people.forms.importing import MappingForm
from rementor.people.importing import map_columns, render
from rementor.people.importing.presets import (
    BUILTIN_PRESETS,
    FIELDS,
    HR_HEADERS,
    TEMPLATE_HEADERS,
    header_key,
    is_sensitive,
)
from tests.rementor.people.factories import codes

FRENCH_EXCEL = (
    "\ufeffMatricule;Prénom;Nom;Adresse e-mail;Service;Matricule du manager\r\n"
    "000001;Hélène;Rousseau;helene.rousseau@example.com;Direction générale;\r\n"
    "000002;Zoé;Bénard;zoe.benard@example.com;Finance;000001\r\n"
).encode()


def test_french_excel_header_line_maps_every_column_automatically(preview):
    batch = preview(FRENCH_EXCEL, filename="salaries.csv")
    assert (batch.status, batch.preset, batch.errors) == ("previewed", "rementor", [])
    assert batch.columns == {
        "employee_id": "Matricule",
        "first_name": "Prénom",
        "last_name": "Nom",
        "email": "Adresse e-mail",
        "department": "Service",
        "manager_id": "Matricule du manager",
    }
    assert batch.created_count == 2
    assert batch.plan[1]["values"]["manager_id"] == "000001"
    assert "extra_ignored" not in codes(batch.warnings)


GERMAN = (
    "Personalnummer;Vorname;Nachname;E-Mail-Adresse;Stellenbezeichnung;Abteilung;Standort;"
    "Vorgesetzter;Sprache;Zeitzone\n"
    "P1;Jürgen;Müller;juergen.mueller@example.de;Leiter Einkauf;Einkauf;München;;de;"
    "Europe/Berlin\n"
)
ENGLISH = (
    "Employee No.,First Name,Surname,Work Email,Job Title,Department,Location,Manager ID,"
    "Languages,Time zone\n"
    "E1,Ann,Smith,ann.smith@example.com,Analyst,Finance,London,,en,Europe/London\n"
)


@pytest.mark.parametrize("text", [GERMAN, ENGLISH], ids=["german", "english"])
def test_german_and_english_headers_map_every_field(preview, text):
    batch = preview(text.encode())
    assert batch.status == "previewed", batch.errors
    assert set(batch.columns) == set(FIELDS)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("N° salarié", "employee_id"),
        ("No_Salarie", "employee_id"),
        ("Nr. salarié", "employee_id"),
        ("n°salarié", "employee_id"),
        ("Numéro de salarié", "employee_id"),
        ("Employee #", "employee_id"),
        ("  PRÉNOM ", "first_name"),
        ("prenom", "first_name"),
        ("Nom-de-famille", "last_name"),
        ("NOM_DE_FAMILLE", "last_name"),
        ("adresse.e_mail", "email"),
        ("Courriel", "email"),
        ("E-mail professionnel", "email"),
        ("Intitulé du poste", "job_title"),
        ("Département", "department"),
        ("Manager (matricule)", "manager_id"),
        ("Matricule manager", "manager_id"),
        ("Langue(s)", "languages"),
        ("Fuseau   horaire", "time_zone"),
    ],
)
def test_accent_case_spacing_and_punctuation_variants(preview, header, field):
    names = {
        "employee_id": "Matricule",
        "first_name": "Prénom",
        "last_name": "Nom",
        "email": "Courriel",
        field: header,
    }
    values = {
        "employee_id": "E1",
        "first_name": "Zoé",
        "last_name": "Roy",
        "email": "zoe@example.org",
        "job_title": "Analyste",
        "department": "Finance",
        "manager_id": "",
        "languages": "fr",
        "time_zone": "Europe/Paris",
    }
    data = ";".join(names.values()) + "\n" + ";".join(values[f] for f in names) + "\n"
    batch = preview(data.encode())
    assert batch.status == "previewed", batch.errors
    assert batch.columns[field] == " ".join(header.split())


def _initial(headers: list[str]) -> dict[str, str]:
    """The columns the mapping step chooses in advance."""
    form = MappingForm(headers=headers)
    return {
        f: form.fields[f"field_{f}"].initial for f in FIELDS if form.fields[f"field_{f}"].initial
    }


def test_manager_name_is_not_a_last_name(preview):
    batch = preview("Matricule;Prénom;Nom du manager;Courriel\nE1;Zoé;Roy;z@example.org\n".encode())
    assert batch.status == "mapping"
    assert "last_name" not in _initial(batch.headers)
    assert header_key("Nom du manager") not in {
        header_key(h) for h in BUILTIN_PRESETS["rementor"].columns["last_name"]
    }


def test_two_columns_for_one_field_are_left_for_the_manager(preview):
    data = "Matricule;Prénom;Nom;Service;Direction\nE1;Zoé;Roy;Paie;Finance\n".encode()
    batch = preview(data)
    assert batch.status == "mapping"
    assert codes(batch.errors) == ["ambiguous_columns"]
    assert batch.errors[0]["params"]["field"] == "department"
    initial = _initial(batch.headers)
    assert initial == {"employee_id": "Matricule", "first_name": "Prénom", "last_name": "Nom"}


def test_mapping_resolves_the_ambiguity(preview, manager):
    data = "Matricule;Prénom;Nom;Service;Direction\nE1;Zoé;Roy;Paie;Finance\n".encode()
    batch = preview(data)
    mapping = {
        "employee_id": "Matricule",
        "first_name": "Prénom",
        "last_name": "Nom",
        "department": "Direction",
    }
    batch = map_columns(batch=batch, mapping=mapping, by=manager)
    assert batch.status == "previewed"
    assert batch.plan[0]["values"]["department"] == "Finance"


def test_repeated_header_is_never_read_twice(preview, manager):
    batch = preview("Matricule;Prénom;Nom;Nom\nE1;Zoé;Roy;Lambert\n".encode())
    assert batch.status == "mapping"
    assert codes(batch.errors) == ["ambiguous_columns"]
    mapping = {"employee_id": "Matricule", "first_name": "Prénom", "last_name": "Nom"}
    batch = map_columns(batch=batch, mapping=mapping, by=manager)
    assert batch.status == "mapping"
    assert codes(batch.errors) == ["header_repeated"]


def test_headers_differing_only_in_case_follow_the_mapping(preview, manager):
    batch = preview("Matricule;Prénom;Nom;NOM\nE1;Zoé;Roy;ROY-LAMBERT\n".encode())
    assert batch.status == "mapping"
    mapping = {"employee_id": "Matricule", "first_name": "Prénom", "last_name": "NOM"}
    batch = map_columns(batch=batch, mapping=mapping, by=manager)
    assert batch.plan[0]["values"]["last_name"] == "ROY-LAMBERT"


def test_formula_prefix_and_control_characters_in_headers(preview):
    data = "=Matricule;Pré\x07nom;\u200bNom;+Courriel\nE1;Zoé;Roy;z@example.org\n".encode()
    batch = preview(data)
    assert batch.status == "previewed"
    assert batch.columns == {
        "employee_id": "=Matricule",
        "first_name": "Prénom",
        "last_name": "Nom",
        "email": "+Courriel",
    }


def test_header_row_of_5000_columns_is_refused_at_once(preview):
    header = ";".join(f"Colonne {i}" for i in range(5000))
    started = time.monotonic()
    batch = preview(f"{header}\n{';' * 4999}E1\n".encode())
    assert time.monotonic() - started < 5
    assert (batch.status, codes(batch.errors)) == ("failed", ["csv_too_many_columns"])
    assert batch.headers == [] and batch.table == []


def test_trailing_empty_separators_do_not_count_as_columns(preview):
    data = ("Matricule;Prénom;Nom" + ";" * 4000 + "\nE1;Zoé;Roy" + ";" * 4000 + "\n").encode()
    batch = preview(data)
    assert (batch.status, batch.created_count) == ("previewed", 1)


def test_no_usual_name_belongs_to_two_fields_or_is_sensitive():
    owner: dict[str, str] = {}
    for preset in BUILTIN_PRESETS.values():
        for field, names in preset.columns.items():
            for name in names:
                key = header_key(name)
                assert owner.setdefault(key, field) == field, (name, field, owner[key])
                assert not is_sensitive(name), name
    assert set(HR_HEADERS) == set(FIELDS)


@pytest.mark.parametrize("language", sorted(TEMPLATE_HEADERS))
def test_template_headers_are_recognised(language):
    headers = list(TEMPLATE_HEADERS[language])
    assert _initial(headers) == dict(zip(FIELDS, headers, strict=True))


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fr", "Plusieurs colonnes pourraient alimenter le champ « Service » : "),
        ("en", "Several columns could feed the field “Department”: "),
    ],
)
def test_ambiguity_is_explained_in_both_languages(preview, language, sentence):
    batch = preview("Matricule;Prénom;Nom;Service;Direction\nE1;Zoé;Roy;Paie;Finance\n".encode())
    with translation.override(language):
        message = render(batch.errors[0])
    assert message.startswith(sentence) and "Service, Direction." in message
