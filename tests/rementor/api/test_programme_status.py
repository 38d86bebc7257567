"""``POST /api/v1/programmes/<id>/status/`` keeps the rules of the closing page: no closed
programme with active pairs, start and close early said explicitly, reopening within 30 days."""

import datetime as dt

import pytest
from django.utils import timezone

from rementor.matching.models import PairStatus
from rementor.programmes.models import Programme, ProgrammeStatus
from tests.rementor.api.factories import token_client
from tests.rementor.cockpit.factories import closed_days_ago, pairs, programme_at

pytestmark = pytest.mark.django_db


def _post(user, programme, **data):
    return token_client(user).post(
        f"/api/v1/programmes/{programme.pk}/status/", data, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )


def test_closing_with_active_pairs_is_refused_naming_the_fix(manager):
    programme = programme_at("running")
    (pair,) = pairs(programme, 1)
    response = _post(manager, programme, to="closed", close_early=True)
    assert response.status_code == 400
    (message,) = response.json()["non_field_errors"]
    assert "still has 1 active or paused pair" in message
    assert "Complete it or end it first" in message
    assert Programme.objects.get(pk=programme.pk).status == ProgrammeStatus.RUNNING
    assert not programme.history.exists()
    pair.status = PairStatus.COMPLETED
    pair.save()
    assert _post(manager, programme, to="closed", close_early=True).json()["status"] == "closed"


def test_closing_before_the_end_date_needs_close_early(manager):
    programme = programme_at("running")
    response = _post(manager, programme, to="closed")
    assert response.status_code == 400
    assert "close early" in response.json()["non_field_errors"][0]
    response = _post(manager, programme, to="closed", close_early=True)
    assert response.status_code == 200
    assert response.json()["end_date"] == timezone.localdate().isoformat()


def test_starting_before_the_start_date_needs_start_early(manager):
    today = timezone.localdate()
    programme = programme_at(
        "matching", start_date=today + dt.timedelta(days=3), end_date=today + dt.timedelta(days=60)
    )
    assert _post(manager, programme, to="running").status_code == 400
    response = _post(manager, programme, to="running", start_early=True)
    assert response.status_code == 200
    assert response.json()["start_date"] == today.isoformat()


def test_reopening_within_30_days_and_not_after(manager):
    recent, old = programme_at("running"), programme_at("running")
    closed_days_ago(recent, 29)
    closed_days_ago(old, 31)
    assert _post(manager, recent, to="running").json()["status"] == "running"
    response = _post(manager, old, to="running")
    assert response.status_code == 400
    assert "only within 30 days" in response.json()["non_field_errors"][0]
    assert Programme.objects.get(pk=old.pk).status == ProgrammeStatus.CLOSED
