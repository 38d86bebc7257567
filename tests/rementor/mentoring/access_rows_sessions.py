"""Access rows of the sessions part: sessions are for the pair's members (managers know the pair
exists: 403); a private note is for its author only — everyone else gets 404."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from rementor.mentoring.models import MentoringSession, PrivateNote, SessionStatus
from tests.rementor.access import Row, signed_in
from tests.rementor.mentoring.access_rows import PAIR_VIEW, pair_setup

# Writing in the pair: its members; managers oversee it (403); nobody else learns it exists.
PAIR_ACT = {**signed_in(404), "participant": 200, "manager": 403}
PAIR_ACT_POST = {**PAIR_ACT, "participant": 302}
# A private note: its author (the participant) only. Even the manager gets 404.
AUTHOR_ONLY = {**signed_in(404), "participant": 200}


def session_setup(o, *, status=SessionStatus.PLANNED, days=-1):
    objects = pair_setup(o)
    objects["session"] = MentoringSession.objects.create(
        pair=objects["pair"],
        starts_at=timezone.now() + dt.timedelta(days=days),
        status=status,
        created_by=objects["mentor_user"],
    )
    return objects


def held_setup(o):
    return session_setup(o, status=SessionStatus.HELD)


def note_setup(o):
    objects = session_setup(o, status=SessionStatus.HELD)
    objects["note"] = PrivateNote.objects.create(
        session=objects["session"], author=o["participant"], text="Only mine"
    )
    return objects


def _session_url(name):
    return lambda o: reverse(name, args=[o["session"].pk])


ROWS = {
    "mentoring:plan_session": [
        Row(
            "get",
            lambda o: reverse("mentoring:plan_session", args=[o["pair"].pk]),
            PAIR_ACT,
            setup=pair_setup,
        )
    ],
    # Booking from the free times: members; an empty post comes back with its errors.
    "mentoring:book_session": [
        Row(
            "get",
            lambda o: reverse("mentoring:book_session", args=[o["pair"].pk]),
            PAIR_ACT,
            setup=pair_setup,
        ),
        Row(
            "post",
            lambda o: reverse("mentoring:book_session", args=[o["pair"].pk]),
            PAIR_ACT,
            setup=pair_setup,
        ),
    ],
    "mentoring:record_session": [
        Row(
            "get",
            lambda o: reverse("mentoring:record_session", args=[o["pair"].pk]),
            PAIR_ACT,
            setup=pair_setup,
        ),
        # An empty form comes back with its errors for the member; nothing is written.
        Row(
            "post",
            lambda o: reverse("mentoring:record_session", args=[o["pair"].pk]),
            PAIR_ACT,
            setup=pair_setup,
        ),
    ],
    "mentoring:pair_status": [
        Row(
            "get",
            lambda o: reverse("mentoring:pair_status", args=[o["pair"].pk]),
            PAIR_VIEW,
            setup=pair_setup,
        )
    ],
    "mentoring:check_in": [
        Row(
            "get",
            lambda o: reverse("mentoring:check_in", args=[o["pair"].pk, "midterm"]),
            PAIR_ACT,
            setup=pair_setup,
        )
    ],
    "mentoring:session": [
        Row("get", _session_url("mentoring:session"), PAIR_ACT, setup=session_setup)
    ],
    "mentoring:reschedule_session": [
        Row(
            "get",
            _session_url("mentoring:reschedule_session"),
            PAIR_ACT,
            setup=lambda o: session_setup(o, days=3),
        )
    ],
    "mentoring:cancel_session": [
        Row(
            "post",
            _session_url("mentoring:cancel_session"),
            PAIR_ACT_POST,
            setup=lambda o: session_setup(o, days=3),
        ),
        Row(
            "get",
            _session_url("mentoring:cancel_session"),
            signed_in(405),
            setup=lambda o: session_setup(o, days=3),
        ),
    ],
    "mentoring:session_ics": [
        Row("get", _session_url("mentoring:session_ics"), PAIR_ACT, setup=session_setup)
    ],
    "mentoring:log_session": [
        Row("get", _session_url("mentoring:log_session"), PAIR_ACT, setup=session_setup)
    ],
    "mentoring:pulse": [Row("get", _session_url("mentoring:pulse"), PAIR_ACT, setup=held_setup)],
    "mentoring:private_note": [
        Row(
            "get",
            lambda o: reverse("mentoring:private_note", args=[o["note"].pk]),
            AUTHOR_ONLY,
            setup=note_setup,
        ),
        Row(
            "post",
            lambda o: reverse("mentoring:private_note", args=[o["note"].pk]),
            {**AUTHOR_ONLY, "participant": 302},
            data={"text": "Changed"},
            setup=note_setup,
        ),
    ],
}
