"""The privacy pages: the account page, erasure requests and their decision, the download of
one's own data, the notice."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import zipfile

import pytest
from auditlog.models import LogEntry
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, reverse

from rementor.analytics import exports
from rementor.analytics.report.document import Audience, report_html
from rementor.audit.events import Event
from rementor.mentoring.models import Pulse
from rementor.mentoring.queries import pair_health
from rementor.people.models import Person, User
from rementor.privacy.models import ErasureRequest, ErasureStatus
from tests.factories import PASSWORD, UserFactory, client_for, log_in_through_form
from tests.rementor.privacy.factories import (
    EMAIL,
    EMPLOYEE_ID,
    FIRST,
    LAST,
    build_world,
    scrubbable_world,
)

# ---------------------------------------------------------------- erasure requests


NEEDLES = (FIRST, LAST, EMAIL, EMPLOYEE_ID, "zephyrine")


def _assert_absent(text: str, where: str) -> None:
    lowered = text.lower()
    for needle in NEEDLES:
        assert needle.lower() not in lowered, f"{needle!r} still in {where}"


def test_request_erasure_records_a_pending_request(db):
    world = build_world()
    client = client_for(world.mentee)
    response = client.post(
        reverse("privacy:request_erasure"), {"reason": "Leaving", "confirm": "on"}
    )
    assert response.status_code == 302
    request = ErasureRequest.objects.get()
    assert (request.status, request.reason) == (ErasureStatus.PENDING, "Leaving")
    page = client.get(reverse("privacy:profile")).content.decode()
    assert 'data-testid="erasure-pending"' in page
    entry = LogEntry.objects.get(additional_data__event=Event.ERASURE_REQUESTED)
    _assert_absent(entry.object_repr + json.dumps(entry.additional_data), "the audit event")


def test_request_erasure_without_confirmation_keeps_the_typed_reason(db):
    world = build_world()
    response = client_for(world.mentee).post(
        reverse("privacy:request_erasure"), {"reason": "My typed reason"}
    )
    assert response.status_code == 200
    assert "My typed reason" in response.content.decode()
    assert not ErasureRequest.objects.exists()


def test_request_erasure_twice_shows_an_error(db):
    world = build_world()
    client = client_for(world.mentee)
    data = {"reason": "", "confirm": "on"}
    client.post(reverse("privacy:request_erasure"), data)
    response = client.post(reverse("privacy:request_erasure"), data)
    assert response.status_code == 200
    assert ErasureRequest.objects.count() == 1


def test_request_erasure_refused_to_staff(manager):
    response = client_for(manager).post(reverse("privacy:request_erasure"), {"confirm": "on"})
    assert response.status_code == 403


def test_withdraw_erasure_request(db):
    world = build_world()
    client = client_for(world.mentee)
    client.post(reverse("privacy:request_erasure"), {"confirm": "on"})
    client.post(reverse("privacy:withdraw_erasure"))
    assert ErasureRequest.objects.get().status == ErasureStatus.WITHDRAWN


def test_manager_home_links_pending_requests(manager):
    ErasureRequest.objects.create(person=UserFactory().person)
    page = client_for(manager).get(reverse("home")).content.decode()
    # The home page's attention list counts it and links to the requests.
    assert 'data-key="erasures" data-count="1"' in page
    assert reverse("privacy:erasure_requests") in page
    listing = client_for(manager).get(reverse("privacy:erasure_requests")).content.decode()
    assert 'data-testid="pending-requests"' in listing


def test_decline_without_reason_keeps_the_form(manager):
    world = build_world()
    request = ErasureRequest.objects.create(person=world.mentee.person)
    url = reverse("privacy:erasure_request", args=[request.pk])
    response = client_for(manager).post(url, {"decision": "decline", "reason": "  "})
    assert response.status_code == 200
    decline = re.search(r'<input[^>]*value="decline"[^>]*>', response.content.decode())
    assert decline is not None and "checked" in decline.group(0)
    request.refresh_from_db()
    assert request.status == ErasureStatus.PENDING
    assert not mail.outbox


def test_decline_emails_the_reason_in_the_persons_language(
    manager, django_capture_on_commit_callbacks
):
    world = build_world()
    world.mentee.language = "en"
    world.mentee.save()
    request = ErasureRequest.objects.create(person=world.mentee.person)
    url = reverse("privacy:erasure_request", args=[request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).post(
            url, {"decision": "decline", "reason": "You still mentor in a running programme"}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (ErasureStatus.DECLINED, manager)
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert "You still mentor in a running programme" in message.body
    assert "declined" in message.body  # English
    Person.objects.get(pk=world.mentee.person.pk)  # untouched
    assert Person.objects.filter(last_name=LAST).exists()
    entry = LogEntry.objects.get(additional_data__event=Event.ERASURE_DECLINED)
    assert entry.actor == manager
    _assert_absent(entry.object_repr + json.dumps(entry.additional_data), "the audit event")


def test_confirm_anonymises_and_emails_the_old_address(manager, django_capture_on_commit_callbacks):
    world = build_world()
    request = ErasureRequest.objects.create(person=world.mentee.person, reason="Bye Zephyrine")
    url = reverse("privacy:erasure_request", args=[request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).post(url, {"decision": "confirm"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    person = Person.objects.get(pk=world.mentee.person.pk)
    assert person.full_name == f"Personne effacée n° {person.pk}"
    assert person.email is None and person.job_title == "" and not person.is_active
    user = User.objects.get(pk=world.mentee.pk)
    assert not user.is_active and not user.has_usable_password()
    assert EMAIL not in user.email
    request.refresh_from_db()
    assert request.status == ErasureStatus.CONFIRMED and request.reason == ""
    assert LogEntry.objects.filter(additional_data__event=Event.ERASURE_CONFIRMED).exists()
    # A second confirmation is refused without a server error.
    again = client_for(manager).post(url, {"decision": "confirm"})
    assert again.status_code == 200


def _pages_as_manager(world) -> list[str]:
    slug = world.pair.programme.slug
    person = world.mentee.person
    urls = [
        reverse("home"),
        reverse("people:directory"),
        reverse("people:detail", args=[person.pk]),
        reverse("programmes:detail", args=[slug]),
        reverse("mentoring:pair", args=[world.pair.pk]),
        reverse("mentoring:pairs", args=[slug]),
        reverse("selection:candidates", args=[slug]),
        reverse("matching:page", args=[slug]),
        reverse("analytics:dashboard", args=[slug]),
        reverse("analytics:needs", args=[slug]),
        reverse("privacy:erasure_requests"),
    ]
    for name in (
        "audit:trail",
        "api:person-list",
        "api:pair-list",
        "api:enrollment-list",
        "api:mentoringsession-list",
        "api:concern-list",
        "api:idea-list",
    ):
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse(name))
    return urls


def test_erased_person_is_gone_from_every_page_export_and_report(manager):
    world = scrubbable_world(manager)
    programme = world.pair.programme
    request = ErasureRequest.objects.create(person=world.mentee.person)
    client = client_for(manager)
    client.post(reverse("privacy:erasure_request", args=[request.pk]), {"decision": "confirm"})
    for url in [*_pages_as_manager(world), reverse("privacy:erasure_request", args=[request.pk])]:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_absent(response.content.decode(), url)
    for dataset in exports.DATASETS:
        content = exports.export(programme=programme, fmt="csv", dataset=dataset).content
        _assert_absent(content.decode("utf-8-sig"), f"the {dataset} export")
    for audience in Audience:
        _assert_absent(report_html(programme=programme, audience=audience), f"{audience} report")
    partner = client_for(world.mentor)
    for url in (
        reverse("home"),
        reverse("mentoring:pair", args=[world.pair.pk]),
        reverse("mentoring:session", args=[world.session.pk]),
        reverse("programmes:detail", args=[programme.slug]),
    ):
        response = partner.get(url)
        assert response.status_code == 200, url
        _assert_absent(response.content.decode(), f"{url} as the partner")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_profile_page_in_both_languages(db, language):
    world = build_world()
    client = client_for(world.mentee)
    client.cookies["django_language"] = language
    page = client.get(reverse("privacy:profile"), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("privacy:my_data") in html
    assert reverse("password_change") in html
    assert EMAIL in html


def test_erasure_ends_the_open_sessions_and_flags_the_running_pair(manager):
    world = build_world()
    browser = Client()
    log_in_through_form(browser, email=EMAIL, password=PASSWORD)
    assert "signed-in-as" in browser.get(reverse("home")).content.decode()
    request = ErasureRequest.objects.create(person=world.mentee.person)

    client_for(manager).post(
        reverse("privacy:erasure_request", args=[request.pk]), {"decision": "confirm"}
    )

    user_id = str(world.mentee.pk)
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == user_id]
    assert "signed-in-as" not in browser.get(reverse("home")).content.decode()
    world.pair.refresh_from_db()
    assert world.pair.status == "active"
    assert pair_health([world.pair])[world.pair.pk].reasons[0] == "mentee_left"
    entry = LogEntry.objects.get(additional_data__event=Event.PERSON_DEACTIVATED)
    assert entry.additional_data["reason"] == "erasure"
    assert entry.additional_data["sessions_ended"] == 1
    _assert_absent(entry.object_repr + json.dumps(entry.additional_data), "the audit event")


# ------------------------------------------------------------------------ my data


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


def test_my_data_csv_cells_are_neutralised(db):
    world = build_world()
    world.session.shared_notes = '=HYPERLINK("http://evil")'
    world.session.save()
    _response, archive = _download(world.mentee)
    rows = list(csv.DictReader(io.StringIO(archive.read("sessions.csv").decode("utf-8-sig"))))
    assert rows[0]["shared_notes"].startswith("'=")


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


# ------------------------------------------------------------------------- notice


@pytest.mark.parametrize(("language", "heading"), [("fr", "Personal data"), ("en", "Who sees it")])
def test_privacy_notice_for_anonymous_visitors(db, settings, language, heading):
    settings.RM_RETENTION_MONTHS = 18
    settings.RM_PRIVATE_NOTES_DAYS = 45
    response = client_for(None).get(reverse("privacy:notice"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert "18" in html and "45" in html
    assert 'data-testid="retention"' in html


def test_privacy_notice_is_linked_from_login_and_footer(db):
    html = client_for(None).get(reverse("login")).content.decode()
    assert html.count(reverse("privacy:notice")) == 2


def test_account_link_in_the_menu(pair_member):
    html = client_for(pair_member).get(reverse("home")).content.decode()
    assert f'href="{reverse("privacy:profile")}"' in html
