from django.urls import reverse

from tests.rementor.access import Row, every, signed_in

ROWS = {
    "home": [Row("get", lambda o: reverse("home"), signed_in(200))],
    "help_levels": [Row("get", lambda o: reverse("help_levels"), signed_in(200))],
    "set_language": [
        Row("post", lambda o: reverse("set_language"), every(302), {"language": "en", "next": "/"}),
        Row("get", lambda o: reverse("set_language"), every(405)),
    ],
}
