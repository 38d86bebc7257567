"""The ``purge`` command: a dry run changes nothing; a run clears what retention allows, once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone

from rementor.audit.events import Event
from rementor.mentoring.models import Idea, MentoringSession, PrivateNote
from rementor.people.models import Person
from rementor.privacy.models import Erasure, ProgrammePurge
from tests.factories import EnrollmentFactory
from tests.rementor.mentoring.factories import make_pair
from tests.rementor.privacy.factories import LAST, build_world, close_programme


def _run(*args) -> str:
    out = StringIO()
    call_command("purge", *args, stdout=out)
    return out.getvalue()


def test_purge_dry_run_changes_nothing(db):
    world = build_world()
    close_programme(world.pair.programme, days_ago=400)
    output = _run("--dry-run")
    assert "Would purge programme" in output
    assert "people: 2" in output and "private_notes: 2" in output
    assert "Dry run" in output
    assert PrivateNote.objects.count() == 2
    assert Person.objects.filter(last_name=LAST).exists()
    assert not ProgrammePurge.objects.exists() and not Erasure.objects.exists()
    assert not LogEntry.objects.filter(additional_data__event=Event.PURGE).exists()


def test_purge_clears_closed_programmes_and_is_idempotent(db, manager):
    world = build_world()
    EnrollmentFactory(programme=world.pair.programme, person=manager.person, role="mentor")
    close_programme(world.pair.programme, days_ago=400)
    output = _run()
    assert "Purged programme" in output
    assert not PrivateNote.objects.exists()
    session = MentoringSession.objects.get()
    assert (session.shared_notes, session.agenda, session.status) == ("", "", "held")
    assert (session.location, session.meeting_url) == ("", "")
    assert Idea.objects.get().description == ""
    assert not Person.objects.filter(last_name=LAST).exists()
    assert Erasure.objects.count() == 2  # mentee and mentor; the manager is staff
    manager.person.refresh_from_db()
    assert manager.person.last_name != "" and not hasattr(manager.person, "erasure")
    entry = LogEntry.objects.get(additional_data__event=Event.PURGE)
    assert entry.additional_data["counts"]["people"] == 2
    assert "Nothing to purge." in _run()
    assert "Nothing to purge." in _run("--dry-run")


def test_purge_deletes_private_notes_of_pairs_ended_long_ago(db):
    world = build_world()
    world.pair.status = "completed"
    world.pair.ended_at = timezone.now() - dt.timedelta(days=31)
    world.pair.save()
    other, other_mentee, _mentor = make_pair()
    other.status, other.ended_at = "ended", timezone.now() - dt.timedelta(days=10)
    other.save()
    session = MentoringSession.objects.create(pair=other, starts_at=timezone.now(), status="held")
    PrivateNote.objects.create(session=session, author=other_mentee, text="recent")
    output = _run()
    assert "private_notes: 2" in output
    assert list(PrivateNote.objects.values_list("text", flat=True)) == ["recent"]
    assert Person.objects.filter(last_name=LAST).exists()  # the programme is not closed
    assert "Nothing to purge." in _run()
