from django.urls import reverse

from tests.rementor.access import PROGRAMME_CHANGE, Row, signed_in


def _move(to):
    return lambda o: reverse("cockpit:transition", args=[o["programme"].slug, to])


ROWS = {
    "cockpit:transition": [
        Row("get", _move("recruiting"), PROGRAMME_CHANGE),
        # The page of an impossible move explains it (and changes nothing).
        Row("get", _move("closed"), PROGRAMME_CHANGE),
        Row("post", _move("recruiting"), {**PROGRAMME_CHANGE, "manager": 302}),
        Row("get", _move("paused"), {**PROGRAMME_CHANGE, "manager": 404}),
        Row(
            "get",
            lambda o: reverse("cockpit:transition", args=["no-such-programme", "recruiting"]),
            signed_in(404),
        ),
    ],
}
