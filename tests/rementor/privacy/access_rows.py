"""Access-matrix rows of the account page, personal data and erasure requests."""

from __future__ import annotations

from django.urls import reverse

from rementor.privacy.models import ErasureRequest
from tests.factories import UserFactory
from tests.rementor.access import MANAGER_ONLY, Row, every, signed_in

# Participants may ask to be erased; staff accounts (managers, sponsors) may not.
PARTICIPANTS_ONLY_POST = {
    "anonymous": 302,
    "participant": 302,
    "other_participant": 302,
    "sponsor": 403,
    "manager": 403,
}


def _request(o: dict) -> dict:
    person = UserFactory().person
    return {"request": ErasureRequest.objects.create(person=person, reason="why")}


ROWS = {
    "privacy:profile": [
        Row("get", lambda o: reverse("privacy:profile"), signed_in(200)),
    ],
    "privacy:my_data": [
        Row("get", lambda o: reverse("privacy:my_data"), signed_in(200)),
        Row("post", lambda o: reverse("privacy:my_data"), signed_in(405)),
    ],
    "privacy:request_erasure": [
        Row(
            "post",
            lambda o: reverse("privacy:request_erasure"),
            PARTICIPANTS_ONLY_POST,
            data={"confirm": "on"},
        ),
        Row("get", lambda o: reverse("privacy:request_erasure"), signed_in(405)),
    ],
    "privacy:withdraw_erasure": [
        Row("post", lambda o: reverse("privacy:withdraw_erasure"), PARTICIPANTS_ONLY_POST),
    ],
    "privacy:erasure_requests": [
        Row("get", lambda o: reverse("privacy:erasure_requests"), MANAGER_ONLY),
    ],
    "privacy:erasure_request": [
        Row(
            "get",
            lambda o: reverse("privacy:erasure_request", args=[o["request"].pk]),
            MANAGER_ONLY,
            setup=_request,
        ),
        Row(
            "post",
            lambda o: reverse("privacy:erasure_request", args=[o["request"].pk]),
            {**MANAGER_ONLY, "manager": 302},
            data={"decision": "decline", "reason": "Still running a programme"},
            setup=_request,
        ),
    ],
    "privacy:notice": [
        Row("get", lambda o: reverse("privacy:notice"), every(200)),
    ],
}
