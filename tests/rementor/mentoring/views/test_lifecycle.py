"""The page that pauses, resumes, completes or ends a pair."""

import pytest
from django.urls import reverse

from rementor.matching.models import PairStatus
from tests.factories import client_for
from tests.rementor.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db


def test_pair_status_view_manager_ends_pair(manager, django_capture_on_commit_callbacks):
    pair, _mentee_user, _mentor_user = make_pair()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).post(
            reverse("mentoring:pair_status", args=[pair.pk]),
            {"move": "end", "reason": "Workload"},
        )

    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.ENDED


def test_pair_status_view_keeps_input_when_reason_missing():
    pair, mentee_user, _mentor_user = make_pair()

    response = client_for(mentee_user).post(
        reverse("mentoring:pair_status", args=[pair.pk]), {"move": "pause", "reason": ""}
    )

    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE


def test_pair_status_view_refuses_move_not_allowed():
    pair, mentee_user, _mentor_user = make_pair()

    response = client_for(mentee_user).post(
        reverse("mentoring:pair_status", args=[pair.pk]), {"move": "resume"}
    )

    assert response.status_code == 200
    assert "move" in response.context["form"].errors


def test_pair_status_view_hidden_from_sponsor(sponsor):
    pair, _mentee_user, _mentor_user = make_pair()

    response = client_for(sponsor).get(reverse("mentoring:pair_status", args=[pair.pk]))

    assert response.status_code == 404
