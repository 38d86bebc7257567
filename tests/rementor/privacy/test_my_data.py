from __future__ import annotations

import csv
import io
import json
import zipfile

from auditlog.models import LogEntry
from django.urls import reverse

from rementor.mentoring.models import Pulse
from rementor.privacy import my_data
from tests.factories import UserFactory, client_for
from tests.rementor.mentoring.factories import make_pair
from tests.rementor.privacy.world import EMAIL, build_world


def _download(user) -> tuple[object, zipfile.ZipFile]:
    response = client_for(user).get(reverse("privacy:my_data"))
    return response, zipfile.ZipFile(io.BytesIO(response.content))


def test_my_data_zip_holds_json_and_csv_files(db):
    world = build_world()
    response, archive = _download(world.mentee)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith('attachment; filename="rementor-my-data-')
    names = set(archive.namelist())
    assert {"README.txt", "my-data.json", "profile.csv", "sessions.csv", "pairs.csv"} <= names
    data = json.loads(archive.read("my-data.json"))
    assert data["profile"][0]["work_email"] == EMAIL
    assert "password" not in json.dumps(data["profile"]).lower()
    assert data["pairs"][0]["partner"] == world.mentor.person.full_name
    assert data["sessions"][0]["duration_minutes"] == 45
    assert data["assessments"][0]["level"] == 1


def test_my_data_has_own_private_note_not_the_partners(db):
    world = build_world()
    _response, archive = _download(world.mentee)
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8")
    assert "MENTEE-PRIVATE secret" in everything
    assert "Shared note written by Zephyrine" in everything
    for text in ("MENTOR-PRIVATE", "PULSE-MENTOR", "MENTOR-CONCERN", "MENTOR-MOTIVATION"):
        assert text not in everything
    for text in ("PULSE-MENTEE", "CHECKIN-HIGHLIGHT", "IDEA-TEXT", "MENTEE-CONCERN"):
        assert text in everything


def test_my_data_of_the_mentor_has_reviews_without_the_reviewer(db, manager):
    world = build_world(reviewer=manager)
    data = my_data.collect(world.mentor)
    assert data.rows("mentor_reviews")[0]["comment"] == "REVIEW-COMMENT about the mentor"
    assert "reviewer" not in data.rows("mentor_reviews")[0]
    assert data.rows("sessions")[0]["my_private_note"] == "MENTOR-PRIVATE secret"
    flat = json.dumps(data.sections, default=str)
    assert "MENTEE-PRIVATE" not in flat and "MENTEE-CONCERN" not in flat
    assert manager.email not in flat


def test_my_data_leaves_out_other_pairs(db):
    world = build_world()
    _other, other_mentee, _mentor = make_pair()
    data = my_data.collect(world.mentee)
    assert {row["pair"] for row in data.rows("sessions")} <= {world.pair.pk}
    assert other_mentee.person.full_name not in json.dumps(data.sections, default=str)


def test_my_data_csv_cells_are_neutralised(db):
    world = build_world()
    world.session.shared_notes = '=HYPERLINK("http://evil")'
    world.session.save()
    _response, archive = _download(world.mentee)
    rows = list(csv.DictReader(io.StringIO(archive.read("sessions.csv").decode("utf-8-sig"))))
    assert rows[0]["shared_notes"].startswith("'=")


def test_my_data_has_every_own_pulse_comment_with_its_sharing(db):
    world = build_world()
    Pulse.objects.filter(comment="PULSE-MENTEE").update(comment_shared=True)
    data = my_data.collect(world.mentee)
    assert [
        (row["comment"], row["comment_shared_with_programme_team"]) for row in data.rows("pulses")
    ] == [("PULSE-MENTEE", True)]
    # A comment kept private is still its author's data.
    data = my_data.collect(world.mentor)
    assert [
        (row["comment"], row["comment_shared_with_programme_team"]) for row in data.rows("pulses")
    ] == [("PULSE-MENTOR", False)]


def test_my_data_csv_cells_are_neutralised_behind_a_control_character(db):
    world = build_world()
    Pulse.objects.filter(comment="PULSE-MENTEE").update(comment='\u0001=HYPERLINK("http://evil")')
    _response, archive = _download(world.mentee)
    rows = list(csv.DictReader(io.StringIO(archive.read("pulses.csv").decode("utf-8-sig"))))
    assert rows[0]["comment"] == '\'=HYPERLINK("http://evil")'


def test_my_data_for_staff_without_employee_record(db):
    user = UserFactory(person=None, email="admin@example.org", is_programme_manager=True)
    response, archive = _download(user)
    assert response.status_code == 200
    assert json.loads(archive.read("my-data.json"))["profile"][0]["account_email"] == (
        "admin@example.org"
    )


def test_my_data_download_is_audited_without_content(db):
    world = build_world()
    _download(world.mentee)
    entry = LogEntry.objects.filter(additional_data__event="my_data_export").get()
    assert entry.actor == world.mentee
    assert "secret" not in json.dumps(entry.additional_data)
