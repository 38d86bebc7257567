"""Access-matrix rows of the training and charter pages (see tests/rementor/access.py)."""

from django.urls import reverse

from rementor.mentoring.models import TrainingModule
from rementor.mentoring.training import install_default_modules
from tests.rementor.access import PROGRAMME_CHANGE, PROGRAMME_VIEW, Row, signed_in
from tests.rementor.mentoring.access_rows import PAIR_VIEW, pair_setup

# Members act in their pair; managers oversee it (403); nobody else learns it exists.
PAIR_ACT = {**PAIR_VIEW, "manager": 403}
PAIR_ACT_POST = {**PAIR_ACT, "participant": 302}
CHANGE_POST = {**PROGRAMME_CHANGE, "manager": 302}


def module_setup(o):
    install_default_modules(programme=o["programme"])
    module = TrainingModule.objects.get(programme=o["programme"], code="objectives")
    return {"module": module}


def right_answers(o):
    return {f"q{q.pk}": q.correct_index for q in o["module"].questions.all()}


ROWS = {
    "mentoring:my_training": [
        Row(
            "get",
            lambda o: reverse("mentoring:my_training", args=[o["programme"].slug]),
            # A manager who does not take part is sent to the programme's training page.
            {**PROGRAMME_VIEW, "manager": 302},
        )
    ],
    "mentoring:training_module": [
        Row(
            "get",
            lambda o: reverse("mentoring:training_module", args=[o["module"].pk]),
            PROGRAMME_VIEW,
            setup=module_setup,
        ),
        Row(
            "post",
            lambda o: reverse("mentoring:training_module", args=[o["module"].pk]),
            {**PROGRAMME_VIEW, "participant": 302, "manager": 403},
            data=right_answers,
            setup=module_setup,
        ),
    ],
    "mentoring:training_manage": [
        Row(
            "get",
            lambda o: reverse("mentoring:training_manage", args=[o["programme"].slug]),
            PROGRAMME_CHANGE,
            setup=module_setup,
        )
    ],
    "mentoring:training_module_create": [
        Row(
            "get",
            lambda o: reverse("mentoring:training_module_create", args=[o["programme"].slug]),
            PROGRAMME_CHANGE,
        )
    ],
    "mentoring:training_module_edit": [
        Row(
            "get",
            lambda o: reverse("mentoring:training_module_edit", args=[o["module"].pk]),
            PROGRAMME_CHANGE,
            setup=module_setup,
        )
    ],
    "mentoring:training_module_publish": [
        Row(
            "post",
            lambda o: reverse("mentoring:training_module_publish", args=[o["module"].pk]),
            CHANGE_POST,
            data={"publish": "0"},
            setup=module_setup,
        ),
        Row(
            "get",
            lambda o: reverse("mentoring:training_module_publish", args=[o["module"].pk]),
            {**signed_in(405), "anonymous": 405},
            setup=module_setup,
        ),
    ],
    "mentoring:training_remind": [
        Row(
            "post",
            lambda o: reverse("mentoring:training_remind", args=[o["programme"].slug]),
            CHANGE_POST,
        )
    ],
    "mentoring:charter": [
        Row(
            "get",
            lambda o: reverse("mentoring:charter", args=[o["pair"].pk]),
            PAIR_VIEW,
            setup=pair_setup,
        )
    ],
    "mentoring:charter_edit": [
        Row(
            "get",
            lambda o: reverse("mentoring:charter_edit", args=[o["pair"].pk]),
            PAIR_ACT,
            setup=pair_setup,
        )
    ],
    "mentoring:charter_accept": [
        Row(
            "post",
            lambda o: reverse("mentoring:charter_accept", args=[o["pair"].pk]),
            PAIR_ACT_POST,
            setup=pair_setup,
        )
    ],
}
