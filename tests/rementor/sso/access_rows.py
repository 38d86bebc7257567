"""Access-matrix rows of single sign-on: open to visitors (it is how they sign in). Without
a provider configured (the test settings), both addresses answer the refusal page."""

from __future__ import annotations

from django.urls import reverse

from tests.rementor.access import Row, every

ROWS = {
    "sso:oidc_login": [
        Row("get", lambda o: reverse("sso:oidc_login"), every(403)),
    ],
    "sso:oidc_callback": [
        Row("get", lambda o: reverse("sso:oidc_callback") + "?code=x&state=y", every(403)),
    ],
}
