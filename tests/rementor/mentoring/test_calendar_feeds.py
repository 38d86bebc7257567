"""The personal calendar feed: its secret address (made, replaced, stopped, closed when its
owner leaves), what the feed holds, and what it never does."""

import datetime as dt
import hashlib
import re

import icalendar
import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rementor.audit.events import Departure, Event
from rementor.mentoring import calendar_feeds, sessions
from rementor.mentoring.models import CalendarFeed, MentoringSession, PrivateNote, SessionStatus
from rementor.people.domain import deactivate_person
from rementor.privacy.erasure import anonymise_person
from tests.factories import client_for
from tests.rementor.mentoring.factories import local, make_pair, planned, sign_charter

pytestmark = pytest.mark.django_db

SECRETS = ("LinkedIn fear", "first post together", "only mine to read", "pulse comment")


def _feed_url(secret: str) -> str:
    return reverse("calendar:feed", args=[secret])


def _read(secret: str, client=None) -> icalendar.Calendar:
    response = (client or client_for(None)).get(_feed_url(secret))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _events(calendar) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in calendar.events}


def _plan(pair, by, **fields):
    values = {
        "starts_at": local(3, 14, 30),
        "time_zone": "Europe/Paris",
        "duration_minutes": 60,
        "agenda": "Talk about my LinkedIn fear",
        **fields,
    }
    return sessions.plan_session(pair=pair, by=by, base_url="https://rm.example", **values)


def _page(response, token: str) -> str:
    text = response.content.decode().replace(token, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


def _audited(event: Event) -> int:
    return LogEntry.objects.filter(additional_data__event=event.value).count()


# --- the address ---------------------------------------------------------------------------


def test_replace_feed_stores_only_a_digest():
    _pair, mentee_user, _mentor_user = make_pair()

    feed, secret, old = calendar_feeds.replace_feed(user=mentee_user)

    assert old is None
    assert secret.startswith("rmc_") and len(secret) > 40
    assert feed.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {feed.prefix, feed.digest}
    assert calendar_feeds.feed_for(secret) == feed


def test_replace_feed_revokes_the_old_address():
    _pair, mentee_user, _mentor_user = make_pair()
    first, old_secret, _ = calendar_feeds.replace_feed(user=mentee_user)

    second, new_secret, old = calendar_feeds.replace_feed(user=mentee_user)

    assert old == first
    assert calendar_feeds.feed_for(old_secret) is None
    assert calendar_feeds.feed_for(new_secret) == second
    assert CalendarFeed.objects.filter(user=mentee_user, revoked_at__isnull=True).count() == 1


def test_feed_read_records_last_use_once_in_a_while():
    _pair, mentee_user, _mentor_user = make_pair()
    feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)

    calendar_feeds.feed_for(secret)
    first = CalendarFeed.objects.get(pk=feed.pk).last_used_at
    calendar_feeds.feed_for(secret)

    assert first is not None
    assert CalendarFeed.objects.get(pk=feed.pk).last_used_at == first


# --- what the feed holds -------------------------------------------------------------------


def test_feed_follows_a_session_through_update_and_cancel(django_capture_on_commit_callbacks):
    pair, mentee_user, mentor_user = make_pair()
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)
    with django_capture_on_commit_callbacks(execute=True):
        session = _plan(pair, mentor_user)
    uid = f"{session.uid}@rementor"
    invitation = icalendar.Calendar.from_ical(mail.outbox[0].attachments[0].content)
    (invited,) = invitation.events

    event = _events(_read(secret))[uid]
    assert str(invited["uid"]) == uid
    assert event["sequence"] == invited["sequence"] == 0
    assert str(event["status"]) == "CONFIRMED"

    with django_capture_on_commit_callbacks(execute=True):
        sessions.reschedule_session(
            session=session,
            by=mentor_user,
            starts_at=local(4, 10),
            time_zone="Europe/Paris",
            duration_minutes=45,
            mode="remote",
        )
    moved = _events(_read(secret))[uid]
    assert moved["sequence"] == 1
    assert moved.start == local(4, 10)
    assert moved.end - moved.start == dt.timedelta(minutes=45)

    with django_capture_on_commit_callbacks(execute=True):
        sessions.cancel_session(session=session, by=mentee_user)
    cancelled = _events(_read(secret))[uid]
    update = icalendar.Calendar.from_ical(mail.outbox[-1].attachments[0].content)
    (last_sent,) = update.events
    assert cancelled["sequence"] == last_sent["sequence"] == 2
    assert str(cancelled["status"]) == "CANCELLED"


