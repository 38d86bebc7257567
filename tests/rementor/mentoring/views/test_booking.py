"""The booking page: free times listed in the viewer's zone, booking one or a series, clashes
shown with the choices kept, and nobody outside the pair seeing anything; the API's read of
free times."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rementor.matching.models import PairStatus
from rementor.mentoring.models import MentoringSession
from rementor.programmes.models import ProgrammeStatus
from tests.factories import UserFactory, client_for
from tests.rementor.mentoring.factories import PARIS, make_pair

pytestmark = pytest.mark.django_db
MON_10 = 1


def _monday(weeks: int = 1) -> dt.date:
    today = timezone.localdate(timezone=PARIS)
    return today + dt.timedelta(days=7 * weeks - today.weekday())


def _url(pair):
    return reverse("mentoring:book_session", args=[pair.pk])


def _key(weeks=1, slot=MON_10):
    return f"{_monday(weeks).isoformat()}:{slot}"


def _post(user, pair, language="en", **data):
    values = {"free_time": _key(), "scope": "once", "count": "6", "mode": "remote", **data}
    return client_for(user).post(_url(pair), values, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_booking_page_lists_free_times_by_day(language):
    pair, mentee_user, _mentor_user = make_pair(language=language)
    response = client_for(mentee_user).get(_url(pair), HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{_key()}"' in html
    assert "10:00" in html
    assert ("Either of you may book" if language == "en" else "L’un ou l’autre") in html


def test_pair_page_and_next_steps_lead_to_booking():
    pair, mentee_user, mentor_user = make_pair()
    html = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()
    assert _url(pair) in html
    from rementor.mentoring.next_steps import steps_for

    # The next steps send the member who leads (the mentor, by default) there.
    assert _url(pair) in [step.url for step in steps_for(mentor_user)]


def test_booking_one_time_sends_invitations_and_goes_back_to_the_pair():
    pair, mentee_user, mentor_user = make_pair()
    response = _post(mentee_user, pair)
    assert response.status_code == 302
    assert response.url == reverse("mentoring:pair", args=[pair.pk])
    assert MentoringSession.objects.filter(pair=pair).count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee_user.email, mentor_user.email])
    assert all(m.attachments[0][0] == "session.ics" for m in mail.outbox)


def test_booking_a_series_books_them_all():
    pair, _mentee_user, mentor_user = make_pair()
    response = _post(mentor_user, pair, scope="series", count="3")
    assert response.status_code == 302
    assert MentoringSession.objects.filter(pair=pair).count() == 3
    assert len(mail.outbox) == 6


def test_a_clash_books_nothing_names_the_date_and_keeps_the_choices():
    pair, mentee_user, mentor_user = make_pair()
    third = _monday(1 + 2 * pair.programme.cadence_weeks)
    MentoringSession.objects.create(
        pair=pair,
        starts_at=dt.datetime(third.year, third.month, third.day, 10, tzinfo=PARIS),
        created_by=mentor_user,
    )
    response = _post(mentee_user, pair, scope="series", count="4", location="Room 4")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was booked" in html
    assert third.strftime("%B") in html and "you both already have" in html
    assert f'value="{_key()}" autocomplete="off" checked' in html
    assert 'value="4"' in html and 'value="Room 4"' in html
    assert MentoringSession.objects.filter(pair=pair).count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"free_time": "9999-12-27:1"}, "not one of your free times"),
        ({"free_time": "2027-01-05:4"}, "not one of your free times"),
        ({"free_time": "<script>"}, "not one of your free times"),
        ({"scope": "series", "count": "1000"}, "less than or equal to"),
        ({"scope": "series", "count": ""}, "how many sessions"),
    ],
)
def test_hostile_posts_are_refused_and_write_nothing(data, field_error):
    pair, mentee_user, _mentor_user = make_pair()
    response = _post(mentee_user, pair, **data)
    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert not MentoringSession.objects.exists()
    assert mail.outbox == []


def test_someone_outside_the_pair_gets_404_and_a_manager_403():
    pair, _mentee_user, _mentor_user = make_pair()
    assert client_for(UserFactory()).get(_url(pair)).status_code == 404
    assert _post(UserFactory(), pair).status_code == 404
    manager = UserFactory(is_programme_manager=True)
    assert client_for(manager).get(_url(pair)).status_code == 403
    assert _post(manager, pair).status_code == 403
    assert not MentoringSession.objects.exists()


@pytest.mark.parametrize("status", [PairStatus.ENDED, PairStatus.PAUSED])
def test_an_ended_or_paused_pair_cannot_book(status):
    pair, mentee_user, _mentor_user = make_pair()
    pair.status = status
    pair.save()
    response = _post(mentee_user, pair)
    assert response.status_code == 302
    assert not MentoringSession.objects.exists()


def test_a_closed_programme_cannot_book():
    pair, mentee_user, _mentor_user = make_pair()
    pair.programme.status = ProgrammeStatus.CLOSED
    pair.programme.save()
    assert client_for(mentee_user).get(_url(pair)).status_code == 302
    assert _post(mentee_user, pair).status_code == 302
    assert not MentoringSession.objects.exists()


def test_no_common_slot_says_so_and_offers_planning():
    pair, mentee_user, _mentor_user = make_pair()
    pair.mentee.slots = []
    pair.mentee.save()
    html = client_for(mentee_user).get(_url(pair), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="no-free-time"' in html
    assert reverse("mentoring:plan_session", args=[pair.pk]) in html


# --- the API -----------------------------------------------------------------------------------


def _api(user, pair):
    client = client_for(user)
    return client.get(reverse("api:pair-free-times", args=[pair.pk]))


def test_api_free_times_for_a_member():
    pair, mentee_user, _mentor_user = make_pair()
    response = _api(mentee_user, pair)
    assert response.status_code == 200
    first = response.json()[0]
    assert set(first) == {"key", "day", "slot", "starts_at", "ends_at", "time_zone"}
    assert _key() in [row["key"] for row in response.json()]


def test_api_free_times_hidden_from_others():
    pair, _mentee_user, _mentor_user = make_pair()
    assert _api(UserFactory(), pair).status_code == 404
    assert _api(UserFactory(is_programme_manager=True), pair).status_code == 403


def test_booking_page_queries_do_not_grow_with_sessions():
    pair, mentee_user, mentor_user = make_pair()
    client = client_for(mentee_user)

    def count(sessions: int) -> int:
        MentoringSession.objects.all().delete()
        for week in range(sessions):
            day = _monday(week + 1)
            MentoringSession.objects.create(
                pair=pair,
                starts_at=dt.datetime(day.year, day.month, day.day, 14, tzinfo=PARIS),
                created_by=mentor_user,
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(pair)).status_code == 200
        return len(queries)

    assert count(1) == count(4)
