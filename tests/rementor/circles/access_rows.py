"""Access rows of circles. The matrix's "participant" is a member of the circle; the other
participant (another programme) and the sponsor must not learn it exists (404); a member asking
for a manager's action gets 403; the programme's circle list is the managers' (a participant
of the programme knows the programme: 403)."""

import datetime as dt

from django.urls import reverse

from rementor.programmes.models import Role
from tests.factories import EnrollmentFactory, PersonFactory
from tests.rementor.access import Row, signed_in
from tests.rementor.circles.factories import make_circle, make_meeting

CIRCLE_VIEW = {**signed_in(404), "participant": 200, "manager": 200}
CIRCLE_MANAGE = {**signed_in(404), "participant": 403, "manager": 200}
CIRCLE_MANAGE_POST = {**CIRCLE_MANAGE, "manager": 302}
CIRCLE_WRITE_POST = {**signed_in(404), "participant": 302, "manager": 302}
PROGRAMME_MANAGE = {
    "anonymous": 302,
    "participant": 403,
    "other_participant": 404,
    "sponsor": 403,
    "manager": 200,
}


def circle_setup(o):
    enrollment = o["programme"].enrollments.get(person=o["participant"].person)
    circle = make_circle(o["programme"], members=[enrollment])
    other = EnrollmentFactory(programme=o["programme"], person=PersonFactory(), role=Role.MENTOR)
    meeting = make_meeting(circle)
    return {
        "circle": circle,
        "member": circle.members.get(),
        "candidate": other,
        "meeting": meeting,
        "enrollment": enrollment,
    }


def _circle(name):
    return lambda o: reverse(f"circles:{name}", args=[o["circle"].pk])


def _meeting(name):
    return lambda o: reverse(f"circles:{name}", args=[o["meeting"].pk])


def _meeting_data(o):
    day = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    return {
        "date": day,
        "time": "10:00",
        "time_zone": "Europe/Paris",
        "duration_minutes": 60,
        "location": "Salle 3",
    }


ROWS = {
    "circles:list": [
        Row(
            "get",
            lambda o: reverse("circles:list", args=[o["programme"].slug]),
            PROGRAMME_MANAGE,
        ),
        Row(
            "post",
            lambda o: reverse("circles:list", args=[o["programme"].slug]),
            {**PROGRAMME_MANAGE, "manager": 302},
            data={"name": "Debrief"},
        ),
    ],
    "circles:circle": [Row("get", _circle("circle"), CIRCLE_VIEW, setup=circle_setup)],
    "circles:rename": [
        Row("get", _circle("rename"), CIRCLE_MANAGE, setup=circle_setup),
        Row(
            "post", _circle("rename"), CIRCLE_MANAGE_POST, data={"name": "Neu"}, setup=circle_setup
        ),
    ],
    "circles:delete": [
        Row("get", _circle("delete"), CIRCLE_MANAGE, setup=circle_setup),
        Row("post", _circle("delete"), CIRCLE_MANAGE_POST, setup=circle_setup),
    ],
    "circles:member_add": [
        Row(
            "post",
            _circle("member_add"),
            CIRCLE_MANAGE_POST,
            data=lambda o: {"enrollment": o["candidate"].pk},
            setup=circle_setup,
        ),
    ],
    "circles:member_remove": [
        Row(
            "post",
            lambda o: reverse("circles:member_remove", args=[o["circle"].pk, o["member"].pk]),
            CIRCLE_MANAGE_POST,
            setup=circle_setup,
        ),
    ],
    "circles:meeting_new": [
        Row("get", _circle("meeting_new"), CIRCLE_MANAGE, setup=circle_setup),
        Row(
            "post",
            _circle("meeting_new"),
            CIRCLE_MANAGE_POST,
            data=_meeting_data,
            setup=circle_setup,
        ),
    ],
    "circles:meeting": [
        Row("get", _meeting("meeting"), CIRCLE_VIEW, setup=circle_setup),
        Row(
            "post", _meeting("meeting"), CIRCLE_WRITE_POST, data={"text": "Vu"}, setup=circle_setup
        ),
    ],
    "circles:attendance": [
        Row(
            "post",
            _meeting("attendance"),
            CIRCLE_WRITE_POST,
            data=lambda o: {"present": [o["enrollment"].pk]},
            setup=circle_setup,
        ),
    ],
    "circles:meeting_cancel": [
        Row("post", _meeting("meeting_cancel"), CIRCLE_MANAGE_POST, setup=circle_setup),
    ],
    "circles:meeting_ics": [Row("get", _meeting("meeting_ics"), CIRCLE_VIEW, setup=circle_setup)],
}
