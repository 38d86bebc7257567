from django.urls import reverse

from tests.rementor.access import PROGRAMME_CHANGE, Row, signed_in

SLACK = "https://hooks.slack.com/services/T000/B000/XXXX"


def _settings(o):
    return reverse("channels:settings", args=[o["programme"].slug])


def _test(o):
    return reverse("channels:test", args=[o["programme"].slug, "slack"])


ROWS = {
    "channels:settings": [
        Row("get", _settings, PROGRAMME_CHANGE),
        Row("post", _settings, {**PROGRAMME_CHANGE, "manager": 302}, {"slack_url": SLACK}),
        # A refused address: the page again, with the reason.
        Row("post", _settings, PROGRAMME_CHANGE, {"slack_url": "https://evil.example/x"}),
        Row(
            "get",
            lambda o: reverse("channels:settings", args=["no-such-programme"]),
            signed_in(404),
        ),
    ],
    "channels:test": [
        # No address yet: the manager is sent back to the settings page with the reason.
        Row("post", _test, {**PROGRAMME_CHANGE, "manager": 302}),
        Row("get", _test, signed_in(405)),
    ],
}