def test_feed_has_vtimezone_summary_with_partner_and_programme():
    pair, mentee_user, mentor_user = make_pair(language="en")
    planned(pair, mentor_user, days=5, time_zone="America/Montreal")
    planned(pair, mentor_user, days=9, time_zone="Europe/Paris")
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)

    calendar = _read(secret)

    assert sorted(str(tz["tzid"]) for tz in calendar.timezones) == [
        "America/Montreal",
        "Europe/Paris",
    ]
    summaries = {str(event["summary"]) for event in calendar.events}
    partner = pair.mentor.person.full_name
    assert summaries == {f"Mentoring with {partner} ({pair.programme.name})"}
    assert "attendee" not in calendar.events[0]


def test_feed_is_in_its_owners_language():
    pair, mentee_user, mentor_user = make_pair(language="fr")
    planned(pair, mentor_user, days=5)
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)

    calendar = _read(secret, client_for(None))

    (event,) = calendar.events
    assert str(event["summary"]).startswith("Mentorat avec ")
    assert str(calendar["x-wr-calname"]) == "Séances de mentorat (Rementor)"


def test_feed_never_carries_notes_agenda_private_notes_or_pulses():
    pair, mentee_user, mentor_user = make_pair()
    sign_charter(pair)
    session = planned(
        pair,
        mentor_user,
        days=-1,
        agenda="LinkedIn fear",
        shared_notes="first post together",
        status=SessionStatus.HELD,
        logged_at=timezone.now(),
    )
    PrivateNote.objects.create(session=session, author=mentee_user, text="only mine to read")
    session.pulses.create(author=pair.mentee, usefulness=4, comfort=4, comment="pulse comment")
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)

    content = client_for(None).get(_feed_url(secret)).content.decode()

    assert f"{session.uid}@rementor" in content
    for text in SECRETS:
        assert text not in content


def test_feed_holds_only_its_owners_sessions():
    pair, mentee_user, mentor_user = make_pair()
    other_pair, _other_mentee, other_mentor = make_pair()
    mine = planned(pair, mentor_user, days=3)
    theirs = planned(other_pair, other_mentor, days=3)
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)

    uids = set(_events(_read(secret)))

    assert uids == {f"{mine.uid}@rementor"}
    assert f"{theirs.uid}@rementor" not in uids


def test_feed_keeps_ninety_days_of_past_sessions_and_every_status():
    pair, _mentee_user, mentor_user = make_pair()
    old = planned(pair, mentor_user, days=-120, status=SessionStatus.HELD)
    recent = planned(pair, mentor_user, days=-30, status=SessionStatus.HELD)
    cancelled = planned(pair, mentor_user, days=10, status=SessionStatus.CANCELLED)
    coming = planned(pair, mentor_user, days=400)
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentor_user)

    uids = set(_events(_read(secret)))

    assert uids == {f"{s.uid}@rementor" for s in (recent, cancelled, coming)}
    assert f"{old.uid}@rementor" not in uids


def test_feed_query_count_does_not_grow_with_sessions(django_assert_max_num_queries):
    pair, mentee_user, mentor_user = make_pair()
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)
    client = client_for(None)
    planned(pair, mentor_user, days=2)
    calendar_feeds.feed_for(secret)  # "last read" is now written: both reads below skip it

    with django_assert_max_num_queries(3) as one:
        client.get(_feed_url(secret))
    for days in range(3, 23):
        planned(pair, mentor_user, days=days)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(_feed_url(secret))
    assert len(icalendar.Calendar.from_ical(response.content).events) == 21


