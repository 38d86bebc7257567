from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rementor.people.importing import preview_import
from tests.factories import PersonFactory
from tests.rementor.access import MANAGER_ONLY, Row, signed_in

VALID_CSV = b"employee_id,first_name,last_name,email\nA1,Ada,Lovelace,ada@example.org\n"
UNKNOWN_CSV = b"Code agent,Petit nom,Patronyme\nA1,Ada,Lovelace\n"
# Excel stripped the zeros of "000123": the preview offers to pad the ID.
STRIPPED_CSV = b"employee_id,first_name,last_name\n123,Ada,Lovelace\n"
MANAGER_REDIRECTS = {**MANAGER_ONLY, "manager": 302}


def _batch(o: dict, data: bytes = VALID_CSV) -> dict:
    return {"batch": preview_import(data=data, filename="people.csv", by=o["manager"])}


def _stripped_batch(o: dict) -> dict:
    PersonFactory(employee_id="000123")
    return _batch(o, STRIPPED_CSV)


def _upload(o: dict) -> dict:
    return {"file": SimpleUploadedFile("people.csv", VALID_CSV, content_type="text/csv")}


ROWS = {
    "people:directory": [Row("get", lambda o: reverse("people:directory"), MANAGER_ONLY)],
    "people:detail": [
        Row("get", lambda o: reverse("people:detail", args=[o["person"].pk]), MANAGER_ONLY)
    ],
    # Changing someone's status is a POST that redirects back to their page.
    "people:deactivate": [
        Row("get", lambda o: reverse("people:deactivate", args=[o["person"].pk]), signed_in(405)),
        Row(
            "post",
            lambda o: reverse("people:deactivate", args=[o["person"].pk]),
            MANAGER_REDIRECTS,
            data={"confirm": "yes"},
        ),
    ],
    "people:reactivate": [
        Row("get", lambda o: reverse("people:reactivate", args=[o["person"].pk]), signed_in(405)),
        Row(
            "post",
            lambda o: reverse("people:reactivate", args=[o["person"].pk]),
            MANAGER_REDIRECTS,
        ),
    ],
    "people:import_start": [
        Row("get", lambda o: reverse("people:import_start"), MANAGER_ONLY),
        # A completed upload redirects to the preview; an empty form is shown again.
        Row("post", lambda o: reverse("people:import_start"), MANAGER_REDIRECTS, data=_upload),
        Row("post", lambda o: reverse("people:import_start"), MANAGER_ONLY, data={}),
    ],
    "people:import_template": [
        Row("get", lambda o: reverse("people:import_template"), MANAGER_ONLY)
    ],
    "people:import_history": [
        Row("get", lambda o: reverse("people:import_history"), MANAGER_ONLY, setup=_batch)
    ],
    "people:import_detail": [
        Row(
            "get",
            lambda o: reverse("people:import_detail", args=[o["batch"].pk]),
            MANAGER_ONLY,
            setup=_batch,
        )
    ],
    "people:import_mapping": [
        Row(
            "get",
            lambda o: reverse("people:import_mapping", args=[o["batch"].pk]),
            MANAGER_ONLY,
            setup=lambda o: _batch(o, UNKNOWN_CSV),
        ),
        Row(
            "post",
            lambda o: reverse("people:import_mapping", args=[o["batch"].pk]),
            MANAGER_REDIRECTS,
            setup=lambda o: _batch(o, UNKNOWN_CSV),
            data={
                "field_employee_id": "Code agent",
                "field_first_name": "Petit nom",
                "field_last_name": "Patronyme",
            },
        ),
    ],
    "people:import_confirm": [
        Row(
            "post",
            lambda o: reverse("people:import_confirm", args=[o["batch"].pk]),
            MANAGER_REDIRECTS,
            setup=_batch,
            data=lambda o: {"sha256": o["batch"].sha256},
        )
    ],
    "people:import_pad": [
        Row(
            "get",
            lambda o: reverse("people:import_pad", args=[o["batch"].pk]),
            signed_in(405),
            setup=_stripped_batch,
        ),
        Row(
            "post",
            lambda o: reverse("people:import_pad", args=[o["batch"].pk]),
            MANAGER_REDIRECTS,
            setup=_stripped_batch,
            data=lambda o: {"sha256": o["batch"].sha256},
        ),
    ],
}
