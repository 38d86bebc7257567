"""Access-matrix rows of the training pages (see tests/rementor/access.py): participants
read their programme's modules; its managers change them; outsiders learn nothing."""

from django.urls import reverse

from rementor.training.domain import install_default_modules
from rementor.training.models import TrainingModule
from tests.rementor.access import PROGRAMME_CHANGE, PROGRAMME_VIEW, Row, signed_in
from tests.rementor.training.factories import right_answers

CHANGE_POST = {**PROGRAMME_CHANGE, "manager": 302}


def module_setup(o):
    install_default_modules(programme=o["programme"])
    module = TrainingModule.objects.get(programme=o["programme"], code="objectives")
    return {"module": module}


def quiz_answered_right(o):
    return {f"q{pk}": index for pk, index in right_answers(o["module"]).items()}


ROWS = {
    "training:my_training": [
        Row(
            "get",
            lambda o: reverse("training:my_training", args=[o["programme"].slug]),
            # A manager who does not take part is sent to the programme's training page.
            {**PROGRAMME_VIEW, "manager": 302},
        )
    ],
    "training:module": [
        Row(
            "get",
            lambda o: reverse("training:module", args=[o["module"].pk]),
            PROGRAMME_VIEW,
            setup=module_setup,
        ),
        Row(
            "post",
            lambda o: reverse("training:module", args=[o["module"].pk]),
            {**PROGRAMME_VIEW, "participant": 302, "manager": 403},
            data=quiz_answered_right,
            setup=module_setup,
        ),
    ],
    "training:manage": [
        Row(
            "get",
            lambda o: reverse("training:manage", args=[o["programme"].slug]),
            PROGRAMME_CHANGE,
            setup=module_setup,
        )
    ],
    "training:module_create": [
        Row(
            "get",
            lambda o: reverse("training:module_create", args=[o["programme"].slug]),
            PROGRAMME_CHANGE,
        )
    ],
    "training:module_edit": [
        Row(
            "get",
            lambda o: reverse("training:module_edit", args=[o["module"].pk]),
            PROGRAMME_CHANGE,
            setup=module_setup,
        )
    ],
    "training:module_publish": [
        Row(
            "post",
            lambda o: reverse("training:module_publish", args=[o["module"].pk]),
            CHANGE_POST,
            data={"publish": "0"},
            setup=module_setup,
        ),
        Row(
            "get",
            lambda o: reverse("training:module_publish", args=[o["module"].pk]),
            signed_in(405),
            setup=module_setup,
        ),
    ],
}