def test_feed_response_is_not_cached_or_indexed():
    _pair, mentee_user, _mentor_user = make_pair()
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)

    response = client_for(None).get(_feed_url(secret))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


# --- refusals ------------------------------------------------------------------------------


def test_revoked_address_is_404():
    _pair, mentee_user, _mentor_user = make_pair()
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)
    calendar_feeds.revoke_feed(user=mentee_user)

    assert client_for(None).get(_feed_url(secret)).status_code == 404


def test_replaced_address_is_404_and_the_new_one_works():
    _pair, mentee_user, _mentor_user = make_pair()
    _feed, old_secret, _ = calendar_feeds.replace_feed(user=mentee_user)
    _feed, new_secret, _ = calendar_feeds.replace_feed(user=mentee_user)

    assert client_for(None).get(_feed_url(old_secret)).status_code == 404
    assert client_for(None).get(_feed_url(new_secret)).status_code == 200


def test_feed_of_someone_who_left_is_404_and_revoked():
    _pair, mentee_user, _mentor_user = make_pair()
    feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)

    result = deactivate_person(person=mentee_user.person, by=None, reason=Departure.DIRECTORY)

    assert client_for(None).get(_feed_url(secret)).status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    assert result.tokens == 1


def test_feed_of_an_inactive_employee_with_a_live_feed_is_404():
    """Even a feed left live by a write that skipped the departure (a bulk update) is shut."""
    _pair, mentee_user, _mentor_user = make_pair()
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)
    type(mentee_user.person).objects.filter(pk=mentee_user.person_id).update(is_active=False)

    assert client_for(None).get(_feed_url(secret)).status_code == 404


def test_feed_of_an_erased_person_is_404(manager):
    _pair, mentee_user, _mentor_user = make_pair()
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)

    anonymise_person(person=mentee_user.person, by=manager)

    assert client_for(None).get(_feed_url(secret)).status_code == 404
    assert not CalendarFeed.objects.filter(revoked_at__isnull=True).exists()


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        "rmc_" + "A" * 43,
        "x" * 5000,
        "rmc_é€😀",
        "..",
        "%2e%2e",
        "rmc_\x00",
        " ",
        "<script>",
    ],
)
def test_hostile_tokens_are_404_never_500(token):
    _pair, mentee_user, _mentor_user = make_pair()
    calendar_feeds.replace_feed(user=mentee_user)

    response = client_for(None).get(_feed_url(token))

    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/../account/.ics",
        "/calendar/a/b.ics",
        "/calendar/.ics",
        "/calendar/x",
        "/calendar/%FF%FE.ics",
        "/calendar/%00.ics",
        "/calendar/rmc_x%2F..%2F..%2Fadmin.ics",
        "/calendar/rmc_x.ics.ics",
    ],
)
def test_path_tricks_are_404(path):
    assert client_for(None).get(path).status_code == 404


def test_unknown_and_revoked_addresses_answer_alike():
    _pair, mentee_user, _mentor_user = make_pair()
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)
    calendar_feeds.revoke_feed(user=mentee_user)
    client = client_for(None)

    other = "rmc_" + "B" * 43
    revoked = client.get(_feed_url(secret))
    unknown = client.get(_feed_url(other))

    assert revoked.status_code == unknown.status_code == 404
    # The same page, but for the address itself (the language switch returns to it) and
    # the form's CSRF mask (new on every answer).
    assert _page(revoked, secret) == _page(unknown, other)


