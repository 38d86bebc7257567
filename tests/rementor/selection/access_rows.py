from django.urls import reverse

from rementor.programmes.models import EnrollmentStatus, MentorApplications, ProgrammeStatus
from tests.factories import ProgrammeFactory
from tests.rementor.access import PROGRAMME_CHANGE, Row, signed_in
from tests.rementor.selection.factories import candidate


def _recruiting(o: dict, call: str = MentorApplications.OPEN) -> dict:
    o["programme"].status = ProgrammeStatus.RECRUITING
    o["programme"].mentor_applications = call
    o["programme"].save()
    return {}


def _recruiting_invited_only(o: dict) -> dict:
    return _recruiting(o, MentorApplications.INVITED)


def _candidate(o: dict) -> dict:
    return {"application": candidate(o["programme"])}


def _withdrawn_candidate(o: dict) -> dict:
    return {"application": candidate(o["programme"], status=EnrollmentStatus.WITHDRAWN)}


def _candidate_elsewhere(o: dict) -> dict:
    return {"application": candidate(ProgrammeFactory())}


def _stranger_applied(o: dict) -> dict:
    _recruiting(o)
    candidate(o["programme"], user=o["other_participant"])
    return {}


def _candidate_url(name: str):
    return lambda o: reverse(name, args=[o["programme"].slug, o["application"].pk])


def _url(name: str, slug: str | None = None):
    return lambda o: reverse(name, args=[slug or o["programme"].slug])


APPLICATION = {
    "motivation": "Partager ce que je sais.",
    "commitment": "2",
    "capacity": "1",
    "prefs-languages": ["fr"],
    "prefs-slots": ["1", "2", "3"],
}
# Anyone with an employee record may apply while the programme recruits, except its mentees.
APPLY_RECRUITING = {
    "anonymous": 302,
    "participant": 403,
    "other_participant": 200,
    "sponsor": 200,
    "manager": 200,
}
# Invited people only: nobody here was invited, so each is told why (403 with the reason).
APPLY_INVITED_ONLY = {**APPLY_RECRUITING, "other_participant": 403, "sponsor": 403, "manager": 403}
APPLY_DRAFT = {
    "anonymous": 302,
    "participant": 403,
    "other_participant": 404,
    "sponsor": 403,
    "manager": 403,
}
DONE = {**PROGRAMME_CHANGE, "manager": 302}
NOT_IN_POOL = {**PROGRAMME_CHANGE, "manager": 404}

ROWS = {
    "selection:apply": [
        Row("get", _url("selection:apply"), APPLY_RECRUITING, setup=_recruiting),
        Row("get", _url("selection:apply"), APPLY_INVITED_ONLY, setup=_recruiting_invited_only),
        Row("get", _url("selection:apply"), APPLY_DRAFT),
        Row("get", _url("selection:apply", "no-such-programme"), signed_in(404)),
        Row(
            "post",
            _url("selection:apply"),
            {**APPLY_RECRUITING, "other_participant": 302, "sponsor": 302, "manager": 302},
            APPLICATION,
            setup=_recruiting,
        ),
    ],
    "selection:withdraw": [
        Row(
            "post",
            _url("selection:withdraw"),
            {**APPLY_RECRUITING, "other_participant": 302, "sponsor": 302, "manager": 302},
            setup=_stranger_applied,
        ),
        Row("post", _url("selection:withdraw"), {**APPLY_DRAFT}),
        Row("get", _url("selection:withdraw"), signed_in(405)),
    ],
    "selection:candidates": [
        Row("get", _url("selection:candidates"), PROGRAMME_CHANGE),
        # While recruiting, everyone may know the programme exists, but not its candidates.
        Row(
            "get",
            _url("selection:candidates"),
            {**PROGRAMME_CHANGE, "other_participant": 403},
            setup=_recruiting,
        ),
        Row("get", _url("selection:candidates", "no-such-programme"), signed_in(404)),
    ],
    "selection:weights": [
        Row(
            "post",
            _url("selection:weights"),
            DONE,
            {"weight_expertise": "40", "weight_communication": "40", "weight_willingness": "20"},
        ),
        Row("get", _url("selection:weights"), signed_in(405)),
    ],
    "selection:candidate": [
        Row("get", _candidate_url("selection:candidate"), PROGRAMME_CHANGE, setup=_candidate),
        Row(
            "get",
            _candidate_url("selection:candidate"),
            NOT_IN_POOL,
            setup=_withdrawn_candidate,
        ),
        Row(
            "get",
            _candidate_url("selection:candidate"),
            NOT_IN_POOL,
            setup=_candidate_elsewhere,
        ),
    ],
    "selection:review": [
        Row(
            "post",
            _candidate_url("selection:review"),
            DONE,
            {"clarity": "4", "listening": "4", "adaptability": "3", "willingness": "5"},
            setup=_candidate,
        ),
        Row(
            "post",
            _candidate_url("selection:review"),
            NOT_IN_POOL,
            {"clarity": "4", "listening": "4", "adaptability": "3", "willingness": "5"},
            setup=_withdrawn_candidate,
        ),
        Row("get", _candidate_url("selection:review"), signed_in(405), setup=_candidate),
    ],
    "selection:decide": [
        Row(
            "post",
            _candidate_url("selection:decide"),
            DONE,
            {"decision": "declined", "reason": "Pas cette fois."},
            setup=_candidate,
        ),
        Row(
            "post",
            _candidate_url("selection:decide"),
            NOT_IN_POOL,
            {"decision": "accepted"},
            setup=_withdrawn_candidate,
        ),
        Row("get", _candidate_url("selection:decide"), signed_in(405), setup=_candidate),
    ],
    "selection:decide_many": [
        Row(
            "post",
            _url("selection:decide_many"),
            DONE,
            lambda o: {
                "application": [str(o["application"].pk)],
                "decision": "accepted",
                "confirm": "on",
            },
            setup=_candidate,
        ),
        Row("get", _url("selection:decide_many"), signed_in(405)),
    ],
}
