from django.urls import reverse

from tests.rementor.access import PROGRAMME_CHANGE, Row, signed_in

ROWS = {
    "cockpit:latecomers": [
        Row(
            "get",
            lambda o: reverse("cockpit:latecomers", args=[o["programme"].slug]),
            PROGRAMME_CHANGE,
        ),
        Row(
            "get",
            lambda o: reverse("cockpit:latecomers", args=["no-such-programme"]),
            signed_in(404),
        ),
        Row(
            "post",
            lambda o: reverse("cockpit:latecomers", args=[o["programme"].slug]),
            signed_in(405),
        ),
    ],
}
