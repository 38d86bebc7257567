from django.urls import reverse

from tests.rementor.access import Row, every, signed_in

ROWS = {
    # For load balancers: open to anyone, read-only.
    "healthz": [
        Row("get", lambda o: reverse("healthz"), every(200)),
        Row("post", lambda o: reverse("healthz"), every(405)),
    ],
    "login": [Row("get", lambda o: reverse("login"), {**every(302), "anonymous": 200})],
    "logout": [Row("post", lambda o: reverse("logout"), every(302))],
    "password_change": [Row("get", lambda o: reverse("password_change"), signed_in(200))],
    "password_change_done": [Row("get", lambda o: reverse("password_change_done"), signed_in(200))],
    "password_reset": [Row("get", lambda o: reverse("password_reset"), every(200))],
    "password_reset_done": [Row("get", lambda o: reverse("password_reset_done"), every(200))],
    "password_reset_confirm": [
        Row(
            "get",
            lambda o: reverse(
                "password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"}
            ),
            every(200),
        )
    ],
    "join": [Row("get", lambda o: reverse("join", args=["MQ", "bad-token"]), every(200))],
    "password_reset_complete": [
        Row("get", lambda o: reverse("password_reset_complete"), every(200))
    ],
}
