"""Session pages (plan, record, log, .ics, private notes) and the sessions part of the pair
page."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rementor.matching.models import PairStatus
from rementor.mentoring import sessions
from rementor.mentoring.models import MentoringSession, PrivateNote, SessionStatus
from rementor.people.models import User
from tests.factories import UserFactory, client_for
from tests.rementor.mentoring.factories import (
    PARIS,
    formed_days_ago,
    held,
    local,
    make_pair,
    parse_ics,
    planned,
    session_with_notes,
    sign_charter,
)

pytestmark = pytest.mark.django_db


def test_session_ics_page_of_a_year_9999_row_answers(client):
    session = session_with_notes(starts_at=dt.datetime(9999, 12, 31, 23, 30, tzinfo=PARIS))
    member = User.objects.get(person=session.pair.mentee.person)
    client.force_login(member)

    response = client.get(reverse("mentoring:session_ics", args=[session.pk]))

    assert response.status_code == 200
    parse_ics(response.content)


def test_plan_view_in_year_9999_shows_the_error_next_to_the_date():
    pair, _mentee_user, mentor_user = make_pair()
    data = {
        "date": "9999-12-31",
        "time": "23:30",
        "time_zone": "Europe/Paris",
        "duration_minutes": "60",
        "mode": "remote",
        "location": "",
        "agenda": "Kept",
    }

    response = client_for(mentor_user).post(
        reverse("mentoring:plan_session", args=[pair.pk]), data, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "90 days after its end" in " ".join(form.errors["date"])
    assert form["agenda"].value() == "Kept"
    assert not MentoringSession.objects.exists()


def test_plan_view_year_1_east_of_greenwich_is_an_error_not_a_crash():
    pair, _mentee_user, mentor_user = make_pair()

    response = client_for(mentor_user).post(
        reverse("mentoring:plan_session", args=[pair.pk]),
        {
            "date": "0001-01-01",
            "time": "00:00",
            "time_zone": "Asia/Tokyo",
            "duration_minutes": "60",
            "mode": "remote",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert not MentoringSession.objects.exists()


def test_plan_view_defaults_to_mentee_time_zone_and_programme_length():
    pair, mentee_user, mentor_user = make_pair()
    mentee_user.person.time_zone = "America/Montreal"
    mentee_user.person.save()
    pair.programme.session_minutes = 45
    pair.programme.save()

    response = client_for(mentor_user).get(reverse("mentoring:plan_session", args=[pair.pk]))

    form = response.context["form"]
    assert form["time_zone"].value() == "America/Montreal"
    assert form["duration_minutes"].value() == 45


def test_plan_view_reads_time_in_chosen_zone(django_capture_on_commit_callbacks):
    pair, _mentee_user, mentor_user = make_pair()
    montreal = ZoneInfo("America/Montreal")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(mentor_user).post(
            reverse("mentoring:plan_session", args=[pair.pk]),
            {
                "date": local(3, zone=montreal).date().isoformat(),
                "time": "09:30",
                "time_zone": "America/Montreal",
                "duration_minutes": "60",
                "mode": "remote",
                "location": "",
                "agenda": "",
            },
        )

    session = MentoringSession.objects.get()
    assert response.url == reverse("mentoring:session", args=[session.pk])
    assert session.starts_at == local(3, 9, 30, zone=montreal)
    assert len(mail.outbox) == 2


def test_plan_view_keeps_input_and_names_missing_place():
    pair, _mentee_user, mentor_user = make_pair()

    response = client_for(mentor_user).post(
        reverse("mentoring:plan_session", args=[pair.pk]),
        {
            "date": local(3).date().isoformat(),
            "time": "09:30",
            "time_zone": "Europe/Paris",
            "duration_minutes": "60",
            "mode": "in_person",
            "location": "",
            "agenda": "Our plan",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "location" in response.context["form"].errors
    assert response.context["form"]["agenda"].value() == "Our plan"
    assert not MentoringSession.objects.exists()


def test_session_ics_download_for_members_parses():
    pair, mentee_user, mentor_user = make_pair()
    session = planned(pair, mentor_user)

    response = client_for(mentee_user).get(reverse("mentoring:session_ics", args=[session.pk]))

    assert response["Content-Type"] == "text/calendar"
    event = icalendar.Calendar.from_ical(response.content).events[0]
    assert str(event["uid"]) == f"{session.uid}@rementor"


def test_log_view_on_closed_pair_says_so():
    pair, mentee_user, _mentor_user = make_pair()
    session = planned(pair, mentee_user, days=-1)
    pair.status = PairStatus.ENDED
    pair.save()

    response = client_for(mentee_user).get(
        reverse("mentoring:log_session", args=[session.pk]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "ended early" in response.content.decode()


def test_log_view_without_charter_keeps_input():
    pair, mentee_user, _mentor_user = make_pair()
    session = planned(pair, mentee_user, days=-1)

    response = client_for(mentee_user).post(
        reverse("mentoring:log_session", args=[session.pk]),
        {"status": "held", "shared_notes": "Notes typed", "private_note": "Mine"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "charter" in " ".join(response.context["form"].non_field_errors())
    assert response.context["form"]["shared_notes"].value() == "Notes typed"


def test_home_page_with_a_year_9999_session_still_answers():
    pair, mentee_user, _mentor_user = make_pair()
    # Saved before the checks, in a zone west of Paris: 23:30 UTC, past Paris's last day.
    MentoringSession.objects.create(
        pair=pair,
        starts_at=dt.datetime(9999, 12, 31, 22, 30, tzinfo=ZoneInfo("Atlantic/Azores")),
        time_zone="Atlantic/Azores",
        created_by=mentee_user,
    )

    response = client_for(mentee_user).get(reverse("home"))

    assert response.status_code == 200
    assert "9999" in response.content.decode()


def test_record_view_records_held_and_sends_nothing(django_capture_on_commit_callbacks):
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    formed_days_ago(pair, 10)
    skill = pair.programme.skills.get(code="slack")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(mentee_user).post(
            reverse("mentoring:record_session", args=[pair.pk]),
            {
                "date": local(-2).date().isoformat(),
                "time": "12:30",
                "time_zone": "Europe/Paris",
                "duration_minutes": "30",
                "mode": "in_person",
                "location": "Canteen",
                "skills": [skill.pk],
                "shared_notes": "Slack channels tidied",
            },
        )

    session = MentoringSession.objects.get()
    assert response.url == reverse("mentoring:session", args=[session.pk])
    assert session.status == SessionStatus.HELD
    assert session.starts_at == local(-2, 12, 30)
    assert list(session.skills.all()) == [skill]
    assert mail.outbox == []


def test_record_view_future_date_keeps_input_and_names_the_date():
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)

    response = client_for(mentee_user).post(
        reverse("mentoring:record_session", args=[pair.pk]),
        {
            "date": local(5).date().isoformat(),
            "time": "12:30",
            "time_zone": "Europe/Paris",
            "duration_minutes": "30",
            "mode": "remote",
            "shared_notes": "Typed notes",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "plan the session instead" in " ".join(form.errors["date"])
    assert form["shared_notes"].value() == "Typed notes"
    assert not MentoringSession.objects.exists()


# --- private notes -----------------------------------------------------------------------------


def test_private_note_never_shown_to_the_other_member():
    pair, mentee_user, mentor_user = make_pair()
    sign_charter(pair)
    session = planned(pair, mentee_user, days=-1)
    sessions.log_session(
        session=session,
        by=mentee_user,
        status=SessionStatus.HELD,
        shared_notes="Shared text",
        private_note="Secret of the mentee",
    )
    note = PrivateNote.objects.get()
    mentor = client_for(mentor_user)

    page = mentor.get(reverse("mentoring:session", args=[session.pk])).content.decode()
    log = mentor.get(reverse("mentoring:log_session", args=[session.pk])).content.decode()
    pair_page = mentor.get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert "Shared text" in page
    for html in (page, log, pair_page):
        assert "Secret of the mentee" not in html
    assert mentor.get(reverse("mentoring:private_note", args=[note.pk])).status_code == 404


def test_private_note_author_reads_and_edits_it():
    pair, mentee_user, _mentor_user = make_pair()
    session = planned(pair, mentee_user, days=-1)
    note = sessions.save_private_note(session=session, author=mentee_user, text="Mine")
    client = client_for(mentee_user)

    assert "Mine" in client.get(reverse("mentoring:session", args=[session.pk])).content.decode()
    client.post(reverse("mentoring:private_note", args=[note.pk]), {"text": "Changed"})

    note.refresh_from_db()
    assert note.text == "Changed"


def test_private_note_hidden_from_manager(manager):
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    session = planned(pair, mentee_user, days=-1)
    sessions.log_session(
        session=session,
        by=mentee_user,
        status=SessionStatus.HELD,
        shared_notes="Shared text",
        private_note="Secret of the mentee",
    )
    client = client_for(manager)

    pair_page = client.get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert "Secret of the mentee" not in pair_page
    assert "Shared text" not in pair_page
    assert client.get(reverse("mentoring:session", args=[session.pk])).status_code == 403
    note = PrivateNote.objects.get()
    assert client.get(reverse("mentoring:private_note", args=[note.pk])).status_code == 404


# --- the pair page section ---------------------------------------------------------------------


def test_sessions_section_shows_next_session_and_plan_button():
    pair, mentee_user, mentor_user = make_pair()
    session = planned(pair, mentor_user, days=5)

    html = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert 'data-testid="next-session"' in html
    assert reverse("mentoring:session_ics", args=[session.pk]) in html
    assert 'data-testid="plan-session"' in html


def test_sessions_section_offers_recording_a_past_session_to_members_only(manager):
    pair, mentee_user, _mentor_user = make_pair()
    url = reverse("mentoring:record_session", args=[pair.pk])

    member_html = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk]))
    manager_html = client_for(manager).get(reverse("mentoring:pair", args=[pair.pk]))

    assert 'data-testid="record-session"' in member_html.content.decode()
    assert url in member_html.content.decode()
    assert url not in manager_html.content.decode()


def test_sessions_section_lists_pulse_to_answer_for_the_viewer():
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)

    html = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert f'data-testid="pulse-due-{session.pk}"' in html


def test_sessions_section_for_manager_shows_numbers_only(manager):
    pair, _mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)
    session.agenda = "Agenda words"
    session.shared_notes = "Shared words"
    session.save()

    html = client_for(manager).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert 'data-testid="sessions-held"' in html
    assert "Agenda words" not in html and "Shared words" not in html
    assert 'data-testid="plan-session"' not in html


def _section_queries(client, pair) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("mentoring:pair", args=[pair.pk]))
    return len(queries)


@pytest.mark.parametrize("viewer", ["member", "manager"])
def test_sessions_section_queries_do_not_grow_with_sessions(viewer, manager):
    pair, mentee_user, mentor_user = make_pair()
    client = client_for(mentee_user if viewer == "member" else manager)
    held(pair, mentor_user, days=-10)
    _section_queries(client, pair)  # warm-up: the first request loads the session etc.
    one = _section_queries(client, pair)
    held(pair, mentor_user, days=-5)
    planned(pair, mentor_user, days=4)
    three = _section_queries(client, pair)

    assert one == three


def test_session_page_is_for_members_only(stranger):
    pair, mentee_user, _mentor_user = make_pair()
    session = planned(pair, mentee_user)

    assert (
        client_for(stranger).get(reverse("mentoring:session", args=[session.pk])).status_code == 404
    )
    assert (
        client_for(UserFactory())
        .get(reverse("mentoring:session_ics", args=[session.pk]))
        .status_code
        == 404
    )
