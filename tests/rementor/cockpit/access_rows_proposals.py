"""Access rows of the proposed pairs page (consent to the pair), its reminders and a
manager's decision on a proposal."""

from django.urls import reverse

from tests.rementor.access import PROGRAMME_CHANGE, Row, signed_in
from tests.rementor.matching.access_rows_proposals import proposal_setup

POSTED = {**PROGRAMME_CHANGE, "manager": 302}


def _url(name):
    return lambda o: reverse(name, args=[o["programme"].slug])


ROWS = {
    "cockpit:proposals": [
        Row("get", _url("cockpit:proposals"), PROGRAMME_CHANGE, setup=proposal_setup),
        Row(
            "get",
            lambda o: reverse("cockpit:proposals", args=["no-such-programme"]),
            signed_in(404),
        ),
    ],
    "cockpit:proposals_remind": [
        Row("post", _url("cockpit:proposals_remind"), POSTED, setup=proposal_setup),
        Row("get", _url("cockpit:proposals_remind"), signed_in(405)),
    ],
    "cockpit:proposal_decide": [
        Row(
            "post",
            lambda o: reverse(
                "cockpit:proposal_decide", args=[o["programme"].slug, o["proposal"].pk]
            ),
            POSTED,
            {"action": "cancel", "reason": "Conflit d’intérêts"},
            setup=proposal_setup,
        ),
    ],
}
