"""Import pages: upload, preview, confirm, history, template download."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rementor.core.exports import neutralise_cell
from rementor.people.importing import apply_import, preview_import
from rementor.people.models import ImportBatch, Person, User
from tests.factories import PersonFactory, client_for
from tests.rementor.people.factories import assert_locked_out, csv_file, signed_in_mentor


def _upload(client, data: bytes, **extra):
    file = SimpleUploadedFile("hris.csv", data, content_type="text/csv")
    return client.post(reverse("people:import_start"), {"file": file, **extra})


def test_upload_preview_then_confirm(manager):
    client = client_for(manager)
    response = _upload(client, csv_file("E1,<script>x</script>,Lambert,,,,,,,"))
    batch = ImportBatch.objects.get()
    assert response.url == reverse("people:import_detail", args=[batch.pk])
    page = client.get(response.url).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
    assert not Person.objects.filter(employee_id="E1").exists()
    client.post(reverse("people:import_confirm", args=[batch.pk]), {"sha256": batch.sha256})
    assert Person.objects.filter(employee_id="E1").exists()


def test_confirm_with_another_hash_writes_nothing(manager):
    batch = preview_import(data=csv_file("E1,Zoé,Lambert,,,,,,,"), filename="a.csv", by=manager)
    client_for(manager).post(reverse("people:import_confirm", args=[batch.pk]), {"sha256": "0"})
    assert not Person.objects.filter(employee_id="E1").exists()


def test_upload_over_the_size_limit_keeps_the_choices(manager, settings):
    settings.RM_IMPORT_MAX_BYTES = 10
    response = _upload(client_for(manager), csv_file("E1,Zoé,Lambert,,,,,,,"), preset="workday")
    assert response.status_code == 200
    assert not ImportBatch.objects.exists()
    assert response.context["form"]["preset"].value() == "workday"


def test_mapping_page_offers_no_sensitive_column(manager):
    data = b"Matricule,Prenom,Nom,Date de naissance\nM1,Zoe,Lambert,1961-02-03\n"
    response = _upload(client_for(manager), data)
    page = client_for(manager).get(response.url).content.decode()
    assert 'value="Matricule"' in page
    assert 'value="Date de naissance"' not in page and "1961-02-03" not in page


def test_template_download_has_the_expected_columns_and_neutralised_cells(manager):
    response = client_for(manager).get(reverse("people:import_template"))
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == (
        "employee_id,first_name,last_name,email,job_title,department,site,manager_id,"
        "languages,time_zone"
    )
    assert response["Content-Disposition"].startswith("attachment")


def test_neutralise_cell():
    assert neutralise_cell("=1+1") == "'=1+1"
    assert neutralise_cell("+33 1") == "'+33 1"
    assert neutralise_cell("-x") == "'-x"
    assert neutralise_cell("@x") == "'@x"
    assert neutralise_cell("Zoé") == "Zoé"
    assert neutralise_cell(-3) == -3


def test_history_query_count_does_not_grow(manager, django_assert_num_queries):
    client = client_for(manager)
    url = reverse("people:import_history")
    preview_import(data=csv_file("E1,Zoé,Lambert,,,,,,,"), filename="a.csv", by=manager)
    client.get(url)  # warm the session
    with django_assert_num_queries(5):
        client.get(url)
    for name in ("b.csv", "c.csv"):
        preview_import(data=csv_file("E1,Zoé,Lambert,,,,,,,"), filename=name, by=manager)
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 3


def test_upload_mixing_encodings_shows_the_line_and_writes_nothing(manager):
    PersonFactory(employee_id="E1", first_name="Zoé", last_name="Lefèvre")
    data = csv_file("E1,Zoé,Lefèvre,,,,,,,") + "E3,Hélène,Dupré,,,,,,,\n".encode("cp1252")
    client = client_for(manager)
    page = client.get(_upload(client, data).url).content.decode()
    assert "ligne 3" in page and "CSV UTF-8" in page and "ZoÃ©" not in page
    batch = ImportBatch.objects.get()
    client.post(reverse("people:import_confirm", args=[batch.pk]), {"sha256": batch.sha256})
    assert Person.objects.get(employee_id="E1").full_name == "Zoé Lefèvre"
    assert not Person.objects.filter(employee_id="E3").exists()


def test_preview_blocks_garbled_names_and_confirm_writes_nothing(manager):
    PersonFactory(employee_id="E1", first_name="Zoé", last_name="Lefèvre")
    client = client_for(manager)
    page = client.get(_upload(client, csv_file("E1,ZoÃ©,Lefèvre,,,,,,,")).url).content.decode()
    assert "Zoé" in page and "CSV UTF-8" in page
    batch = ImportBatch.objects.get()
    assert batch.status == "failed" and batch.updated_count == 0
    client.post(reverse("people:import_confirm", args=[batch.pk]), {"sha256": batch.sha256})
    assert Person.objects.get(employee_id="E1").first_name == "Zoé"


def _without(leaver) -> bytes:
    """An HRIS file with the leaver's mentee and the manager, not the leaver."""
    rows = []
    for person in (leaver.pair.mentee.person, Person.objects.get(email="hr@example.org")):
        rows.append(f"{person.employee_id},{person.first_name},{person.last_name},,,,,,,")
    return csv_file(*rows)


def test_full_sync_preview_says_how_many_accounts_close_then_closes_them(manager):
    leaver = signed_in_mentor()
    client = client_for(manager)
    response = _upload(client, _without(leaver), full_sync="on")
    page = client.get(response.url)
    body = page.content.decode()

    assert 'data-testid="closed-accounts" data-count="1"' in body
    assert "1 compte sera désactivé" in body
    assert leaver.user.person.full_name in body
    assert User.objects.get(pk=leaver.user.pk).is_active

    batch = ImportBatch.objects.get()
    client.post(reverse("people:import_confirm", args=[batch.pk]), {"sha256": batch.sha256})
    assert_locked_out(leaver)


def test_returning_person_needs_the_box_ticked_on_the_preview(manager):
    leaver = signed_in_mentor()
    client = client_for(manager)
    first = preview_import(data=_without(leaver), filename="a.csv", by=manager, full_sync=True)
    apply_import(batch=first, by=manager)
    person = leaver.user.person
    back = csv_file(f"{person.employee_id},{person.first_name},{person.last_name},,,,,,,")

    batch = ImportBatch.objects.get(pk=_upload(client, back).url.split("/")[-2])
    body = client.get(reverse("people:import_detail", args=[batch.pk])).content.decode()
    assert 'data-testid="import-returning"' in body and 'name="reactivate"' in body
    client.post(reverse("people:import_confirm", args=[batch.pk]), {"sha256": batch.sha256})
    assert not Person.objects.get(pk=person.pk).is_active
    applied = client.get(reverse("people:import_detail", args=[batch.pk])).content.decode()
    assert 'data-testid="returning-kept-inactive"' in applied

    again = ImportBatch.objects.get(pk=_upload(client, back).url.split("/")[-2])
    client.post(
        reverse("people:import_confirm", args=[again.pk]),
        {"sha256": again.sha256, "reactivate": "on"},
    )
    assert Person.objects.get(pk=person.pk).is_active
    assert User.objects.get(pk=leaver.user.pk).is_active
