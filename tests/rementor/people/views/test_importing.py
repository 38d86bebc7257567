"""Import pages: upload, preview, confirm, history, template download."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rementor.core.exports import neutralise_cell
from rementor.people.importing import apply_import, preview_import
from rementor.people.importing.presets import FIELDS
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
    data = b"Code agent,Petit nom,Patronyme,Date de naissance\nM1,Zoe,Lambert,1961-02-03\n"
    response = _upload(client_for(manager), data)
    page = client_for(manager).get(response.url).content.decode()
    assert 'value="Code agent"' in page
    assert 'value="Date de naissance"' not in page and "1961-02-03" not in page


def _template(manager, language: str):
    manager.language = language
    manager.save()
    return client_for(manager).get(reverse("people:import_template"), HTTP_ACCEPT_LANGUAGE=language)


def test_template_in_french_opens_in_french_excel(manager):
    response = _template(manager, "fr")
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Matricule;Prénom;Nom;Adresse e-mail;Intitulé de poste;Service;Site;"
        "Matricule du manager;Langues;Fuseau horaire"
    )
    # The languages hold a comma: with ";" as separator they need no quotes.
    assert lines[1].split(";")[8] == "fr,en"
    assert response["Content-Disposition"].startswith("attachment")
    assert "modele" in response["Content-Disposition"]


def test_template_in_english_uses_commas_and_english_names(manager):
    response = _template(manager, "en")
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Employee ID,First name,Last name,Email,Job title,Department,Site,Manager ID,"
        "Languages,Time zone"
    )
    assert lines[1].endswith(',"en,fr",Europe/London')


@pytest.mark.parametrize("language", ["fr", "en"])
def test_template_imported_again_maps_every_column(manager, language):
    data = _template(manager, language).content
    batch = preview_import(data=data, filename="template.csv", by=manager)
    assert batch.status != "mapping"
    assert set(batch.columns) == set(FIELDS)
    assert "extra_ignored" not in [w["code"] for w in batch.warnings]
    # The example row's only error: its manager is not in Rementor.
    assert [e["code"] for e in batch.errors] == ["unknown_manager"]


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


def _stripped_upload(client, count: int = 12):
    boss = PersonFactory(employee_id="000001")
    for n in range(2, count + 1):
        PersonFactory(employee_id=f"{n:06d}", manager=boss)
    rows = [f"{n},Prénom{n},Nom{n},,,,,{'1' if n > 1 else ''},," for n in range(1, count + 1)]
    response = _upload(client, csv_file(*rows))
    return ImportBatch.objects.get(pk=response.url.split("/")[-2])


@pytest.mark.parametrize(
    ("language", "offer", "button"),
    [
        (
            "fr",
            "12 matricules ont perdu leurs zéros initiaux dans Excel : "
            "les compléter à 6 chiffres ?",
            "Compléter à 6 chiffres et afficher un nouvel aperçu",
        ),
        (
            "en",
            "12 employee IDs lost their leading zeros in Excel: pad them to 6 digits?",
            "Pad to 6 digits and preview again",
        ),
    ],
)
def test_preview_offers_padding_then_pads_on_the_button(manager, language, offer, button):
    manager.language = language
    manager.save()
    client = client_for(manager)
    batch = _stripped_upload(client)
    page = client.get(
        reverse("people:import_detail", args=[batch.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert 'data-testid="pad-offer"' in page and offer in page and button in page
    response = client.post(reverse("people:import_pad", args=[batch.pk]), {"sha256": batch.sha256})
    assert response.url == reverse("people:import_detail", args=[batch.pk])
    batch.refresh_from_db()
    assert (batch.status, batch.pad_width, batch.updated_count) == ("previewed", 6, 12)
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'data-testid="pad-offer"' not in page and 'name="sha256"' in page
    assert not Person.objects.filter(first_name="Prénom5").exists()  # still a preview


def test_padding_with_another_hash_pads_nothing(manager):
    client = client_for(manager)
    batch = _stripped_upload(client, count=3)
    client.post(reverse("people:import_pad", args=[batch.pk]), {"sha256": "0" * 64})
    batch.refresh_from_db()
    assert (batch.status, batch.pad_width) == ("failed", 0)


def test_mapping_page_shows_three_escaped_neutralised_samples_per_column(manager):
    rows = [
        "Code agent,Petit nom,Patronyme,Remarque",
        'A1,Zoé,<script>alert(1)</script>,=HYPERLINK("http://x")',
        "A2,ZoÃ©,Garbled,Ã© garbled row",
        "A3,Max," + "L" * 80 + ",ok",
        "A4,Ana,Diaz,",
        "A5,Léa,Roy,fifth",
    ]
    client = client_for(manager)
    response = _upload(client, ("\n".join(rows) + "\n").encode())
    page = client.get(response.url).content.decode()
    assert 'data-testid="column-samples"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "&#x27;=HYPERLINK" in page  # neutralised, then escaped
    assert "ZoÃ©" not in page and "Garbled" not in page  # a row that did not decode cleanly
    assert "L" * 40 not in page and "L" * 39 + "…" in page
    # Three per column. Read only the samples table: a random CSRF token elsewhere on the
    # page may well contain "A5".
    samples = page.split('data-testid="column-samples"', 1)[1].split("</section>", 1)[0]
    assert "A1" in samples and "A3" in samples and "A4" in samples and "A5" not in samples
