from django.urls import reverse

from tests.factories import PersonFactory
from tests.rementor.access import (
    MANAGER_ONLY,
    PROGRAMME_CHANGE,
    PROGRAMME_VIEW,
    Row,
    signed_in,
)


def _invitee(o):
    return {"invitee": PersonFactory(email="invitee@example.org")}


ROWS = {
    "programmes:invite": [
        Row(
            "get",
            lambda o: reverse("programmes:invite", args=[o["programme"].slug]),
            PROGRAMME_CHANGE,
        ),
        Row(
            "post",
            lambda o: reverse("programmes:invite", args=[o["programme"].slug]),
            {**PROGRAMME_CHANGE, "manager": 302},
            {"role": "mentee", "people_list": "invitee@example.org", "open_recruiting": "on"},
            setup=_invitee,
        ),
        # A draft without the confirmation to open recruiting: the page says why (nothing sent).
        Row(
            "post",
            lambda o: reverse("programmes:invite", args=[o["programme"].slug]),
            PROGRAMME_CHANGE,
            {"role": "mentee", "people_list": "invitee@example.org"},
            setup=_invitee,
        ),
    ],
    "programmes:my_needs": [
        Row(
            "get",
            lambda o: reverse("programmes:my_needs", args=[o["programme"].slug]),
            {**PROGRAMME_VIEW, "manager": 403},
        )
    ],
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
}
