from django.urls import reverse

from tests.rementor.access import Row, signed_in

# Managers and sponsors; the programme's participants know it exists (403), others do not.
NEEDS = {
    "anonymous": 302,
    "participant": 403,
    "other_participant": 404,
    "sponsor": 200,
    "manager": 200,
}

ROWS = {
    "analytics:needs": [
        Row("get", lambda o: reverse("analytics:needs", args=[o["programme"].slug]), NEEDS),
        # A sponsor's parameters change nothing; a manager's unknown site is ignored.
        Row(
            "get",
            lambda o: reverse("analytics:needs", args=[o["programme"].slug]) + "?site=x&all=1",
            NEEDS,
        ),
        Row(
            "get", lambda o: reverse("analytics:needs", args=["no-such-programme"]), signed_in(404)
        ),
    ],
}
