"""Access rows of the objectives part: objectives, tasks, concerns and ideas.

The matrix's "participant" is the pair's mentee (``pair_setup``). Concerns are tried twice:
raised by the participant (the author reads it) and raised by the mentor (the participant is
then the other member of the pair, who must not learn it exists: 404).
"""

from django.urls import reverse

from rementor.mentoring.models import Concern, Objective, PracticeTask
from rementor.skills.models import Skill
from tests.rementor.access import Row, signed_in
from tests.rementor.mentoring.access_rows import PAIR_VIEW, pair_setup

# Writing in the pair's space: its members; managers know the pair but do not act in it.
PAIR_ACT = {**signed_in(404), "participant": 200, "manager": 403}
PAIR_ACT_POST = {**PAIR_ACT, "participant": 302}
# Manager pages of the programme: participants and sponsors know it exists, strangers do not.
PROGRAMME_MANAGERS = {
    "anonymous": 302,
    "participant": 403,
    "other_participant": 404,
    "sponsor": 403,
    "manager": 200,
}
# A concern: its author and the managers; nobody else learns it exists.
CONCERN_OF_PARTICIPANT = {**signed_in(404), "participant": 200, "manager": 200}
CONCERN_OF_PARTNER = {**signed_in(404), "manager": 200}


def objective_setup(o):
    made = pair_setup(o)
    made["objective"] = Objective.objects.create(
        pair=made["pair"], owner="mentee", title="Publier sur LinkedIn"
    )
    made["task"] = PracticeTask.objects.create(pair=made["pair"], title="Un post")
    return made


def concern_by_participant(o):
    made = pair_setup(o)
    made["concern"] = Concern.objects.create(
        pair=made["pair"], author=o["participant"], text="Texte confidentiel"
    )
    return made


def concern_by_partner(o):
    made = pair_setup(o)
    made["concern"] = Concern.objects.create(
        pair=made["pair"], author=made["mentor_user"], text="Texte confidentiel"
    )
    return made


def _pair_url(name):
    return lambda o: reverse(f"mentoring:{name}", args=[o["pair"].pk])


def _linkedin(o):
    return Skill.objects.get(code="linkedin").pk


ROWS = {
    "mentoring:objective_create": [
        Row("get", _pair_url("objective_create"), PAIR_ACT, setup=pair_setup),
        Row(
            "post",
            _pair_url("objective_create"),
            PAIR_ACT_POST,
            data=lambda o: {"owner": "mentee", "title": "Publier", "skill": _linkedin(o)},
            setup=pair_setup,
        ),
    ],
    "mentoring:objective_detail": [
        Row(
            "get",
            lambda o: reverse("mentoring:objective_detail", args=[o["objective"].pk]),
            PAIR_VIEW,
            setup=objective_setup,
        )
    ],
    "mentoring:objective_adjust": [
        Row(
            "get",
            lambda o: reverse("mentoring:objective_adjust", args=[o["objective"].pk]),
            PAIR_ACT,
            setup=objective_setup,
        ),
        Row(
            "post",
            lambda o: reverse("mentoring:objective_adjust", args=[o["objective"].pk]),
            PAIR_ACT_POST,
            data={
                "title": "Publier sur LinkedIn",
                "status": "in_progress",
                "progress": "20",
                "reason": "Premier post publié",
            },
            setup=objective_setup,
        ),
    ],
    "mentoring:task_create": [
        Row("get", _pair_url("task_create"), PAIR_ACT, setup=pair_setup),
    ],
    "mentoring:task_evidence": [
        Row(
            "get",
            lambda o: reverse("mentoring:task_evidence", args=[o["task"].pk]),
            PAIR_ACT,
            setup=objective_setup,
        )
    ],
    "mentoring:task_done": [
        # The participant is the mentee: only the mentor marks a task done.
        Row(
            "post",
            lambda o: reverse("mentoring:task_done", args=[o["task"].pk]),
            {**PAIR_ACT, "participant": 403},
            setup=objective_setup,
        )
    ],
    "mentoring:concern_create": [
        Row("get", _pair_url("concern_create"), PAIR_ACT, setup=pair_setup),
    ],
    "mentoring:concern_detail": [
        Row(
            "get",
            lambda o: reverse("mentoring:concern_detail", args=[o["concern"].pk]),
            CONCERN_OF_PARTICIPANT,
            setup=concern_by_participant,
        ),
        Row(
            "get",
            lambda o: reverse("mentoring:concern_detail", args=[o["concern"].pk]),
            CONCERN_OF_PARTNER,
            setup=concern_by_partner,
        ),
    ],
    "mentoring:concern_resolve": [
        # The author reads the concern but does not resolve it; managers do (then redirect).
        Row(
            "post",
            lambda o: reverse("mentoring:concern_resolve", args=[o["concern"].pk]),
            {**CONCERN_OF_PARTICIPANT, "participant": 403, "manager": 302},
            data={"note": "Nous en avons parlé."},
            setup=concern_by_participant,
        ),
        Row(
            "post",
            lambda o: reverse("mentoring:concern_resolve", args=[o["concern"].pk]),
            {**CONCERN_OF_PARTNER, "manager": 302},
            data={"note": "Nous en avons parlé."},
            setup=concern_by_partner,
        ),
    ],
    "mentoring:concern_list": [
        Row(
            "get",
            lambda o: reverse("mentoring:concern_list", args=[o["programme"].slug]),
            PROGRAMME_MANAGERS,
            setup=concern_by_participant,
        )
    ],
    "mentoring:idea_create": [
        Row("get", _pair_url("idea_create"), PAIR_ACT, setup=pair_setup),
    ],
    "mentoring:idea_list": [
        Row(
            "get",
            lambda o: reverse("mentoring:idea_list", args=[o["programme"].slug]),
            PROGRAMME_MANAGERS,
            setup=pair_setup,
        )
    ],
}
