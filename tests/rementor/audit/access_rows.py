from django.urls import reverse

from tests.rementor.access import MANAGER_ONLY, Row, signed_in

ROWS = {
    "audit:trail": [
        Row("get", lambda o: reverse("audit:trail"), MANAGER_ONLY),
        Row("get", lambda o: reverse("audit:trail") + "?date_from=31/02/2026", MANAGER_ONLY),
        # Read-only: no method writes, whoever asks.
        Row("post", lambda o: reverse("audit:trail"), signed_in(405)),
    ],
}
