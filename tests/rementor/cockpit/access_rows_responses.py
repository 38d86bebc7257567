"""Access rows of the answers page (who has answered) and its reminders."""

from django.urls import reverse

from rementor.programmes.models import ProgrammeStatus
from tests.rementor.access import PROGRAMME_CHANGE, Row, signed_in


def _recruiting(o: dict) -> dict:
    o["programme"].status = ProgrammeStatus.RECRUITING
    o["programme"].save()
    return {}


def _url(name: str, slug: str | None = None):
    return lambda o: reverse(name, args=[slug or o["programme"].slug])


ROWS = {
    "cockpit:responses": [
        Row("get", _url("cockpit:responses"), PROGRAMME_CHANGE),
        Row("get", _url("cockpit:responses", "no-such-programme"), signed_in(404)),
    ],
    "cockpit:responses_remind": [
        Row(
            "post",
            _url("cockpit:responses_remind"),
            {**PROGRAMME_CHANGE, "manager": 302},
            {"section": "needs"},
            setup=_recruiting,
        ),
        Row("get", _url("cockpit:responses_remind"), signed_in(405)),
    ],
}
