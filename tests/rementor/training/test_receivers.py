"""Training reacts to a new programme: it arrives with the modules shipped with the product."""

from __future__ import annotations

import datetime as dt

import pytest

from rementor.programmes.domain import create_programme
from rementor.programmes.models import Programme
from rementor.training import receivers
from rementor.training.models import TrainingModule
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DATES = {"start_date": dt.date(2027, 1, 10), "end_date": dt.date(2027, 7, 10)}


def test_a_new_programme_comes_with_the_default_modules():
    manager = UserFactory(is_programme_manager=True)

    programme = create_programme(by=manager, name="Programme 2027", **DATES)

    codes = set(TrainingModule.objects.filter(programme=programme).values_list("code", flat=True))
    assert {"confidentiality", "objectives", "teaching-senior", "dynamic"} <= codes


def test_no_programme_is_left_without_its_modules(monkeypatch):
    # The modules are installed inside the creating transaction: if that fails, no programme.
    def broken(*, programme):
        raise RuntimeError("disk full")

    monkeypatch.setattr(receivers, "install_default_modules", broken)
    manager = UserFactory(is_programme_manager=True)

    with pytest.raises(RuntimeError):
        create_programme(by=manager, name="Programme 2027", **DATES)

    assert not Programme.objects.filter(name="Programme 2027").exists()
