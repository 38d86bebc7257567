"""Access rows of the REST API (``/api/v1/``) and of the personal tokens (``/account/tokens/``).

The API never redirects to the login page: anonymous callers get 401. Outsiders get 404 on
details, as on the pages; a role that may know an object exists but not read it gets 403.
The matrix posts forms, and the API reads JSON only: an allowed POST answers 415 here (its
JSON behaviour is tested in ``test_writes.py``).
"""

from django.core.cache import cache
from django.urls import reverse

from rementor.api.tokens import create_token
from rementor.matching.models import MatchRun
from rementor.mentoring.models import Concern, Idea, Objective, Pulse
from rementor.selection.models import MentorApplication, MentorReview
from rementor.skills.models import Assessment
from tests.rementor.access import ROLES, Row, every
from tests.rementor.circles.access_rows import circle_setup
from tests.rementor.matching.access_rows_proposals import proposal_setup
from tests.rementor.mentoring.access_rows import pair_setup
from tests.rementor.mentoring.access_rows_sessions import held_setup, note_setup
from tests.rementor.mentoring.group_factories import group_with_participant

API_SIGNED_IN = {**every(200), "anonymous": 401}
API_MANAGER_ONLY = {**every(403), "anonymous": 401, "manager": 200}
# The participant's own records (and managers'): nobody else learns they exist.
API_OWN = {**every(404), "anonymous": 401, "participant": 200, "manager": 200}
API_PROGRAMME = {**API_OWN, "sponsor": 403}
# Form posts: the allowed role gets 415 (JSON only), the others 403 or 404.
API_MANAGER_POST = {**every(403), "anonymous": 401, "manager": 415}
API_JSON_POST = {**every(415), "anonymous": 401}


def _fresh(setup=None):
    """Forget earlier requests' rate-limit counts (the suite is faster than any user)."""

    def wrapped(o):
        users = [o[role] for role in ROLES if role in o]
        cache.delete_many(
            ["throttle_anon_127.0.0.1", *(f"throttle_user_{user.pk}" for user in users)]
        )
        return setup(o) if setup is not None else {}

    return wrapped


def _url(name, key=None, attr="pk"):
    if key is None:
        return lambda o: reverse(f"api:{name}")
    return lambda o: reverse(f"api:{name}", args=[getattr(o[key], attr)])


def _get(name, expect, key=None, setup=None):
    return [Row("get", _url(name, key), expect, setup=_fresh(setup))]


def _group_setup(o):
    return group_with_participant(o["programme"], o["participant"])


def _enrollment(o):
    return {"enrollment": o["programme"].enrollments.get(person=o["participant"].person)}


def _assessment(o):
    enrollment = _enrollment(o)["enrollment"]
    return {"assessment": Assessment.objects.create(enrollment=enrollment, kind="baseline")}


def _application(o):
    enrollment = _enrollment(o)["enrollment"]
    enrollment.status = "applied"
    enrollment.save()
    application = MentorApplication.objects.create(enrollment=enrollment, motivation="Share")
    review = MentorReview.objects.create(
        application=application,
        reviewer=o["manager"],
        clarity=4,
        listening=4,
        adaptability=4,
        willingness=4,
    )
    return {"application": application, "review": review}


def _run(o):
    return {"run": MatchRun.objects.create(programme=o["programme"], number=1)}


def _pair_life(o):
    objects = held_setup(o)
    pair, user = objects["pair"], o["participant"]
    objects["objective"] = Objective.objects.create(
        pair=pair, owner="mentor", title="Explain", area="pedagogy"
    )
    objects["idea"] = Idea.objects.create(pair=pair, author=user, title="Idea", description="x")
    objects["pulse"] = Pulse.objects.create(
        session=objects["session"], author=pair.mentee, usefulness=4, comfort=4
    )
    objects["concern"] = Concern.objects.create(pair=pair, author=user, text="Worry")
    return objects


