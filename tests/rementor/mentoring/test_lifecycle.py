import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from rementor.matching.models import PairStatus
from rementor.mentoring import lifecycle
from rementor.mentoring.models import SessionStatus
from tests.conftest import client_for
from tests.rementor.mentoring.factories import make_pair
from tests.rementor.mentoring.test_sessions import planned

pytestmark = pytest.mark.django_db


def test_pause_pair_needs_a_reason():
    pair, mentee_user, _mentor_user = make_pair()

    with pytest.raises(ValidationError):
        lifecycle.pause_pair(pair=pair, by=mentee_user, reason="  ")

    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE


def test_pause_then_resume_pair():
    pair, mentee_user, _mentor_user = make_pair()

    lifecycle.pause_pair(pair=pair, by=mentee_user, reason="Budget season")
    pair.refresh_from_db()
    assert (pair.status, pair.status_reason) == (PairStatus.PAUSED, "Budget season")

    lifecycle.resume_pair(pair=pair, by=mentee_user)
    pair.refresh_from_db()
    assert (pair.status, pair.status_reason) == (PairStatus.ACTIVE, "")


def test_resume_refused_for_active_pair():
    pair, mentee_user, _mentor_user = make_pair()

    with pytest.raises(ValidationError):
        lifecycle.resume_pair(pair=pair, by=mentee_user)


def test_end_pair_records_reason_and_tells_both(django_capture_on_commit_callbacks, manager):
    pair, mentee_user, mentor_user = make_pair()

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.end_pair(pair=pair, by=manager, reason="Mentor left the company (private)")

    pair.refresh_from_db()
    assert pair.status == PairStatus.ENDED
    assert pair.status_reason == "Mentor left the company (private)"
    assert pair.ended_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee_user.email, mentor_user.email])
    assert all("private" not in m.body for m in mail.outbox)


def test_end_pair_needs_a_reason(manager):
    pair, _mentee_user, _mentor_user = make_pair()

    with pytest.raises(ValidationError):
        lifecycle.end_pair(pair=pair, by=manager, reason="")


def test_complete_pair_cancels_planned_sessions(django_capture_on_commit_callbacks):
    pair, mentee_user, mentor_user = make_pair()
    session = planned(pair, mentor_user, days=5)

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.complete_pair(pair=pair, by=mentee_user)

    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert session.sequence == 1
    cancels = [m for m in mail.outbox if m.attachments]
    assert len(cancels) == 2
    assert icalendar.Calendar.from_ical(cancels[0].attachments[0].content)["method"] == "CANCEL"


def test_closed_pair_cannot_change_again(manager):
    pair, _mentee_user, _mentor_user = make_pair()
    pair = lifecycle.complete_pair(pair=pair, by=manager)

    with pytest.raises(ValidationError):
        lifecycle.end_pair(pair=pair, by=manager, reason="Too late")
    assert lifecycle.allowed_moves(pair) == []


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
