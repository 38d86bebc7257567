"""Access rows of "my progress": the page is always its viewer's own, so only a participant
of the programme opens it; a manager or a sponsor knows the programme (403), an outsider
must not learn it exists (404)."""

from django.urls import reverse

from tests.rementor.access import Row, signed_in

OWN_PROGRESS = {**signed_in(403), "participant": 200, "other_participant": 404}

ROWS = {
    "mentoring:my_progress": [
        Row(
            "get",
            lambda o: reverse("mentoring:my_progress", args=[o["programme"].slug]),
            OWN_PROGRESS,
        ),
    ],
}
