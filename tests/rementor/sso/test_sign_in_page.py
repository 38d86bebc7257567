"""The sign-in page with single sign-on: the company's button, and the password switch
(participants through the company only; managers keep a break-glass password)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory, log_in_through_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def oidc_on(settings):
    settings.RM_OIDC_ENABLED = True
    settings.RM_SSO_COMPANY_NAME = "Acme"


def test_sign_in_page_without_sso_has_no_button(client):
    page = client.get(reverse("login")).content.decode()
    assert 'data-testid="sso-buttons"' not in page


def test_sign_in_page_shows_the_company_button(client, oidc_on):
    page = client.get(reverse("login") + "?next=/skills/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Sign in with Acme" in html
    assert f'href="{reverse("sso:oidc_login")}?next=/skills/"' in html


def test_sign_in_page_button_in_french(client, oidc_on):
    assert "Se connecter avec Acme" in client.get(reverse("login")).content.decode()


def test_sign_in_page_button_without_company_name(client, oidc_on, settings):
    settings.RM_SSO_COMPANY_NAME = ""
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sign in with your company account" in html


def test_password_sign_in_off_refuses_a_participant_with_the_right_password(settings, oidc_on):
    settings.RM_PASSWORD_LOGIN = False
    user = UserFactory()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = log_in_through_form(client, email=user.email, password=PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Participants sign in with their company account" in response.content.decode()


def test_password_sign_in_off_keeps_the_managers_break_glass(settings, oidc_on):
    settings.RM_PASSWORD_LOGIN = False
    manager = UserFactory(is_programme_manager=True)
    client = Client()
    response = log_in_through_form(client, email=manager.email, password=PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(manager.pk)
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("login")).content.decode()
    assert "Programme managers: sign in with a password" in page


def test_password_sign_in_off_does_not_count_as_a_failed_sign_in(settings, oidc_on):
    # The password matched: django-axes must not lock the person out for trying it.
    from axes.models import AccessAttempt

    settings.RM_PASSWORD_LOGIN = False
    user = UserFactory()
    for _ in range(6):
        log_in_through_form(Client(), email=user.email, password=PASSWORD)
    assert not AccessAttempt.objects.exists()


def test_password_sign_in_on_by_default_for_participants():
    user = UserFactory()
    client = Client()
    assert log_in_through_form(client, email=user.email, password=PASSWORD).status_code == 302


def test_password_sign_in_off_sends_no_reset_link_to_a_participant(settings, mailoutbox):
    # A password they could not use would only confuse them; managers still get theirs.
    settings.RM_PASSWORD_LOGIN = False
    participant = UserFactory()
    manager = UserFactory(is_programme_manager=True)
    for user in (participant, manager):
        Client().post(reverse("password_reset"), {"email": user.email})
    assert [m.to for m in mailoutbox] == [[manager.email]]


def test_invitation_link_with_password_sign_in_off_leads_to_the_company_button(settings, oidc_on):
    from rementor.programmes.invitations import join_url

    settings.RM_PASSWORD_LOGIN = False
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    response = Client().get(join_url(user) + "?next=/skills/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=%2Fskills%2F"
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_invitation_link_still_chooses_a_password_by_default():
    from rementor.programmes.invitations import join_url

    user = UserFactory()
    assert Client().get(join_url(user)).status_code == 200


def test_password_sign_in_off_without_sso_fails_the_system_check(settings):
    from rementor.sso.config import check_someone_can_sign_in

    assert check_someone_can_sign_in() == []
    settings.RM_PASSWORD_LOGIN = False
    assert [e.id for e in check_someone_can_sign_in()] == ["rementor.sso.E001"]
    settings.RM_OIDC_ENABLED = True
    assert check_someone_can_sign_in() == []
