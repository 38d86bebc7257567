from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import client_for


@pytest.mark.parametrize(("language", "heading"), [("fr", "Personal data"), ("en", "Who sees it")])
def test_privacy_notice_for_anonymous_visitors(db, settings, language, heading):
    settings.RM_RETENTION_MONTHS = 18
    settings.RM_PRIVATE_NOTES_DAYS = 45
    response = client_for(None).get(reverse("privacy:notice"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert "18" in html and "45" in html
    assert 'data-testid="retention"' in html


def test_privacy_notice_is_linked_from_login_and_footer(db):
    html = client_for(None).get(reverse("login")).content.decode()
    assert html.count(reverse("privacy:notice")) == 2


def test_account_link_in_the_menu(pair_member):
    html = client_for(pair_member).get(reverse("home")).content.decode()
    assert f'href="{reverse("privacy:profile")}"' in html
