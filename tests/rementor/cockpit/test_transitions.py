"""The moves of a programme (``cockpit.transitions``): each blocker and warning, closing with
the pairs completed or ended in one transaction, starting and closing early, reopening."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from rementor.cockpit import transitions
from rementor.cockpit.transitions import facts, move_programme
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.lifecycle import pause_pair
from rementor.privacy.models import ProgrammePurge
from rementor.programmes.models import Programme, ProgrammeStatus
from rementor.training.models import TrainingModule
from tests.rementor.cockpit.factories import (
    applications,
    closed_days_ago,
    mentees_invited,
    mentees_with_needs,
    mentors_accepted,
    pairs,
    programme_at,
    published_run,
)
from tests.rementor.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db


def _blockers(programme, to):
    with translation.override("en"):
        return [
            n.text
            for n in transitions.blockers(
                programme=programme, to=to, known=facts(programme=programme)
            )
        ]


def _warnings(programme, to):
    with translation.override("en"):
        return [
            n.text
            for n in transitions.warnings(
                programme=programme, to=to, known=facts(programme=programme)
            )
        ]


# ------------------------------------------------------------------------------ blockers


def test_matching_is_refused_without_an_accepted_mentor_or_any_needs():
    programme = programme_at("recruiting")
    mentees_invited(programme, 2)
    found = _blockers(programme, "matching")
    assert len(found) == 2
    assert found[0].startswith("No mentor has been accepted yet")
    assert found[1].startswith("No mentee has given their needs yet")
    mentors_accepted(programme, 1)
    mentees_with_needs(programme, 1)
    assert _blockers(programme, "matching") == []


def test_without_an_accepted_mentor_the_link_says_what_there_is_to_do():
    """Nothing to decide while nobody has applied: the link leads to the candidates, and
    says "decide" only when applications wait."""
    programme = programme_at("recruiting")

    def link():
        with translation.override("en"):
            (notice,) = [
                n
                for n in transitions.blockers(
                    programme=programme, to="matching", known=facts(programme=programme)
                )
                if n.text.startswith("No mentor")
            ]
            return str(notice.link)

    assert link() == "Mentor candidates"
    applications(programme, 2)
    assert link() == "Decide on the mentor applications"


def test_running_is_refused_without_a_published_run_or_an_active_pair():
    programme = programme_at("matching")
    published_run(programme, published=False)
    assert _blockers(programme, "running") == [
        "No matching run has been published yet.",
        "The programme has no active pair.",
    ]
    published_run(programme)
    assert _blockers(programme, "running") == ["The programme has no active pair."]
    pairs(programme, 1)
    assert _blockers(programme, "running") == []


def test_a_paused_pair_alone_does_not_let_the_programme_run(manager):
    programme = programme_at("matching")
    published_run(programme)
    (pair,) = pairs(programme, 1)
    pause_pair(pair=pair, by=manager, reason="Holiday")
    assert _blockers(programme, "running") == ["The programme has no active pair."]


def test_an_illegal_move_is_a_blocker_naming_the_legal_ones():
    programme = programme_at("draft")
    (found,) = _blockers(programme, "closed")
    assert "Draft" in found and "Recruiting" in found


def test_reopening_after_31_days_is_refused():
    programme = programme_at("running")
    closed_days_ago(programme, 31)
    (found,) = _blockers(programme, "running")
    assert "only within 30 days of its closing" in found
    with pytest.raises(ValidationError):
        move_programme(programme=programme, to="running", by=None)
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.CLOSED


# ------------------------------------------------------------------------------ warnings


def test_matching_warns_of_missing_needs_and_undecided_applications():
    programme = programme_at("recruiting")
    mentors_accepted(programme, 1)
    mentees_with_needs(programme, 1)
    mentees_invited(programme, 2)
    applications(programme, 3)
    found = _warnings(programme, "matching")
    assert found[0].startswith("1 of 3 mentees has given their needs.")
    assert found[1].startswith("3 mentor applications wait for a decision.")


def test_running_warns_of_mentees_without_a_mentor_and_training_left():
    programme = programme_at("matching")
    published_run(programme)
    pairs(programme, 1)
    mentees_with_needs(programme, 2)
    TrainingModule.objects.create(
        programme=programme, audience="both", title_fr="A", title_en="A", body_fr="x", body_en="x"
    )
    found = _warnings(programme, "running")
    assert "Matching: 2 mentees without a mentor." in found
    # Four people take part (the pair's two and the two unpaired mentees), none trained.
    assert any(
        text.startswith("Training: none of the 4 participants has finished") for text in found
    )


def test_moving_back_says_what_is_kept():
    programme = programme_at("matching")
    with translation.override("en"):
        lines = transitions.consequences(
            programme=programme, to="recruiting", known=facts(programme=programme)
        )
    assert any(line.startswith("Kept:") for line in lines)
    programme = programme_at("recruiting")
    with translation.override("fr"):
        lines = transitions.consequences(
            programme=programme, to="draft", known=facts(programme=programme)
        )
    assert any(line.startswith("Conservé") for line in lines)


# ------------------------------------------------------------------------------ closing


def _running_with_pairs(count):
    programme = programme_at("running")
    made = pairs(programme, count)
    return programme, made


def test_close_completing_the_pairs_closes_them_and_tells_their_members(
    manager, django_capture_on_commit_callbacks
):
    programme = programme_at("running")
    make_pair(programme=programme)
    make_pair(programme=programme)
    with django_capture_on_commit_callbacks(execute=True):
        move_programme(
            programme=programme, to="closed", by=manager, close_early=True, pairs="complete"
        )
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.CLOSED
    assert programme.end_date == timezone.localdate()
    assert set(Pair.objects.filter(programme=programme).values_list("status", flat=True)) == {
        PairStatus.COMPLETED
    }
    assert len(mail.outbox) == 4  # both members of two pairs
    assert all("terminé" in message.subject for message in mail.outbox)


def test_close_ending_the_pairs_needs_a_reason_and_keeps_everything_without_one(manager):
    programme, made = _running_with_pairs(1)
    with pytest.raises(ValidationError) as error:
        move_programme(
            programme=programme, to="closed", by=manager, close_early=True, pairs="end", reason="  "
        )
    assert "reason" in error.value.message_dict
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.RUNNING
    assert Pair.objects.get(pk=made[0].pk).status == PairStatus.ACTIVE
    move_programme(
        programme=programme,
        to="closed",
        by=manager,
        close_early=True,
        pairs="end",
        reason="Budget cut",
    )
    pair = Pair.objects.get(pk=made[0].pk)
    assert (pair.status, pair.status_reason) == (PairStatus.ENDED, "Budget cut")


def test_close_without_saying_what_happens_to_the_pairs_is_refused(manager):
    programme, _made = _running_with_pairs(1)
    with pytest.raises(ValidationError) as error:
        move_programme(programme=programme, to="closed", by=manager, close_early=True)
    assert "pairs" in error.value.message_dict
    assert Programme.objects.get(pk=programme.pk).status == ProgrammeStatus.RUNNING


def test_paused_pairs_are_closed_too(manager):
    programme, (pair,) = _running_with_pairs(1)
    pause_pair(pair=pair, by=manager, reason="Holiday")
    move_programme(programme=programme, to="closed", by=manager, close_early=True, pairs="complete")
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.COMPLETED


def test_a_refused_status_change_rolls_the_pairs_back(manager):
    # Closing before the end date without saying so: the domain refuses after the pairs were
    # completed in the same transaction, so they are active again.
    programme, (pair,) = _running_with_pairs(1)
    with pytest.raises(ValidationError) as error:
        move_programme(programme=programme, to="closed", by=manager, pairs="complete")
    assert "close_early" in error.value.message_dict
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.ACTIVE
    assert Programme.objects.get(pk=programme.pk).status == ProgrammeStatus.RUNNING


def test_closing_on_the_end_date_needs_no_close_early(manager):
    programme = programme_at("running", end_date=timezone.localdate())
    move_programme(programme=programme, to="closed", by=manager)
    assert Programme.objects.get(pk=programme.pk).status == ProgrammeStatus.CLOSED


# ------------------------------------------------------------------------------ dates


def _ready_to_run(**dates):
    programme = programme_at("matching", **dates)
    published_run(programme)
    pairs(programme, 1)
    return programme


def test_starting_before_the_start_date_needs_start_early(manager):
    today = timezone.localdate()
    programme = _ready_to_run(
        start_date=today + dt.timedelta(days=10), end_date=today + dt.timedelta(days=100)
    )
    with pytest.raises(ValidationError) as error:
        move_programme(programme=programme, to="running", by=manager)
    assert "start_early" in error.value.message_dict
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.MATCHING
    assert programme.start_date == today + dt.timedelta(days=10)
    move_programme(programme=programme, to="running", by=manager, start_early=True)
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.RUNNING
    assert programme.start_date == today <= programme.end_date


# ------------------------------------------------------------------------------ reopening


def test_reopening_within_30_days_is_recorded_and_audited(manager):
    programme = programme_at("running")
    closed_days_ago(programme, 29)
    move_programme(programme=programme, to="running", by=manager)
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.RUNNING
    last = programme.history.first()
    assert (last.from_status, last.to_status, last.changed_by) == ("closed", "running", manager)
    assert last.is_reopening
    event = LogEntry.objects.filter(additional_data__event="programme_reopened").get()
    assert (event.actor, event.object_pk) == (manager, str(programme.pk))


def test_a_purged_programme_cannot_be_reopened():
    programme = programme_at("running")
    closed_days_ago(programme, 1)
    ProgrammePurge.objects.create(programme=programme)
    assert _blockers(programme, "running") == [
        "Its texts were cleared by the retention rule: it stays closed."
    ]


def test_reopening_warns_of_a_past_end_date_and_of_no_active_pair():
    today = timezone.localdate()
    programme = programme_at(
        "running", start_date=today - dt.timedelta(days=60), end_date=today - dt.timedelta(days=2)
    )
    closed_days_ago(programme, 1)
    found = _warnings(programme, "running")
    assert found[0].startswith("Its end date,") and "has passed" in found[0]
    assert found[1] == "It has no active pair: pairs completed or ended stay so."


def test_running_warns_of_a_run_left_unpublished_and_closing_of_training_left():
    programme = programme_at("matching")
    published_run(programme, published=False)
    assert "A finished run waits to be published." in _warnings(programme, "running")
    running = programme_at("running")
    pairs(running, 1)
    TrainingModule.objects.create(
        programme=running, audience="mentor", title_fr="A", title_en="A", body_fr="x", body_en="x"
    )
    # Only the mentor has a module to take: 1 of the 2 people taking part.
    assert _warnings(running, "closed") == ["Training: 1 of 2 participants has modules left."]
