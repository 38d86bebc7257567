from django.urls import reverse

from tests.rementor.access import PROGRAMME_CHANGE, Row, every, signed_in
from tests.rementor.mentoring.factories import make_pair


def pair_setup(o):
    """A pair whose mentee is the matrix's "participant" (the stranger is not in it)."""
    pair, _mentee_user, mentor_user = make_pair(programme=o["programme"])
    pair.mentee.person = o["participant"].person
    o["programme"].enrollments.filter(person=o["participant"].person).exclude(
        pk=pair.mentee_id
    ).delete()
    pair.mentee.save()
    return {"pair": pair, "mentor_user": mentor_user}


# Members (the participant) and managers see the pair; nobody else learns it exists.
PAIR_VIEW = {**signed_in(404), "participant": 200, "manager": 200}

ROWS = {
    "mentoring:pair": [
        Row(
            "get",
            lambda o: reverse("mentoring:pair", args=[o["pair"].pk]),
            PAIR_VIEW,
            setup=pair_setup,
        )
    ],
}

ROWS["mentoring:unsubscribe"] = [
    Row("get", lambda o: reverse("mentoring:unsubscribe", args=["not-a-token"]), every(200))
]

ROWS["mentoring:pairs"] = [
    Row("get", lambda o: reverse("mentoring:pairs", args=[o["programme"].slug]), PROGRAMME_CHANGE)
]
ROWS["mentoring:programme_sessions"] = [
    Row(
        "get",
        lambda o: reverse("mentoring:programme_sessions", args=[o["programme"].slug]),
        PROGRAMME_CHANGE,
    )
]
