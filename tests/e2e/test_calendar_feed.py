"""A participant on a phone (390 px wide) makes their calendar link on the account page, and
a calendar app reads it: the page fits the screen, the feed answers without signing in, and
the session's Jitsi link is on the session page."""

import pytest

from rementor.mentoring import sessions
from rementor.programmes.models import VideoTool
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import PASSWORD
from tests.rementor.mentoring.factories import local, make_pair


@pytest.mark.parametrize("language", ["fr", "en"])
def test_calendar_link_on_a_phone(transactional_db, live_server, phone, language):
    pair, mentee_user, mentor_user = make_pair(language=language)
    pair.programme.video_tool = VideoTool.JITSI
    pair.programme.save(update_fields=["video_tool"])
    session = sessions.plan_session(
        pair=pair,
        by=mentor_user,
        starts_at=local(3, 14),
        time_zone="Europe/Paris",
        duration_minutes=60,
    )

    sign_in(phone, live_server.url, mentee_user.email, PASSWORD)
    phone.goto(f"{live_server.url}/account/")
    phone.get_by_test_id("calendar-feed-create").click()
    https = phone.get_by_test_id("calendar-feed-https").input_value()
    webcal = phone.get_by_test_id("calendar-feed-webcal").get_attribute("href")

    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert webcal == "webcal://" + https.split("://", 1)[1]
    # Replacing asks first: the button sits behind its explanation.
    assert not phone.get_by_test_id("calendar-feed-replace").is_visible()

    # A calendar app, not signed in, reads the feed.
    feed = phone.context.browser.new_context().request.get(https)
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert f"{session.uid}@rementor" in feed.text()
    assert session.meeting_link in feed.text().replace("\r\n ", "")

    phone.goto(f"{live_server.url}/mentoring/sessions/{session.pk}/")
    assert phone.get_by_test_id("meeting-link").get_attribute("href") == session.meeting_link
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
