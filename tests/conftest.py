"""Shared fixtures: the role trio of the house style, plus a sponsor and the programme."""

from __future__ import annotations

import pytest
from django.test import Client

from rementor.programmes.models import Role
from tests.factories import PASSWORD, EnrollmentFactory, ProgrammeFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _french_by_default(settings):
    settings.LANGUAGE_CODE = "fr"


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="Programme pilote", slug="pilote")


@pytest.fixture
def manager(db):
    return UserFactory(email="hr@example.org", is_programme_manager=True)


@pytest.fixture
def sponsor(db):
    return UserFactory(email="exec@example.org", is_sponsor=True)


@pytest.fixture
def pair_member(programme):
    """A participant of ``programme`` (a mentee)."""
    user = UserFactory(email="participant@example.org")
    EnrollmentFactory(programme=programme, person=user.person, role=Role.MENTEE)
    return user


@pytest.fixture
def stranger(db):
    """A participant of another programme: must not even learn ``programme`` exists."""
    user = UserFactory(email="stranger@example.org")
    EnrollmentFactory(person=user.person, role=Role.MENTOR)
    return user


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        assert client.login(username=user.email, password=PASSWORD)
    return client
