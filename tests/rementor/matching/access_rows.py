from django.urls import reverse

from rementor.matching import domain
from rementor.matching.models import OverrideKind, PairOverride
from tests.rementor.access import PROGRAMME_CHANGE, Row, signed_in
from tests.rementor.matching.factories import mentee, mentor

MANAGE = PROGRAMME_CHANGE
POSTED = {**PROGRAMME_CHANGE, "manager": 302}


def _run(o):
    programme = o["programme"]
    programme.skills.set(programme.skills.model.objects.filter(code="linkedin"))
    e = mentee(programme, needs={"linkedin": (1, 3, 3)})
    m = mentor(programme, levels={"linkedin": 4})
    run = domain.create_run_now(programme=programme, by=None)
    override = PairOverride.objects.create(
        programme=programme, mentee=e, mentor=m, kind=OverrideKind.FORBID
    )
    return {"run": run, "e": e, "m": m, "override": override}


def _slug(o):
    return o["programme"].slug


ROWS = {
    "matching:page": [Row("get", lambda o: reverse("matching:page", args=[_slug(o)]), MANAGE)],
    "matching:run": [
        Row(
            "post",
            lambda o: reverse("matching:run", args=[_slug(o)]),
            POSTED,
            {"skills": 60, "availability": 20, "preferences": 10, "cross_department": 10},
        ),
        Row("get", lambda o: reverse("matching:run", args=[_slug(o)]), signed_in(405)),
    ],
    "matching:run_status": [
        Row(
            "get",
            lambda o: reverse("matching:run_status", args=[_slug(o), o["run"].number]),
            MANAGE,
            setup=_run,
        )
    ],
    "matching:publish": [
        Row(
            "post",
            lambda o: reverse("matching:publish", args=[_slug(o), o["run"].number]),
            POSTED,
            setup=_run,
        )
    ],
    "matching:compare": [
        Row(
            "get",
            lambda o: (
                reverse("matching:compare", args=[_slug(o)])
                + f"?a={o['run'].number}&b={o['run'].number}"
            ),
            MANAGE,
            setup=_run,
        )
    ],
    "matching:override": [
        Row(
            "post",
            lambda o: reverse("matching:override", args=[_slug(o)]),
            POSTED,
            lambda o: {"mentee": o["e"].person_id, "mentor": o["m"].person_id, "kind": "pin"},
            setup=_run,
        )
    ],
    "matching:override_delete": [
        Row(
            "post",
            lambda o: reverse("matching:override_delete", args=[_slug(o), o["override"].pk]),
            POSTED,
            setup=_run,
        )
    ],
    "matching:manual_pair": [
        Row(
            "post",
            lambda o: reverse("matching:manual_pair", args=[_slug(o)]),
            POSTED,
            lambda o: {"mentee": o["e"].pk, "mentor": o["m"].pk},
            setup=_run,
        )
    ],
}
