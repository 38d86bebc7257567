"""A mentee on a phone (390 px wide) books a series from the pair's free times: the page fits
the screen, a clash keeps the choices, and the series is booked once the clash is gone."""

import pytest
from django.core import mail

from rementor.mentoring import booking
from rementor.mentoring.booking import parse_key
from rementor.mentoring.models import MentoringSession
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import PASSWORD
from tests.rementor.mentoring.factories import make_pair


@pytest.mark.parametrize("language", ["fr", "en"])
def test_book_a_series_on_a_phone(transactional_db, live_server, phone, language):
    pair, mentee_user, _mentor_user = make_pair(language=language)

    sign_in(phone, live_server.url, mentee_user.email, PASSWORD)
    phone.goto(f"{live_server.url}/mentoring/pairs/{pair.pk}/")
    phone.get_by_test_id("book-session").click()
    assert phone.get_by_test_id("free-time").count() > 3
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    phone.get_by_test_id("free-time").first.click()
    phone.locator("input[name=scope][value=series]").check()
    phone.locator("input[name=count]").fill("3")
    phone.get_by_test_id("book").click()

    phone.wait_for_url(f"{live_server.url}/mentoring/pairs/{pair.pk}/")
    assert MentoringSession.objects.filter(pair=pair).count() == 3
    assert len(mail.outbox) == 6
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_clash_keeps_the_choices_on_a_phone(transactional_db, live_server, phone):
    pair, mentee_user, mentor_user = make_pair(language="en")
    sign_in(phone, live_server.url, mentee_user.email, PASSWORD)
    phone.goto(f"{live_server.url}/mentoring/pairs/{pair.pk}/sessions/book/")
    phone.get_by_test_id("free-time").first.click()
    chosen = phone.locator("input[name=free_time]:checked").get_attribute("value")
    phone.locator("input[name=scope][value=series]").check()
    # Meanwhile, the mentor books the chosen time: it is no longer offered.
    day, slot = parse_key(chosen)
    booking.book_sessions(pair=pair, by=mentor_user, day=day, slot=slot)
    phone.get_by_test_id("book").click()

    assert phone.get_by_test_id("booking-errors").is_visible()
    assert phone.locator("input[name=scope][value=series]").is_checked()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert MentoringSession.objects.filter(pair=pair).count() == 1
