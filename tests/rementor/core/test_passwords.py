"""Passwords are stored as Argon2id at the parameters rementor.core.passwords gives, and a hash
made before (PBKDF2, or Argon2 with other parameters) still signs its owner in and is
upgraded on that sign-in."""

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.test import override_settings
from django.urls import reverse

from rementor.core.passwords import RementorArgon2PasswordHasher
from tests.factories import UserFactory

REAL = {"PASSWORD_HASHERS": __import__("rementor.settings", fromlist=["x"]).PASSWORD_HASHERS}


@override_settings(**REAL)
def test_a_new_password_is_argon2id_at_19_mib_2_passes_1_lane():
    encoded = make_password("correct horse battery")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("correct horse battery", encoded)
    assert not check_password("correct horse batterY", encoded)


@pytest.mark.django_db
@override_settings(**REAL)
@pytest.mark.parametrize(
    "old_hasher",
    [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",  # Django's own parameters
    ],
)
def test_an_older_hash_signs_in_and_is_upgraded(client, old_hasher):
    user = UserFactory()
    with override_settings(PASSWORD_HASHERS=[old_hasher]):
        user.set_password("an older password 42")
        user.save()
    old = user.password
    response = client.post(
        reverse("login"), {"username": user.email, "password": "an older password 42"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password != old
    assert identify_hasher(user.password).algorithm == "argon2"
    assert not RementorArgon2PasswordHasher().must_update(user.password)


@pytest.mark.django_db
@override_settings(**REAL)
def test_a_wrong_password_on_an_older_hash_changes_nothing(client):
    user = UserFactory()
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        user.set_password("an older password 42")
        user.save()
    old = user.password
    response = client.post(reverse("login"), {"username": user.email, "password": "not it"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.password == old