def _token(o):
    token, _secret = create_token(user=o["participant"], name="script")
    return {"token": token}


ROWS = {
    "api:api-root": _get("api-root", API_SIGNED_IN),
    "api:schema": _get("schema", every(200)),
    "api:docs": _get("docs", every(200)),
    "api:department-list": _get("department-list", API_SIGNED_IN),
    "api:department-detail": [
        Row(
            "get",
            lambda o: reverse("api:department-detail", args=[o["person"].department_id]),
            API_SIGNED_IN,
            setup=_fresh(),
        )
    ],
    "api:skillcategory-list": _get("skillcategory-list", API_SIGNED_IN),
    "api:skillcategory-detail": _get("skillcategory-detail", API_SIGNED_IN, "category"),
    "api:skill-list": _get("skill-list", API_SIGNED_IN),
    "api:skill-detail": _get("skill-detail", API_SIGNED_IN, "skill"),
    "api:person-list": _get("person-list", API_MANAGER_ONLY),
    "api:person-detail": _get("person-detail", API_MANAGER_ONLY, "person"),
    "api:programme-list": [
        *_get("programme-list", API_SIGNED_IN),
        Row("post", _url("programme-list"), API_MANAGER_POST, setup=_fresh()),
    ],
    "api:programme-detail": _get("programme-detail", API_PROGRAMME, "programme"),
    # The templates a new programme may start from: whoever may create one (managers).
    "api:programme-template-list": _get("programme-template-list", API_MANAGER_ONLY),
    "api:programme-template-detail": [
        Row(
            "get",
            lambda o: reverse("api:programme-template-detail", args=["reverse-6-sessions"]),
            API_MANAGER_ONLY,
            setup=_fresh(),
        )
    ],
    # The session plan: whoever reads the programme (its managers and participants).
    "api:programme-plan": _get("programme-plan", API_PROGRAMME, "programme"),
    "api:programme-status": [
        Row(
            "post",
            _url("programme-status", "programme"),
            {**API_PROGRAMME, "participant": 403, "manager": 415},
            setup=_fresh(),
        )
    ],
    "api:enrollment-list": _get("enrollment-list", API_SIGNED_IN),
    "api:enrollment-detail": _get("enrollment-detail", API_OWN, "enrollment", _enrollment),
    "api:assessment-list": _get("assessment-list", API_SIGNED_IN),
    "api:assessment-detail": _get("assessment-detail", API_OWN, "assessment", _assessment),
    "api:mentorapplication-list": _get("mentorapplication-list", API_SIGNED_IN),
    "api:mentorapplication-detail": _get(
        "mentorapplication-detail", API_OWN, "application", _application
    ),
    "api:mentorapplication-decide": [
        Row(
            "post",
            _url("mentorapplication-decide", "application"),
            {**API_OWN, "participant": 403, "manager": 415},
            setup=_fresh(_application),
        )
    ],
    "api:mentorreview-list": _get("mentorreview-list", API_MANAGER_ONLY),
    "api:mentorreview-detail": _get(
        "mentorreview-detail", API_MANAGER_ONLY, "review", _application
    ),
    "api:matchrun-list": [
        *_get("matchrun-list", API_MANAGER_ONLY),
        Row("post", _url("matchrun-list"), API_MANAGER_POST, setup=_fresh()),
    ],
    "api:matchrun-detail": _get("matchrun-detail", API_MANAGER_ONLY, "run", _run),
    "api:pair-list": _get("pair-list", API_SIGNED_IN),
    "api:pair-detail": _get("pair-detail", API_OWN, "pair", pair_setup),
    # Where the pair is in its plan: its members and the managers.
    "api:pair-plan": _get("pair-plan", API_OWN, "pair", pair_setup),
    "api:pairproposal-list": _get("pairproposal-list", API_SIGNED_IN),
    "api:pairproposal-detail": _get("pairproposal-detail", API_OWN, "proposal", proposal_setup),
    # Answering: the member only (a manager answers for someone on the proposals page).
    "api:pairproposal-accept": [
        Row(
            "post",
            _url("pairproposal-accept", "proposal"),
            {**API_OWN, "participant": 200, "manager": 403},
            setup=_fresh(proposal_setup),
        )
    ],
    "api:pairproposal-decline": [
        Row(
            "post",
            _url("pairproposal-decline", "proposal"),
            {**API_OWN, "participant": 415, "manager": 403},
            setup=_fresh(proposal_setup),
        )
    ],
    # Free times: the pair's members only; a manager knows the pair (403).
    "api:pair-free-times": _get("pair-free-times", {**API_OWN, "manager": 403}, "pair", pair_setup),
    # The pair's thread: its members only; a manager, who sees the pair, gets 404 as if there
    # were no thread. Form posts: the member gets 415 (JSON only, see test_messages_api.py).
    "api:pair-messages": [
        *_get("pair-messages", {**API_OWN, "manager": 404}, "pair", pair_setup),
        Row(
            "post",
            _url("pair-messages", "pair"),
            {**API_OWN, "manager": 404, "participant": 415},
            setup=_fresh(pair_setup),
        ),
    ],
    "api:mentoringsession-list": _get("mentoringsession-list", API_SIGNED_IN),
    "api:mentoringsession-detail": _get("mentoringsession-detail", API_OWN, "session", held_setup),
    # Recording a past session: a JSON write for any signed-in user (the pair is checked in
    # the body, see test_writes.py); no GET.
    "api:mentoringsession-record": [
        Row("post", _url("mentoringsession-record"), API_JSON_POST, setup=_fresh()),
        Row("get", _url("mentoringsession-record"), {**every(405), "anonymous": 401}),
    ],
    "api:mentoringsession-private-note": _get(
        "mentoringsession-private-note",
        {**API_OWN, "manager": 404},
        "session",
        note_setup,
    ),
    "api:objective-list": _get("objective-list", API_SIGNED_IN),
    "api:objective-detail": _get("objective-detail", API_OWN, "objective", _pair_life),
    "api:pulse-list": _get("pulse-list", API_SIGNED_IN),
    "api:pulse-detail": _get("pulse-detail", API_OWN, "pulse", _pair_life),
    "api:circle-list": _get("circle-list", API_SIGNED_IN),
    "api:circle-detail": _get("circle-detail", {**API_OWN, "sponsor": 404}, "circle", circle_setup),
    "api:mentoringgroup-list": _get("mentoringgroup-list", API_SIGNED_IN),
    "api:mentoringgroup-detail": _get(
        "mentoringgroup-detail", {**API_OWN, "sponsor": 404}, "group", _group_setup
    ),
    "api:circlemeeting-list": _get("circlemeeting-list", API_SIGNED_IN),
    "api:circlemeeting-detail": _get(
        "circlemeeting-detail", {**API_OWN, "sponsor": 404}, "meeting", circle_setup
    ),
    "api:idea-list": _get("idea-list", API_SIGNED_IN),
    "api:idea-detail": _get("idea-detail", API_OWN, "idea", _pair_life),
    "api:concern-list": _get("concern-list", API_SIGNED_IN),
    "api:concern-detail": _get("concern-detail", API_OWN, "concern", _pair_life),
    "api:concern-resolve": [
        Row(
            "post",
            _url("concern-resolve", "concern"),
            {**API_OWN, "participant": 403, "manager": 415},
            setup=_fresh(_pair_life),
        )
    ],
    # Token pages: POST only, back to the account page; someone else's token is not found.
    "api_tokens:create": [
        Row("post", lambda o: reverse("api_tokens:create"), every(302), data={"name": "x"})
    ],
    "api_tokens:revoke": [
        Row(
            "post",
            lambda o: reverse("api_tokens:revoke", args=[o["token"].pk]),
            {**every(404), "anonymous": 302, "participant": 302},
            setup=_token,
        )
    ],
}
