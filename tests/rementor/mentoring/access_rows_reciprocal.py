"""Access rows of the role swap: starting a pair's reciprocal phase.

Here the matrix's "participant" is the pair's mentor — the junior, who chooses the topic and
starts the phase. The senior (``senior`` setup) and the manager know the pair but may not
start it (403); the sponsor and the other participant must not learn it exists (404).
"""

from django.urls import reverse

from rementor.programmes.models import Programme
from tests.rementor.access import Row, signed_in
from tests.rementor.mentoring.factories import held, make_pair, sign_charter

JUNIOR = {**signed_in(404), "participant": 200, "manager": 403}
SENIOR = {**signed_in(404), "participant": 403, "manager": 403}


def _ready_pair(o, *, participant_is: str):
    Programme.objects.filter(pk=o["programme"].pk).update(
        reciprocal_phase=True, reciprocal_after_sessions=2, reciprocal_sessions=2
    )
    o["programme"].refresh_from_db()
    pair, mentee_user, mentor_user = make_pair(programme=o["programme"])
    member = pair.mentor if participant_is == "mentor" else pair.mentee
    o["programme"].enrollments.filter(person=o["participant"].person).exclude(pk=member.pk).delete()
    member.person = o["participant"].person
    member.save()
    sign_charter(pair)
    other = mentee_user if participant_is == "mentor" else mentor_user
    held(pair, other, days=-3)
    held(pair, other, days=-2)
    return {"pair": pair}


def junior_setup(o):
    return _ready_pair(o, participant_is="mentor")


def senior_setup(o):
    return _ready_pair(o, participant_is="mentee")


def _url(o):
    return reverse("mentoring:start_reciprocal", args=[o["pair"].pk])


ROWS = {
    "mentoring:start_reciprocal": [
        Row("get", _url, JUNIOR, setup=junior_setup),
        Row(
            "post",
            _url,
            {**JUNIOR, "participant": 302},
            data={"topic": "career", "topic_text": ""},
            setup=junior_setup,
        ),
        Row("get", _url, SENIOR, setup=senior_setup),
        Row("post", _url, SENIOR, data={"topic": "career"}, setup=senior_setup),
    ],
}
