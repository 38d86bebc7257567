from __future__ import annotations

import contextlib
import json
import re

import pytest
from auditlog.models import LogEntry
from axes.models import AccessLog
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse

from rementor.analytics import exports
from rementor.analytics.report.document import Audience, report_html
from rementor.audit.events import Event, record
from rementor.mentoring.models import (
    CheckIn,
    Concern,
    MentoringSession,
    Objective,
    PrivateNote,
    Pulse,
)
from rementor.mentoring.queries import pair_health
from rementor.people.models import ImportBatch, Person, User
from rementor.privacy.erasure import anonymise_person
from rementor.privacy.models import ErasureRequest, ErasureStatus
from tests.conftest import client_for, log_in_through_form
from tests.factories import PASSWORD, UserFactory
from tests.rementor.privacy.world import EMAIL, EMPLOYEE_ID, FIRST, LAST, build_world

NEEDLES = (FIRST, LAST, EMAIL, EMPLOYEE_ID, "zephyrine")


def _assert_absent(text: str, where: str) -> None:
    lowered = text.lower()
    for needle in NEEDLES:
        assert needle.lower() not in lowered, f"{needle!r} still in {where}"


# ------------------------------------------------------------------------------- flow


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
    assert 'data-testid="pending-erasures"' in page
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


def test_erasure_clears_a_shared_pulse_comment_and_its_sharing(db):
    world = build_world()
    Pulse.objects.update(comment_shared=True)
    anonymise_person(person=world.mentee.person, by=None)
    assert sorted(Pulse.objects.values_list("comment", "comment_shared")) == [
        ("", False),
        ("PULSE-MENTOR", True),
    ]


def test_confirm_keeps_aggregates_and_the_partners_records(db):
    world = build_world()
    anonymise_person(person=world.mentee.person, by=None)
    assert list(PrivateNote.objects.values_list("text", flat=True)) == ["MENTOR-PRIVATE secret"]
    pulses = dict(Pulse.objects.values_list("comment", "usefulness"))
    assert pulses == {"": 5, "PULSE-MENTOR": 3}
    check_in = CheckIn.objects.get()
    assert (check_in.progress, check_in.highlight, check_in.improve) == (4, "", "")
    session = MentoringSession.objects.get()
    assert (session.status, session.duration_minutes, session.shared_notes) == ("held", 45, "")
    titles = set(Objective.objects.values_list("title", flat=True))
    assert "MENTOR-OBJECTIVE pedagogy" in titles
    assert not any("LinkedIn" in t for t in titles)
    assert set(Concern.objects.values_list("text", flat=True)) == {
        "",
        "MENTOR-CONCERN about Zephyrine",
    }
    world.pair.refresh_from_db()
    assert world.pair.status == "active"
    assert world.pair.mentee.assessments.get().items.get().level == 1


def test_anonymise_person_twice_is_harmless(db):
    world = build_world()
    first = anonymise_person(person=world.mentee.person, by=None)
    assert anonymise_person(person=world.mentee.person, by=None) == first


# --------------------------------------------------------------- nothing identifies them


def _scrubbable_world(manager):
    world = build_world(reviewer=manager)
    record(event=Event.SENSITIVE_READ, actor=world.mentee, target=world.mentee.person)
    ImportBatch.objects.create(
        filename="hris.csv",
        sha256="0" * 64,
        status="applied",
        rows=[
            {
                "row": 2,
                "employee_id": EMPLOYEE_ID,
                "first_name": FIRST,
                "last_name": LAST,
                "email": EMAIL,
            },
            {
                "row": 3,
                "employee_id": "OTHER-1",
                "first_name": "Ann",
                "last_name": "Other",
                "email": "ann@example.org",
            },
        ],
        plan=[
            {"row": 2, "employee_id": EMPLOYEE_ID, "name": f"{FIRST} {LAST}", "action": "create"}
        ],
        table=[[2, [EMPLOYEE_ID, FIRST, LAST, EMAIL]]],
    )
    AccessLog.objects.create(
        username=EMAIL, ip_address="10.0.0.1", user_agent="x", http_accept="x", path_info="/"
    )
    return world


def test_erased_person_is_in_no_table(manager):
    """Every text, e-mail and JSON column of every model: the name and address are gone
    (the other member's texts that mention them are theirs, and were written about a pair)."""
    world = _scrubbable_world(manager)
    anonymise_person(person=world.mentee.person, by=manager)
    kept_on_purpose = {("mentoring", "concern", "text")}  # the mentor's own concern
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                continue
            if field.model._meta.db_table == "django_session":
                continue
            key = (model._meta.app_label, model._meta.model_name, field.name)
            for needle in (LAST, EMAIL, EMPLOYEE_ID):
                hits = model._default_manager.filter(**{f"{field.name}__icontains": needle})
                if key in kept_on_purpose and needle == FIRST:
                    continue
                assert not hits.exists(), f"{needle} still in {key}"
    batch = ImportBatch.objects.get()
    assert batch.rows[1]["last_name"] == "Other"
    assert batch.plan[0]["action"] == "create"


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
    world = _scrubbable_world(manager)
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


def test_erased_user_cannot_sign_in(db):
    world = build_world()
    anonymise_person(person=world.mentee.person, by=None)
    from tests.conftest import log_in_through_form
    from tests.factories import PASSWORD

    response = log_in_through_form(client_for(None), email=EMAIL, password=PASSWORD)
    assert response.status_code != 302


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
