"""Access rows of the personal calendar feed. The feed is open without signing in
(``login_not_required``): its secret address is the key, so whoever holds a live one reads it
(calendar apps do), and an unknown address is 404 for everyone. Making or stopping the link
is for a signed-in person with an employee record (every role of the matrix has one)."""

from django.urls import reverse

from rementor.mentoring.calendar_feeds import replace_feed
from tests.rementor.access import Row, every, signed_in


def _live_feed(o):
    _feed, secret, _old = replace_feed(user=o["participant"])
    return {"secret": secret}


ROWS = {
    "calendar:feed": [
        Row(
            "get",
            lambda o: reverse("calendar:feed", args=[o["secret"]]),
            every(200),
            setup=_live_feed,
        ),
        Row("get", lambda o: reverse("calendar:feed", args=["rmc_unknown"]), every(404)),
        Row(
            "post",
            lambda o: reverse("calendar:feed", args=[o["secret"]]),
            every(405),
            setup=_live_feed,
        ),
    ],
    "calendar:replace": [
        Row("post", lambda o: reverse("calendar:replace"), signed_in(302)),
        Row("get", lambda o: reverse("calendar:replace"), signed_in(405)),
    ],
    "calendar:stop": [
        Row("post", lambda o: reverse("calendar:stop"), signed_in(302), setup=_live_feed),
        Row("get", lambda o: reverse("calendar:stop"), signed_in(405)),
    ],
    # CalDAV push: the page for anyone signed in with an employee record; an empty post comes
    # back with its errors (no calendar server is called).
    "calendar:caldav": [
        Row("get", lambda o: reverse("calendar:caldav"), signed_in(200)),
        Row("post", lambda o: reverse("calendar:caldav"), signed_in(200)),
    ],
    "calendar:caldav_stop": [
        Row("post", lambda o: reverse("calendar:caldav_stop"), signed_in(302)),
        Row("get", lambda o: reverse("calendar:caldav_stop"), signed_in(405)),
    ],
}
