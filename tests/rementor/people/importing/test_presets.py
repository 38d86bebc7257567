"""HRIS layouts: detection, SAP's two header rows, mapping and saved presets."""

from __future__ import annotations

from rementor.people.importing import apply_import, map_columns
from rementor.people.models import ImportPreset, Person

WORKDAY = (
    b"Employee ID,Legal First Name,Legal Last Name,Email - Primary Work,Business Title,"
    b"Supervisory Organization,Location,Manager Employee ID,Time Zone\n"
    b"W1,Zoe,Lambert,zoe@example.org,Analyst,Finance,Paris,,Europe/Paris\n"
    b"W2,Max,Roy,max@example.org,Intern,Finance,Lyon,W1,Europe/Paris\n"
)
SUCCESSFACTORS = (
    b"STATUS,USERID,USERNAME,FIRSTNAME,LASTNAME,GENDER,EMAIL,MANAGER,DEPARTMENT,LOCATION,"
    b"TIMEZONE,TITLE,DEFAULT_LOCALE\n"
    b"Status,User ID,Username,First Name,Last Name,Gender,Email,Manager,Department,Location,"
    b"Timezone,Title,Default Locale\n"
    b"active,S1,zlambert,Zoe,Lambert,F,zoe@example.org,NO_MGR,Finance,Paris,Europe/Paris,CFO,"
    b"fr_FR\n"
    b"active,S2,mroy,Max,Roy,M,max@example.org,S1,Finance,Paris,Europe/Paris,Intern,en_US\n"
)
BAMBOOHR = (
    b"Employee #,First Name,Last Name,Work Email,Job Title,Department,Location,Supervisor EID\n"
    b"B1,Zoe,Lambert,zoe@example.org,CFO,Finance,Paris,\n"
    b"B2,Max,Roy,max@example.org,Intern,Finance,Paris,B1\n"
)


def test_preset_workday_is_detected(preview):
    batch = preview(WORKDAY)
    assert (batch.preset, batch.status, batch.created_count) == ("workday", "previewed", 2)


def test_preset_successfactors_two_header_rows_and_no_mgr(preview, manager):
    batch = preview(SUCCESSFACTORS)
    assert (batch.preset, batch.status, batch.created_count) == ("successfactors", "previewed", 2)
    assert "sensitive_ignored" in [w["code"] for w in batch.warnings]
    apply_import(batch=batch, by=manager)
    zoe, max_ = Person.objects.get(employee_id="S1"), Person.objects.get(employee_id="S2")
    assert zoe.manager is None and max_.manager == zoe
    assert (zoe.languages, max_.languages) == (["fr"], ["en"])


def test_preset_bamboohr_is_detected(preview):
    batch = preview(BAMBOOHR)
    assert (batch.preset, batch.status, batch.created_count) == ("bamboohr", "previewed", 2)


def test_preset_unknown_name_is_an_error(preview):
    assert [e["code"] for e in preview(BAMBOOHR, preset="nope").errors] == ["unknown_preset"]


def test_mapping_step_and_saved_preset_is_recognised_next_time(preview, manager):
    data = b"Code agent,Petit nom,Patronyme,Mel\nM1,Zoe,Lambert,zoe@example.org\n"
    batch = preview(data)
    assert batch.status == "mapping"
    mapping = {
        "employee_id": "Code agent",
        "first_name": "Petit nom",
        "last_name": "Patronyme",
        "email": "Mel",
    }
    batch = map_columns(batch=batch, mapping=mapping, by=manager, save_as="Paie maison")
    assert (batch.status, batch.created_count, batch.table) == ("previewed", 1, [])
    assert ImportPreset.objects.get(name="Paie maison").mapping == mapping
    again = preview(data)
    assert (again.preset, again.status) == ("Paie maison", "previewed")
