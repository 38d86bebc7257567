"""Worked examples, computed by hand in the comments."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rementor.programmes.models import EnrollmentStatus, Role
from rementor.selection import scoring
from rementor.selection.models import Commitment
from rementor.skills.models import AssessmentKind
from tests.factories import EnrollmentFactory, SkillFactory
from tests.rementor.selection.factories import (
    MentorReviewFactory,
    RecruitingProgrammeFactory,
    candidate,
    give_levels,
)

WEIGHTS = {"expertise": 50, "communication": 30, "willingness": 20}


def test_skill_weights_follow_needs_else_are_equal():
    assert scoring.skill_weights({1: 6, 2: 2, 3: 0}, [1, 2, 3]) == {1: 6.0, 2: 2.0}
    assert scoring.skill_weights({}, [1, 2]) == {1: 1.0, 2: 1.0}
    assert scoring.skill_weights({1: 0}, [1, 2]) == {1: 1.0, 2: 1.0}


def test_expertise_weights_proficiency_by_needs():
    # Needs 6 on skill 1 (level 4 -> 1.0) and 2 on skill 2 (level 1 -> 0.25):
    # (6 * 1.0 + 2 * 0.25) / 8 = 6.5 / 8 = 0.8125. Skill 3 is not needed: it does not count.
    weights = scoring.skill_weights({1: 6, 2: 2}, [1, 2, 3])
    assert scoring.expertise_score({1: 4, 2: 1, 3: 0}, weights) == pytest.approx(0.8125)
    # A skill left unrated counts as 0: (6 * 1.0 + 2 * 0) / 8 = 0.75.
    assert scoring.expertise_score({1: 4}, weights) == pytest.approx(0.75)
    assert scoring.expertise_score({1: 4}, {}) is None


def test_communication_is_the_mean_of_three_questions_on_0_1():
    # (5 + 4 + 3) / 3 = 4 -> (4 - 1) / 4 = 0.75
    assert scoring.communication_score(5, 4, 3) == pytest.approx(0.75)
    assert scoring.communication_score(1, 1, 1) == 0
    assert scoring.communication_score(None, None, None) is None


def test_willingness_is_half_review_half_commitment():
    # Review 4 -> 0.75; commitment 2 of 1..3 -> 0.5; (0.75 + 0.5) / 2 = 0.625
    assert scoring.willingness_score(4, Commitment.SOME_EXTRA) == pytest.approx(0.625)
    assert scoring.willingness_score(5, Commitment.GENEROUS) == 1
    assert scoring.willingness_score(None, Commitment.GENEROUS) is None


def test_overall_renormalises_over_available_parts():
    parts = {"expertise": 0.8125, "communication": 0.75, "willingness": 0.625}
    # (50 * 0.8125 + 30 * 0.75 + 20 * 0.625) / 100 = (40.625 + 22.5 + 12.5) / 100 = 0.75625
    assert scoring.overall_score(parts, WEIGHTS) == pytest.approx(0.75625)
    # No review yet: expertise alone, 50 / 50.
    pending = {"expertise": 0.8125, "communication": None, "willingness": None}
    assert scoring.overall_score(pending, WEIGHTS) == pytest.approx(0.8125)
    # A zero weight drops its part.
    assert scoring.overall_score(parts, {**WEIGHTS, "expertise": 0}) == pytest.approx(0.7)
    assert scoring.overall_score(pending, {**WEIGHTS, "expertise": 0}) is None


def test_score_marks_review_pending():
    result = scoring.score(
        levels={1: 2},
        skill_weights={1: 1.0},
        review={},
        commitment=Commitment.CADENCE,
        weights=WEIGHTS,
    )
    assert result.review_pending
    assert (result.expertise, result.overall) == (0.5, 0.5)


@pytest.mark.django_db
def test_score_candidates_from_the_database():
    """Same worked example as above, end to end through the needs of two mentees."""
    programme = RecruitingProgrammeFactory()
    needed, less, unused = SkillFactory.create_batch(3)
    programme.skills.set([needed, less, unused])
    # Mentee A: gap 2 x priority 3 = 6 on ``needed``; mentee B: gap 1 x priority 2 = 2 on ``less``.
    a = EnrollmentFactory(programme=programme, role=Role.MENTEE)
    b = EnrollmentFactory(programme=programme, role=Role.MENTEE)
    give_levels(a, {needed: (1, 3, 3)}, kind=AssessmentKind.BASELINE)
    give_levels(b, {less: (2, 3, 2)}, kind=AssessmentKind.BASELINE)

    reviewed = candidate(
        programme, levels={needed: 4, less: 1, unused: 4}, commitment=Commitment.SOME_EXTRA
    )
    # Two reviews: means clarity 5, listening 4, adaptability 3, willingness 4.
    MentorReviewFactory(application=reviewed, clarity=5, listening=5, adaptability=2, willingness=3)
    MentorReviewFactory(application=reviewed, clarity=5, listening=3, adaptability=4, willingness=5)
    pending = candidate(programme, levels={needed: 2})
    candidate(programme, status=EnrollmentStatus.WITHDRAWN)

    scores = {c.application.pk: c.score for c in scoring.score_candidates(programme)}
    assert set(scores) == {reviewed.pk, pending.pk}
    assert scores[reviewed.pk].expertise == pytest.approx(0.8125)
    assert scores[reviewed.pk].communication == pytest.approx(0.75)
    assert scores[reviewed.pk].willingness == pytest.approx(0.625)
    assert scores[reviewed.pk].overall == pytest.approx(0.75625)
    # (6 * 0.5 + 2 * 0) / 8 = 0.375; no review: overall = expertise.
    assert scores[pending.pk].expertise == pytest.approx(0.375)
    assert scores[pending.pk].review_pending
    assert scores[pending.pk].overall == pytest.approx(0.375)


def _fake(name: str, overall, expertise=0.5):
    person = SimpleNamespace(last_name=name, first_name="")
    enrollment = SimpleNamespace(person=person, status="applied")
    return scoring.Candidate(
        application=SimpleNamespace(enrollment=enrollment),
        review_count=0,
        score=scoring.Score(expertise, None if overall is None else 0.5, None, overall),
    )


def test_sort_candidates_by_any_column_missing_scores_last():
    ann, bob, cid = _fake("Ann", 0.2, 0.9), _fake("Bob", None, 0.1), _fake("Cid", 0.7, 0.5)
    people = [ann, bob, cid]

    def names(sort):
        ordered, _sort = scoring.sort_candidates(people, sort)
        return [c.person.last_name for c in ordered]

    assert names("-overall") == ["Cid", "Ann", "Bob"]
    assert names("overall") == ["Ann", "Cid", "Bob"]
    assert names("expertise") == ["Bob", "Cid", "Ann"]
    assert names("-name") == ["Cid", "Bob", "Ann"]
    assert names("nonsense") == names("-overall")
    assert scoring.sort_candidates(people, "nonsense")[1] == "-overall"
