"""Access-matrix rows of the pair charter: members and managers read it; only members edit
and accept it (managers 403); nobody else learns the pair exists."""

from django.urls import reverse

from tests.rementor.access import Row
from tests.rementor.mentoring.access_rows import PAIR_VIEW, pair_setup

# Members act in their pair; managers oversee it (403); nobody else learns it exists.
PAIR_ACT = {**PAIR_VIEW, "manager": 403}
PAIR_ACT_POST = {**PAIR_ACT, "participant": 302}

ROWS = {
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
