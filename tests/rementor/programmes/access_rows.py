from django.urls import reverse

from tests.rementor.access import (
    MANAGER_ONLY,
    PROGRAMME_CHANGE,
    PROGRAMME_VIEW,
    Row,
    every,
    signed_in,
)

ROWS = {
    "programmes:list": [Row("get", lambda o: reverse("programmes:list"), MANAGER_ONLY)],
    "programmes:create": [Row("get", lambda o: reverse("programmes:create"), MANAGER_ONLY)],
    "programmes:detail": [
        Row(
            "get",
            lambda o: reverse("programmes:detail", args=[o["programme"].slug]),
            PROGRAMME_VIEW,
        ),
        Row(
            "get",
            lambda o: reverse("programmes:detail", args=["no-such-programme"]),
            signed_in(404),
        ),
    ],
    "programmes:edit": [
        Row(
            "get",
            lambda o: reverse("programmes:edit", args=[o["programme"].slug]),
            PROGRAMME_CHANGE,
        )
    ],
    "programmes:change_status": [
        Row(
            "post",
            lambda o: reverse("programmes:change_status", args=[o["programme"].slug]),
            {**PROGRAMME_CHANGE, "manager": 302},
            {"to": "recruiting"},
        ),
        Row(
            "get",
            lambda o: reverse("programmes:change_status", args=[o["programme"].slug]),
            every(405),
        ),
    ],
}
