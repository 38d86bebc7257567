"""Video calls: the programme's video tool, a typed link checked to be a web address, or a
Jitsi room made once per session — on the session page (members only), in the invitation and
in the calendar feed."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from rementor.mentoring import calendar_feeds, sessions
from rementor.mentoring.calendar import session_ics
from rementor.mentoring.models import MentoringSession, SessionMode
from rementor.programmes.models import VideoTool
from tests.factories import client_for
from tests.rementor.api.factories import token_client
from tests.rementor.mentoring.factories import local, make_pair, parse_ics

pytestmark = pytest.mark.django_db

MEET = "https://meet.google.com/abc-defg-hij"
HOSTILE = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://files.example.org/x",
    "//evil.example.org/x",
    "https://",
    "https://exa mple.org/",
    "https://example.org/\nBCC: x@example.org",
    "not a link",
    "https://example.org/" + "a" * 500,
]


def _pair(tool=VideoTool.LINK, **kwargs):
    pair, mentee_user, mentor_user = make_pair(**kwargs)
    pair.programme.video_tool = tool
    pair.programme.save(update_fields=["video_tool"])
    return pair, mentee_user, mentor_user


def _plan(pair, by, **fields):
    values = {
        "starts_at": local(3, 14),
        "time_zone": "Europe/Paris",
        "duration_minutes": 60,
        **fields,
    }
    return sessions.plan_session(pair=pair, by=by, base_url="https://rm.example", **values)


def _reschedule(session, by, **fields):
    values = {
        "starts_at": local(5, 9),
        "time_zone": "Europe/Paris",
        "duration_minutes": 60,
        "mode": SessionMode.REMOTE,
        **fields,
    }
    return sessions.reschedule_session(session=session, by=by, **values)


# --- the typed link --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [MEET, "https://teams.microsoft.com/l/meetup-join/19%3a", "http://visio.intra.example/r/1"],
)
def test_clean_meeting_url_accepts_web_addresses(url):
    assert sessions.clean_meeting_url(f"  {url} ") == url


@pytest.mark.parametrize("url", HOSTILE)
def test_clean_meeting_url_refuses_anything_but_a_web_address(url):
    with pytest.raises(ValidationError) as error:
        sessions.clean_meeting_url(url)
    assert "meeting_url" in error.value.message_dict


def test_clean_meeting_url_empty_is_no_link():
    assert sessions.clean_meeting_url("   ") == ""


def test_plan_with_a_typed_link_carries_it_everywhere(django_capture_on_commit_callbacks):
    pair, mentee_user, mentor_user = _pair(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        session = _plan(pair, mentor_user, meeting_url=MEET)

    assert session.meeting_link == MEET
    for message in mail.outbox:
        assert MEET in message.body
        _calendar, event = parse_ics(message.attachments[0].content)
        assert str(event["url"]) == MEET
        assert str(event["location"]) == MEET
        assert MEET in str(event["description"])
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)
    feed = client_for(None).get(reverse("calendar:feed", args=[secret])).content.decode()
    assert MEET in feed


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x"])
def test_plan_with_a_hostile_link_saves_and_sends_nothing(url):
    pair, _mentee_user, mentor_user = _pair()

    with pytest.raises(ValidationError):
        _plan(pair, mentor_user, meeting_url=url)

    assert not MentoringSession.objects.exists()
    assert not mail.outbox


def test_model_field_refuses_a_javascript_link_too():
    pair, _mentee_user, mentor_user = _pair()
    session = MentoringSession(
        pair=pair, starts_at=local(3), created_by=mentor_user, meeting_url="javascript:alert(1)"
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "meeting_url" in error.value.message_dict


def test_session_in_person_has_no_video_link():
    pair, _mentee_user, mentor_user = _pair()
    session = _plan(pair, mentor_user, meeting_url=MEET)

    _reschedule(session, mentor_user, mode=SessionMode.IN_PERSON, location="Room 4")

    session.refresh_from_db()
    assert session.meeting_url == ""
    assert session.meeting_link == ""
    _calendar, event = parse_ics(session_ics(session))
    assert "url" not in event
    assert str(event["location"]) == "Room 4"


def test_reschedule_without_a_link_field_keeps_the_typed_link():
    pair, _mentee_user, mentor_user = _pair()
    session = _plan(pair, mentor_user, meeting_url=MEET)

    _reschedule(session, mentor_user)

    session.refresh_from_db()
    assert session.meeting_url == MEET
    assert session.sequence == 1


# --- Jitsi rooms -----------------------------------------------------------------------------


def test_jitsi_programme_gives_each_video_session_its_own_room(settings):
    settings.RM_JITSI_HOST = "jitsi.example.com"
    pair, _mentee_user, mentor_user = _pair(VideoTool.JITSI)

    first = _plan(pair, mentor_user)
    second = _plan(pair, mentor_user, starts_at=local(10, 14))

    assert first.video_room.startswith("Rementor-")
    assert len(first.video_room) >= len("Rementor-") + 22  # 128 random bits
    assert first.video_room != second.video_room
    assert first.meeting_link == f"https://jitsi.example.com/{first.video_room}"


def test_jitsi_room_stays_through_changes_and_a_return_to_video():
    pair, _mentee_user, mentor_user = _pair(VideoTool.JITSI)
    session = _plan(pair, mentor_user)
    room = session.video_room

    _reschedule(session, mentor_user, starts_at=local(6, 11))
    _reschedule(session, mentor_user, mode=SessionMode.IN_PERSON, location="Room 4")
    session.refresh_from_db()
    assert session.meeting_link == ""
    _reschedule(session, mentor_user, mode=SessionMode.REMOTE)

    session.refresh_from_db()
    assert session.video_room == room
    assert session.meeting_link.endswith("/" + room)


def test_jitsi_room_in_the_invitation(django_capture_on_commit_callbacks):
    pair, _mentee_user, mentor_user = _pair(VideoTool.JITSI)
    with django_capture_on_commit_callbacks(execute=True):
        session = _plan(pair, mentor_user)

    link = f"https://meet.jit.si/{session.video_room}"
    _calendar, event = parse_ics(mail.outbox[0].attachments[0].content)
    assert str(event["url"]) == link
    assert link in mail.outbox[0].body


def test_in_person_session_of_a_jitsi_programme_gets_no_room():
    pair, _mentee_user, mentor_user = _pair(VideoTool.JITSI)

    session = _plan(pair, mentor_user, mode=SessionMode.IN_PERSON, location="Room 4")

    assert session.video_room == ""
    assert session.meeting_link == ""


def test_programme_without_video_tool_makes_no_room():
    pair, _mentee_user, mentor_user = _pair(VideoTool.NONE)

    session = _plan(pair, mentor_user)

    assert session.video_room == "" and session.meeting_link == ""


def test_two_sessions_cannot_share_a_room():
    from django.db import IntegrityError, transaction

    pair, _mentee_user, mentor_user = _pair(VideoTool.JITSI)
    session = _plan(pair, mentor_user)
    with pytest.raises(IntegrityError), transaction.atomic():
        MentoringSession.objects.create(
            pair=pair, starts_at=local(4), created_by=mentor_user, video_room=session.video_room
        )


# --- pages -----------------------------------------------------------------------------------


def _form(**fields):
    return {
        "date": local(3).date().isoformat(),
        "time": "14:00",
        "time_zone": "Europe/Paris",
        "duration_minutes": "60",
        "mode": "remote",
        "location": "",
        "agenda": "Kept as typed",
        **fields,
    }


def test_plan_page_asks_for_the_link_when_the_programme_types_links():
    pair, _mentee_user, mentor_user = _pair(language="en")
    client = client_for(mentor_user)
    url = reverse("mentoring:plan_session", args=[pair.pk])

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'name="meeting_url"' in page
    assert "Video call link" in page


def test_plan_page_has_no_link_field_without_that_setting():
    pair, _mentee_user, mentor_user = _pair(VideoTool.JITSI, language="en")

    page = client_for(mentor_user).get(
        reverse("mentoring:plan_session", args=[pair.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert 'name="meeting_url"' not in page.content.decode()
    assert "Jitsi room" in page.content.decode()


def test_plan_page_refuses_a_javascript_link_and_keeps_the_input():
    pair, _mentee_user, mentor_user = _pair(language="en")

    response = client_for(mentor_user).post(
        reverse("mentoring:plan_session", args=[pair.pk]),
        _form(meeting_url="javascript:alert(1)"),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "https://" in " ".join(form.errors["meeting_url"])
    assert form["agenda"].value() == "Kept as typed"
    assert not MentoringSession.objects.exists()
    assert 'href="javascript:' not in response.content.decode()


def test_plan_page_saves_the_typed_link():
    pair, _mentee_user, mentor_user = _pair()

    response = client_for(mentor_user).post(
        reverse("mentoring:plan_session", args=[pair.pk]), _form(meeting_url=MEET)
    )

    assert response.status_code == 302
    assert MentoringSession.objects.get().meeting_url == MEET


@pytest.mark.parametrize(
    ("language", "label", "absent"),
    [("en", "Video call", "Visioconférence"), ("fr", "Visioconférence", "Video call link")],
)
def test_session_page_shows_the_link_to_members(language, label, absent):
    pair, mentee_user, mentor_user = _pair(VideoTool.JITSI, language=language)
    session = _plan(pair, mentor_user)

    page = (
        client_for(mentee_user)
        .get(reverse("mentoring:session", args=[session.pk]), HTTP_ACCEPT_LANGUAGE=language)
        .content.decode()
    )

    assert f'href="{session.meeting_link}"' in page
    assert 'rel="noopener noreferrer"' in page
    assert label in page
    assert absent not in page


def test_session_page_escapes_a_stored_link():
    """A link written around the checks (an old row, the admin) is still only text."""
    pair, mentee_user, mentor_user = _pair()
    session = _plan(pair, mentor_user, meeting_url=MEET)
    MentoringSession.objects.filter(pk=session.pk).update(
        meeting_url='https://x.example/"><script>alert(1)</script>'
    )

    page = client_for(mentee_user).get(reverse("mentoring:session", args=[session.pk]))

    assert "<script>alert(1)</script>" not in page.content.decode()


def test_managers_never_see_the_link(manager):
    pair, _mentee_user, mentor_user = _pair(VideoTool.JITSI)
    session = _plan(pair, mentor_user)

    page = client_for(manager).get(reverse("mentoring:session", args=[session.pk]))
    pair_page = client_for(manager).get(reverse("mentoring:pair", args=[pair.pk]))
    api = token_client(manager).get(f"/api/v1/sessions/{session.pk}/").json()

    assert page.status_code == 403
    assert session.video_room not in pair_page.content.decode()
    assert api["meeting_link"] is None


def test_members_read_the_link_through_the_api():
    pair, mentee_user, mentor_user = _pair(VideoTool.JITSI)
    session = _plan(pair, mentor_user)

    api = token_client(mentee_user).get(f"/api/v1/sessions/{session.pk}/").json()

    assert api["meeting_link"] == session.meeting_link


def test_programme_page_says_which_video_tool(manager):
    pair, _mentee_user, _mentor_user = _pair(VideoTool.JITSI)

    page = (
        client_for(manager)
        .get(reverse("programmes:detail", args=[pair.programme.slug]), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )

    assert "A Jitsi room made for each session" in page


def test_programme_video_tool_through_the_api(manager, programme):
    client = token_client(manager)
    url = f"/api/v1/programmes/{programme.pk}/"

    assert client.get(url).json()["video_tool"] == "none"
    assert client.patch(url, {"video_tool": "jitsi"}, format="json").status_code == 200
    refused = client.patch(url, {"video_tool": "skype"}, format="json")

    assert refused.status_code == 400
    programme.refresh_from_db()
    assert programme.video_tool == VideoTool.JITSI


def test_api_plan_refuses_a_javascript_link():
    pair, _mentee_user, mentor_user = _pair()

    response = token_client(mentor_user).post(
        "/api/v1/sessions/",
        {
            "pair": pair.pk,
            "starts_at": local(3, 14).isoformat(),
            "time_zone": "Europe/Paris",
            "meeting_url": "javascript:alert(1)",
        },
        format="json",
    )

    assert response.status_code == 400
    assert "meeting_url" in response.json()
    assert not MentoringSession.objects.exists()


def test_programme_form_offers_the_video_tools(manager, programme):
    page = (
        client_for(manager)
        .get(reverse("programmes:edit", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE="fr")
        .content.decode()
    )

    assert 'name="video_tool"' in page
    assert "Une salle Jitsi créée pour chaque séance" in page


def test_programme_form_saves_the_video_tool_and_keeps_it_when_left_out(manager, programme):
    from rementor.programmes.forms import ProgrammeForm

    data = {
        "name": programme.name,
        "start_date": programme.start_date.isoformat(),
        "end_date": programme.end_date.isoformat(),
        "cadence_weeks": 3,
        "session_minutes": 60,
        "default_mentor_capacity": 1,
        "max_mentor_capacity": 2,
        "reporting_line_depth": 2,
        "mentor_applications": "invited",
        "languages": ["fr"],
    }
    chosen = ProgrammeForm({**data, "video_tool": "jitsi"}, instance=programme)
    assert chosen.is_valid(), chosen.errors
    assert chosen.cleaned_data["video_tool"] == VideoTool.JITSI
    programme.video_tool = VideoTool.LINK
    left_out = ProgrammeForm(data, instance=programme)
    assert left_out.is_valid(), left_out.errors
    assert left_out.cleaned_data["video_tool"] == VideoTool.LINK
    hostile = ProgrammeForm({**data, "video_tool": "javascript"}, instance=programme)
    assert not hostile.is_valid()
    assert "video_tool" in hostile.errors
