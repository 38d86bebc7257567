"""Builders for the people tests (the suite-wide ones live in tests/factories).

* A participant with every kind of access (password, open browser session, API token, a
  running pair), and the check that someone who left has none of it any more.
* HRIS files to import, and the codes of the issues a preview found.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from rementor.api.tokens import create_token
from rementor.matching.models import Pair
from rementor.people.models import User
from tests.factories import PASSWORD, log_in_through_form
from tests.rementor.mentoring.factories import make_pair

# --------------------------------------------------------------------------- leavers


@dataclass
class Leaver:
    user: User
    pair: Pair
    browser: Client
    api: APIClient


def signed_in_mentor(*, programme=None) -> Leaver:
    """The mentor of a running pair, signed in through the login form, holding a token."""
    pair, _mentee, mentor = make_pair(programme=programme)
    browser = Client()
    log_in_through_form(browser, email=mentor.email, password=PASSWORD)
    _token, secret = create_token(user=mentor, name="script")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert signed_in(browser) and api.get("/api/v1/pairs/").status_code == 200
    return Leaver(user=mentor, pair=pair, browser=browser, api=api)


def signed_in(client: Client) -> bool:
    return "signed-in-as" in client.get(reverse("home")).content.decode()


def assert_locked_out(leaver: Leaver) -> None:
    """No token, no session, no password: each refused the way a stranger is."""
    user_id = str(leaver.user.pk)
    # The still-valid-looking token: 401, for reads and for writes.
    assert leaver.api.get("/api/v1/pairs/").status_code == 401
    concern = {"pair": leaver.pair.pk, "text": "Still here?"}
    assert leaver.api.post("/api/v1/concerns/", concern, format="json").status_code == 401
    # The open browser session: gone from the store, signed out on the next request.
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == user_id]
    assert not signed_in(leaver.browser)
    assert leaver.browser.get(reverse("mentoring:pair", args=[leaver.pair.pk])).status_code == 302
    # The password: the standard refusal, as for a wrong password (nothing says "left").
    response = log_in_through_form(Client(), email=leaver.user.email, password=PASSWORD)
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == [
        "invalid_login"
    ]


# --------------------------------------------------------------------------- HRIS files

HEADER = (
    "employee_id,first_name,last_name,email,job_title,department,site,manager_id,languages,"
    "time_zone"
)


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def codes(issues: list[dict]) -> list[str]:
    return [issue["code"] for issue in issues]
