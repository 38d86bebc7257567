"""A participant on a phone (390 px wide) connects their own CalDAV calendar (a real Radicale
server) from the account page: the page fits the screen and says the calendar is connected."""

import pytest

from rementor.mentoring.models import CalendarPush
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import PASSWORD
from tests.rementor.mentoring import caldav_server
from tests.rementor.mentoring.factories import make_pair


@pytest.fixture(scope="module")
def radicale(tmp_path_factory):
    server, calendar = caldav_server.start(tmp_path_factory.mktemp("radicale"))
    yield calendar
    server.shutdown()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_connect_a_calendar_on_a_phone(
    transactional_db, live_server, phone, radicale, settings, language
):
    settings.RM_CALDAV_ALLOW_LOOPBACK = True
    _pair, mentee_user, _mentor_user = make_pair(language=language)

    sign_in(phone, live_server.url, mentee_user.email, PASSWORD)
    phone.goto(f"{live_server.url}/account/")
    phone.get_by_test_id("caldav-link").click()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    phone.locator("input[name=calendar_url]").fill(radicale.calendar_url)
    phone.locator("input[name=username]").fill(caldav_server.USER)
    phone.locator("input[name=password]").fill(caldav_server.PASSWORD)
    phone.get_by_test_id("caldav-connect").click()

    assert phone.get_by_test_id("caldav-status").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert CalendarPush.objects.filter(user=mentee_user).exists()
    # The password is never shown back.
    assert caldav_server.PASSWORD not in phone.content()
