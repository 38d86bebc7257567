"""Sessions: 30-minute idle timeout, 12-hour absolute limit, deactivated users signed out."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rementor.core.session_limits import SEEN_AT, SIGNED_IN_AT
from rementor.people.models import Person
from tests.factories import PASSWORD, UserFactory, client_for, log_in_through_form

pytestmark = pytest.mark.django_db


def is_signed_in(client: Client) -> bool:
    response = client.get(reverse("home"))
    return "signed-in-as" in response.content.decode()


def _session_expires_in(minutes: float) -> None:
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(minutes=minutes))


def test_sessions_idle_timeout_is_30_minutes_renewed_while_used():
    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    client = client_for(UserFactory())
    session = client.session
    session[SEEN_AT] = time.time() - 61
    session.save()
    _session_expires_in(1)

    client.get(reverse("home"))

    left = Session.objects.get().expire_date - timezone.now()
    assert dt.timedelta(minutes=29) < left <= dt.timedelta(minutes=30)
    assert client.cookies[django_settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60


def test_sessions_are_not_saved_again_within_the_minute():
    client = client_for(UserFactory())
    _session_expires_in(20)
    client.get(reverse("home"))
    left = Session.objects.get().expire_date - timezone.now()
    assert left < dt.timedelta(minutes=21)


def test_sessions_idle_for_30_minutes_signs_out():
    client = client_for(UserFactory())
    assert is_signed_in(client)
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert not is_signed_in(client)


def test_sessions_sign_in_time_is_stored_at_login():
    user = UserFactory()
    client = Client()
    before = time.time()
    log_in_through_form(client, email=user.email, password=PASSWORD)
    assert before <= client.session[SIGNED_IN_AT] <= time.time()


def _signed_in_hours_ago(client: Client, hours: float) -> None:
    session = client.session
    session[SIGNED_IN_AT] = time.time() - hours * 3600
    session.save()


def test_sessions_end_12_hours_after_sign_in_however_active():
    client = client_for(UserFactory())
    _signed_in_hours_ago(client, 11.9)
    assert is_signed_in(client)

    _signed_in_hours_ago(client, 12.1)
    response = client.get(reverse("home"))

    assert "signed-in-as" not in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Pages that need a person send them to the login page, as after an idle timeout.
    response = client.get(reverse("people:import_start"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_sessions_absolute_limit_comes_from_settings(settings):
    settings.RM_SESSION_MAX_HOURS = 1
    client = client_for(UserFactory())
    _signed_in_hours_ago(client, 1.1)
    assert not is_signed_in(client)


def test_sessions_started_before_the_limit_existed_get_a_fresh_clock():
    client = client_for(UserFactory())
    session = client.session
    session.pop(SIGNED_IN_AT, None)
    session.save()

    assert is_signed_in(client)
    assert time.time() - client.session[SIGNED_IN_AT] < 60


def test_sessions_deactivated_user_loses_access_on_next_request():
    # The session records EmailBackend (axes' and rules' backends never sign anyone in), and
    # ModelBackend.get_user refuses inactive users: no extra code needed, but kept tested.
    user = UserFactory()
    client = Client()
    log_in_through_form(client, email=user.email, password=PASSWORD)
    assert client.session["_auth_user_backend"] == "rementor.people.backends.EmailBackend"
    assert is_signed_in(client)

    user.is_active = False
    user.save(update_fields=["is_active"])

    assert not is_signed_in(client)
    assert client.get(reverse("people:import_start")).status_code == 302


def test_sessions_person_who_left_is_signed_out_even_if_the_account_is_active():
    # A leaver deactivated before accounts were closed with them: the session is refused
    # on the next request, and emptied.
    user = UserFactory()
    client = Client()
    log_in_through_form(client, email=user.email, password=PASSWORD)
    assert is_signed_in(client)

    Person.objects.filter(pk=user.person_id).update(is_active=False)

    assert not is_signed_in(client)
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("people:import_start")).status_code == 302


def test_sessions_account_without_employee_record_stays_signed_in():
    client = client_for(UserFactory(person=None))
    assert is_signed_in(client)
    assert is_signed_in(client)


def _signed_in_with(settings, engine: str):
    settings.SESSION_ENGINE = engine
    user = UserFactory()
    client = Client()
    log_in_through_form(client, email=user.email, password=PASSWORD)
    assert is_signed_in(client)
    return user, client


@pytest.mark.parametrize(
    "engine",
    ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"],
)
def test_end_sessions_deletes_stored_sessions_of_those_users_only(settings, engine):
    from django.contrib.sessions.backends.base import SessionBase
    from django.utils.module_loading import import_string

    from rementor.core.session_limits import end_sessions

    leaver, leaver_client = _signed_in_with(settings, engine)
    _stays, stays_client = _signed_in_with(settings, engine)
    key = leaver_client.session.session_key
    store: type[SessionBase] = import_string(f"{engine}.SessionStore")

    assert end_sessions(user_ids=[leaver.pk]) == {leaver.pk: 1}

    # Gone from the database and from the cache: another worker finds nothing either.
    assert not store().exists(key)
    assert store(session_key=key).load() == {}
    assert not is_signed_in(leaver_client)
    assert is_signed_in(stays_client)


def test_end_sessions_with_cache_sessions_relies_on_the_backend(settings):
    # Cache sessions cannot be listed: nothing is deleted, but the deactivated account's
    # session is refused at its next request and emptied.
    from rementor.core.session_limits import end_sessions

    user, client = _signed_in_with(settings, "django.contrib.sessions.backends.cache")
    assert end_sessions(user_ids=[user.pk]) == {}
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert not is_signed_in(client)
    assert "_auth_user_id" not in client.session