def test_feed_is_rate_limited_per_address(settings):
    settings.RM_RATE_LIMITS = {**settings.RM_RATE_LIMITS, "calendar-feed": "2/h"}
    _pair, mentee_user, _mentor_user = make_pair()
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)
    client = client_for(None)

    statuses = [client.get(_feed_url(secret)).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert client.get(_feed_url("rmc_other")).status_code == 404


def test_feed_is_rate_limited_per_client_address(settings):
    settings.RM_RATE_LIMITS = {**settings.RM_RATE_LIMITS, "calendar-feed-ip": "2/h"}
    client = client_for(None)

    statuses = [client.get(_feed_url(f"rmc_guess{i}")).status_code for i in range(3)]

    assert statuses == [404, 404, 429]


# --- the account page ----------------------------------------------------------------------


def test_account_page_makes_the_link_once_with_webcal_and_https():
    _pair, mentee_user, _mentor_user = make_pair(language="en")
    client = client_for(mentee_user)
    profile = reverse("privacy:profile")

    response = client.post(reverse("calendar:replace"))

    assert response.status_code == 302
    assert response.url == profile + "#calendar-feed"
    page = client.get(profile, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    https = page.split('id="calendar-feed-https" type="text" readonly value="')[1].split('"')[0]
    secret = https.rsplit("/", 1)[1].removesuffix(".ics")
    assert https.startswith("http") and https.endswith(".ics")
    assert f'href="webcal://{https.split("://", 1)[1]}"' in page
    assert "Google Calendar" in page and "Outlook" in page and "Apple Calendar" in page
    assert calendar_feeds.feed_for(secret).user == mentee_user
    path = "/" + https.split("://", 1)[1].split("/", 1)[1]
    assert client_for(None).get(path).status_code == 200
    assert _audited(Event.CALENDAR_FEED_CREATED) == 1
    again = client.get(profile).content.decode()
    assert secret not in again
    assert "calendar-feed-replace" in again


def test_account_page_in_french():
    _pair, mentee_user, _mentor_user = make_pair(language="fr")
    client = client_for(mentee_user)
    client.post(reverse("calendar:replace"))

    page = client.get(reverse("privacy:profile"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Mes séances dans mon agenda" in page
    assert "Copiez-le maintenant" in page or "copiez-le maintenant" in page
    assert "My sessions in my calendar" not in page


def test_account_page_replace_revokes_the_old_link_and_is_audited():
    _pair, mentee_user, _mentor_user = make_pair()
    _feed, old_secret, _ = calendar_feeds.replace_feed(user=mentee_user)

    client_for(mentee_user).post(reverse("calendar:replace"))

    assert calendar_feeds.feed_for(old_secret) is None
    assert _audited(Event.CALENDAR_FEED_REVOKED) == 1
    assert _audited(Event.CALENDAR_FEED_CREATED) == 1


def test_account_page_stop_revokes_and_is_audited_once():
    _pair, mentee_user, _mentor_user = make_pair()
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)
    client = client_for(mentee_user)

    client.post(reverse("calendar:stop"))
    client.post(reverse("calendar:stop"))

    assert client_for(None).get(_feed_url(secret)).status_code == 404
    assert _audited(Event.CALENDAR_FEED_REVOKED) == 1


def test_account_without_employee_record_gets_no_feed(django_user_model):
    admin = django_user_model.objects.create_user(email="admin@example.org", password="x")

    response = client_for(admin).post(reverse("calendar:replace"))

    assert response.status_code == 403
    assert not CalendarFeed.objects.exists()
    page = client_for(admin).get(reverse("privacy:profile")).content.decode()
    assert 'id="calendar-feed"' not in page


def test_feed_buttons_refuse_get():
    _pair, mentee_user, _mentor_user = make_pair()
    client = client_for(mentee_user)

    assert client.get(reverse("calendar:replace")).status_code == 405
    assert not CalendarFeed.objects.exists()


def test_session_page_of_the_feed_links_back_to_the_session():
    pair, mentee_user, mentor_user = make_pair()
    session = planned(pair, mentor_user, days=3)
    _feed, secret, _ = calendar_feeds.replace_feed(user=mentee_user)

    (event,) = _read(secret).events

    assert reverse("mentoring:session", args=[session.pk]) in str(event["description"])
    assert MentoringSession.objects.filter(pk=session.pk).exists()
