"""Each kind of event lands in the trail once, with the right actor and nothing typed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from rementor.audit.events import Event, acting_as, record
from rementor.matching import domain as matching
from rementor.matching.models import MatchRun, Pair, PairStatus
from rementor.mentoring import concerns, lifecycle, sessions
from rementor.mentoring.models import MentoringSession, SessionStatus
from rementor.people.importing import apply_import, preview_import
from rementor.people.models import ImportBatch, Person
from rementor.selection.domain import decide_application
from tests.factories import UserFactory, client_for
from tests.rementor.audit.helpers import changes_of, events, everything_stored, the_event
from tests.rementor.matching.factories import matching_programme, mentee, mentor
from tests.rementor.mentoring.factories import make_pair
from tests.rementor.selection.factories import RecruitingProgrammeFactory, candidate

pytestmark = pytest.mark.django_db

# --- refusals -----------------------------------------------------------------------------------


def test_wrong_role_403_is_recorded_with_path_and_permission(pair_member):
    response = client_for(pair_member).get(reverse("people:directory"))
    assert response.status_code == 403
    entry = the_event(Event.PERMISSION_DENIED)
    assert entry.actor == pair_member
    assert entry.additional_data == {
        "event": "permission_denied",
        "path": reverse("people:directory"),
        "permission": "people.view_directory",
        "status": 403,
    }


def test_outsider_404_is_recorded_with_the_object(stranger, programme):
    url = reverse("analytics:exports", args=[programme.slug])
    assert client_for(stranger).get(url).status_code == 404
    entry = the_event(Event.PERMISSION_DENIED)
    assert entry.actor == stranger
    assert entry.additional_data["status"] == 404
    assert entry.additional_data["permission"] == "analytics.view_small_groups"
    assert entry.object_pk == str(programme.pk)


def test_other_member_opening_a_concern_is_a_recorded_404():
    pair, mentee_user, mentor_user = make_pair()
    concern = concerns.raise_concern(pair=pair, by=mentee_user, text="Il me coupe sans cesse.")
    url = reverse("mentoring:concern_detail", args=[concern.pk])
    assert client_for(mentor_user).get(url).status_code == 404
    entry = the_event(Event.PERMISSION_DENIED)
    assert entry.actor == mentor_user and entry.object_repr == f"concern #{concern.pk}"


# --- imports ------------------------------------------------------------------------------------

CSV = (
    b"employee_id,first_name,last_name,email\n"
    b"A1,Ada,Lovelace,ada@example.org\nA2,Alan,Turing,alan@example.org\n"
)
IMPORTED = {"Ada Lovelace", "Ada King", "Alan Turing"}


def test_import_is_one_event_with_counts_and_no_entry_per_person(manager):
    batch = preview_import(data=CSV, filename="people.csv", by=manager)
    apply_import(batch=batch, by=manager)
    entry = the_event(Event.IMPORT)
    assert entry.actor == manager
    assert entry.additional_data["created"] == 2 and entry.additional_data["updated"] == 0
    assert entry.object_pk == str(batch.pk)
    assert [e for e in changes_of(Person) if e.object_repr in IMPORTED] == []


def test_import_updates_are_not_tracked_row_by_row(manager):
    apply_import(batch=preview_import(data=CSV, filename="a.csv", by=manager), by=manager)
    changed = CSV.replace(b"Lovelace", b"King")
    apply_import(batch=preview_import(data=changed, filename="b.csv", by=manager), by=manager)
    assert [e.additional_data["updated"] for e in events(Event.IMPORT)] == [0, 1]
    assert [e for e in changes_of(Person) if e.object_repr in IMPORTED] == []


def test_import_command_is_recorded_as_the_system(db, tmp_path):
    path = tmp_path / "hris.csv"
    path.write_bytes(CSV)
    call_command("import_people", str(path), stdout=io.StringIO())
    entry = the_event(Event.IMPORT)
    assert entry.actor is None and entry.object_pk == str(ImportBatch.objects.get().pk)


# --- selection ----------------------------------------------------------------------------------


def test_mentor_decisions_are_recorded_without_the_reason(manager):
    programme = RecruitingProgrammeFactory()
    approved, declined = candidate(programme), candidate(programme)
    decide_application(application=approved, by=manager, decision="accepted")
    reason = "Pas assez de disponibilité ce semestre."
    decide_application(application=declined, by=manager, decision="declined", reason=reason)
    first, second = events(Event.MENTOR_DECISION)
    assert (first.actor, first.additional_data["decision"]) == (manager, "accepted")
    assert (second.object_pk, second.additional_data["decision"]) == (str(declined.pk), "declined")
    assert reason not in everything_stored()


def test_decision_through_the_page_is_the_managers(manager):
    programme = RecruitingProgrammeFactory()
    application = candidate(programme)
    url = reverse("selection:decide", args=[programme.slug, application.pk])
    client_for(manager).post(url, {"decision": "accepted"})
    assert the_event(Event.MENTOR_DECISION).actor == manager


# --- matching -----------------------------------------------------------------------------------

LINKEDIN = {"linkedin": (1, 3, 3)}


def test_match_run_and_publication_are_recorded_with_who(manager):
    programme = matching_programme()
    mentee(programme, needs=LINKEDIN)
    mentor(programme, levels={"linkedin": 4})
    run = matching.create_run_now(programme=programme, by=manager)
    matching.publish_run(run=run, by=manager)
    started = the_event(Event.MATCH_RUN)
    assert (started.actor, started.object_pk) == (manager, str(run.pk))
    published = the_event(Event.MATCH_PUBLISHED)
    assert published.actor == manager
    assert published.additional_data["created"] == 1
    (pair_created,) = changes_of(Pair)
    assert pair_created.actor == manager


def test_match_run_from_the_page_is_recorded(manager):
    programme = matching_programme()
    mentee(programme, needs=LINKEDIN)
    mentor(programme, levels={"linkedin": 4})
    weights = {"skills": 70, "availability": 10, "preferences": 10, "cross_department": 10}
    client_for(manager).post(reverse("matching:run", args=[programme.slug]), weights)
    entry = the_event(Event.MATCH_RUN)
    assert entry.actor == manager
    assert entry.object_pk == str(MatchRun.objects.get().pk)


def test_match_command_is_recorded_as_the_system(db):
    programme = matching_programme()
    mentee(programme, needs=LINKEDIN)
    mentor(programme, levels={"linkedin": 4})
    call_command("match", programme.slug, "--publish", stdout=io.StringIO())
    assert the_event(Event.MATCH_RUN).actor is None
    assert the_event(Event.MATCH_PUBLISHED).actor is None


# --- exports and reports ------------------------------------------------------------------------


def test_export_download_is_recorded(manager, programme):
    url = reverse("analytics:export", args=[programme.slug])
    response = client_for(manager).get(url, {"format": "csv", "dataset": "pairs"})
    assert response.status_code == 200
    entry = the_event(Event.EXPORT)
    assert entry.actor == manager and entry.object_pk == str(programme.pk)
    assert entry.additional_data["file"].endswith(".csv")


def test_refused_export_records_a_refusal_not_an_export(sponsor, programme):
    url = reverse("analytics:export", args=[programme.slug])
    client_for(sponsor).get(url, {"format": "csv", "dataset": "pairs"})
    assert not events(Event.EXPORT)
    assert events(Event.PERMISSION_DENIED)


def test_report_download_is_recorded_with_its_audience(manager, programme):
    response = client_for(manager).get(
        reverse("analytics:report", args=[programme.slug]), {"audience": "sponsor"}
    )
    assert response.status_code == 200
    entry = the_event(Event.REPORT)
    assert entry.actor == manager and entry.additional_data["audience"] == "sponsor"


def test_report_command_records_the_export(programme, tmp_path):
    output = tmp_path / "pairs.csv"
    call_command(
        "report", programme.slug, "--format", "csv", "--dataset", "pairs", "-o", str(output),
        stdout=io.StringIO(),
    )  # fmt: skip
    entry = the_event(Event.EXPORT)
    assert entry.actor is None
    assert entry.additional_data["source"] == "command"
    assert entry.additional_data["dataset"] == "pairs"


# --- sensitive reads ----------------------------------------------------------------------------


def test_manager_opening_a_concern_is_a_sensitive_read(manager):
    pair, mentee_user, _mentor = make_pair(programme=matching_programme())
    concern = concerns.raise_concern(pair=pair, by=mentee_user, text="Je ne me sens pas écouté.")
    url = reverse("mentoring:concern_detail", args=[concern.pk])
    assert client_for(manager).get(url).status_code == 200
    entry = the_event(Event.SENSITIVE_READ)
    assert entry.actor == manager and entry.object_repr == f"concern #{concern.pk}"


def test_author_reading_their_own_concern_is_not_a_sensitive_read():
    pair, mentee_user, _mentor = make_pair()
    concern = concerns.raise_concern(pair=pair, by=mentee_user, text="Rien de grave.")
    client_for(mentee_user).get(reverse("mentoring:concern_detail", args=[concern.pk]))
    assert not events(Event.SENSITIVE_READ)


# --- pair and session life: who did it ----------------------------------------------------------


def test_pair_status_changes_are_the_acting_members_without_reason():
    pair, mentee_user, mentor_user = make_pair()
    lifecycle.pause_pair(pair=pair, by=mentee_user, reason="Congé parental de trois mois")
    lifecycle.resume_pair(pair=pair, by=mentor_user)
    paused, resumed = [e for e in changes_of(Pair, pair) if e.action == LogEntry.Action.UPDATE]
    assert paused.actor == mentee_user and paused.changes["status"] == ["active", "paused"]
    assert resumed.actor == mentor_user and resumed.changes["status"] == ["paused", "active"]
    assert "Congé parental" not in everything_stored()


def test_pair_ended_through_the_page_is_the_managers(manager):
    pair, _mentee, _mentor = make_pair()
    url = reverse("mentoring:pair_status", args=[pair.pk])
    response = client_for(manager).post(url, {"move": "end", "reason": "Départ de l'entreprise"})
    assert response.status_code == 302
    (ended,) = [e for e in changes_of(Pair, pair) if e.action == LogEntry.Action.UPDATE]
    assert ended.actor == manager and ended.changes["status"] == ["active", PairStatus.ENDED]
    assert "Départ" not in everything_stored()


def test_session_cancellation_is_the_cancelling_members():
    pair, mentee_user, mentor_user = make_pair()
    session = MentoringSession.objects.create(
        pair=pair,
        starts_at=timezone.now() + dt.timedelta(days=5),
        created_by=mentor_user,
        agenda="Préparer le post LinkedIn",
    )
    sessions.cancel_session(session=session, by=mentee_user)
    (cancelled,) = [e for e in changes_of(MentoringSession) if e.action == LogEntry.Action.UPDATE]
    assert cancelled.actor == mentee_user
    assert cancelled.changes["status"] == [SessionStatus.PLANNED, SessionStatus.CANCELLED]
    assert "LinkedIn" not in everything_stored()


def test_acting_as_restores_the_request_actor_afterwards(manager):
    other = UserFactory()
    with acting_as(manager):
        with acting_as(other):
            record(event=Event.EXPORT, details={})
            first = Person.objects.create(employee_id="Z1", first_name="A", last_name="B")
        second = Person.objects.create(employee_id="Z2", first_name="C", last_name="D")
    assert changes_of(Person, first)[0].actor == other
    assert changes_of(Person, second)[0].actor == manager


def test_acting_as_nobody_keeps_the_current_actor(manager):
    with acting_as(manager), acting_as(None):
        person = Person.objects.create(employee_id="Z3", first_name="E", last_name="F")
    assert changes_of(Person, person)[0].actor == manager
