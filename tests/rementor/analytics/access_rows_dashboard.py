from django.urls import reverse

from tests.rementor.access import MANAGER_ONLY, Row, signed_in

# The programme's participants know it exists (403); other people do not (404).
DASHBOARD = {**MANAGER_ONLY, "other_participant": 404}
RESULTS = {
    "anonymous": 302,
    "participant": 403,
    "other_participant": 404,
    "sponsor": 200,
    "manager": 200,
}

ROWS = {
    "analytics:dashboard": [
        Row("get", lambda o: reverse("analytics:dashboard", args=[o["programme"].slug]), DASHBOARD),
        # Unknown filter values are ignored, not errors.
        Row(
            "get",
            lambda o: (
                reverse("analytics:dashboard", args=[o["programme"].slug])
                + "?department=x&site=nowhere"
            ),
            DASHBOARD,
        ),
        Row(
            "get",
            lambda o: reverse("analytics:dashboard", args=["no-such-programme"]),
            signed_in(404),
        ),
    ],
    "analytics:sponsor": [
        Row("get", lambda o: reverse("analytics:sponsor", args=[o["programme"].slug]), RESULTS),
        # Sponsors get no filters: parameters change nothing.
        Row(
            "get",
            lambda o: reverse("analytics:sponsor", args=[o["programme"].slug]) + "?department=1",
            RESULTS,
        ),
        Row(
            "get",
            lambda o: reverse("analytics:sponsor", args=["no-such-programme"]),
            signed_in(404),
        ),
    ],
}
