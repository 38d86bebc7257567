"""Access rows of the session plan: the programme's plan and agenda library are its managers'
(an enrolled participant knows the programme: 403; anyone else 404); a pair's own plan is
its members' (the manager, who knows the pair, 403; outsiders 404)."""

from django.urls import reverse

from tests.rementor.access import PROGRAMME_CHANGE, Row
from tests.rementor.mentoring.access_rows import pair_setup
from tests.rementor.mentoring.access_rows_objectives import PAIR_ACT, PAIR_ACT_POST


def _management(prefix: str, total: int = 1) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


PLAN_POST = {
    **_management("steps"),
    "steps-0-theme_fr": "Faire connaissance",
    "steps-0-theme_en": "Getting to know each other",
    "steps-0-ORDER": "1",
}
LIBRARY_POST = {
    **_management("topics"),
    "topics-0-theme_fr": "Les données",
    "topics-0-ORDER": "1",
}
PAIR_PLAN_POST = {**_management("steps"), "steps-0-theme": "LinkedIn", "steps-0-ORDER": "1"}


def _programme_url(name):
    return lambda o: reverse(f"mentoring:{name}", args=[o["programme"].slug])


def _pair_plan_url(o):
    return reverse("mentoring:pair_plan", args=[o["pair"].pk])


ROWS = {
    "mentoring:plan": [
        Row("get", _programme_url("plan"), PROGRAMME_CHANGE),
        Row("post", _programme_url("plan"), {**PROGRAMME_CHANGE, "manager": 302}, data=PLAN_POST),
    ],
    "mentoring:agenda_library": [
        Row("get", _programme_url("agenda_library"), PROGRAMME_CHANGE),
        Row(
            "post",
            _programme_url("agenda_library"),
            {**PROGRAMME_CHANGE, "manager": 302},
            data=LIBRARY_POST,
        ),
    ],
    "mentoring:pair_plan": [
        Row("get", _pair_plan_url, PAIR_ACT, setup=pair_setup),
        Row("post", _pair_plan_url, PAIR_ACT_POST, data=PAIR_PLAN_POST, setup=pair_setup),
    ],
}
