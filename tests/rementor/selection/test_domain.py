from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from rementor.programmes.models import Enrollment, EnrollmentStatus, Role
from rementor.selection import domain
from rementor.selection.models import Commitment, MentorApplication, MentorReview
from rementor.skills.domain import ItemInput
from rementor.skills.models import Assessment
from tests.factories import EnrollmentFactory, PersonFactory, SkillFactory
from tests.rementor.selection.factories import (
    MentorReviewFactory,
    RecruitingProgrammeFactory,
    candidate,
)

PREFERENCES = {"pace": "steady", "style": "hands_on", "mode": "remote", "slots": [1, 5, 9]}


@pytest.fixture
def setting(db):
    skills = SkillFactory.create_batch(2)
    programme = RecruitingProgrammeFactory(max_mentor_capacity=2)
    programme.skills.set(skills)
    return programme, skills


def _apply(programme, person, skills, **overrides):
    arguments = {
        "programme": programme,
        "person": person,
        "motivation": "Je veux partager.",
        "commitment": Commitment.GENEROUS,
        "capacity": 1,
        "items": [
            ItemInput(skill_id=skills[0].pk, level=3, evidence="https://example.org/dashboard"),
            ItemInput(skill_id=skills[1].pk, level=1),
        ],
        "preferences": {**PREFERENCES, "languages": ["fr", "en"]},
        **overrides,
    }
    return domain.submit_application(**arguments)


def test_submit_application_creates_a_mentor_enrolment_and_everything_at_once(setting):
    programme, skills = setting
    person = PersonFactory()
    application = _apply(programme, person, skills)
    enrollment = application.enrollment
    assert (enrollment.role, enrollment.status, enrollment.capacity) == (
        Role.MENTOR,
        EnrollmentStatus.APPLIED,
        1,
    )
    assert enrollment.slots == [1, 5, 9] and enrollment.pace == "steady"
    person.refresh_from_db()
    assert person.languages == ["fr", "en"]
    assessment = Assessment.objects.get(enrollment=enrollment, kind="mentor")
    assert {i.skill_id: i.level for i in assessment.items.all()} == {
        skills[0].pk: 3,
        skills[1].pk: 1,
    }
    assert application.submitted_at is not None


def test_submit_application_uses_the_invitation(setting):
    programme, skills = setting
    invited = EnrollmentFactory(
        programme=programme, role=Role.MENTOR, status=EnrollmentStatus.INVITED
    )
    application = _apply(programme, invited.person, skills)
    assert application.enrollment_id == invited.pk
    assert Enrollment.objects.get(pk=invited.pk).status == EnrollmentStatus.APPLIED


def test_application_can_be_edited_until_decided(setting, manager):
    programme, skills = setting
    person = PersonFactory()
    _apply(programme, person, skills)
    application = _apply(programme, person, skills, motivation="Mieux dit.", capacity=2)
    assert MentorApplication.objects.get().motivation == "Mieux dit."
    assert application.enrollment.capacity == 2
    domain.decide_application(application=application, by=manager, decision="accepted")
    with pytest.raises(ValidationError) as error:
        _apply(programme, person, skills, motivation="Encore.")
    assert error.value.messages == [
        domain.application_blocker(programme=programme, enrollment=application.enrollment)
    ]
    assert MentorApplication.objects.get().motivation == "Mieux dit."


def test_mentee_cannot_apply_as_mentor(setting):
    programme, skills = setting
    mentee = EnrollmentFactory(programme=programme, role=Role.MENTEE)
    with pytest.raises(ValidationError) as error:
        _apply(programme, mentee.person, skills)
    assert error.value.messages == [domain.mentee_conflict_message(programme)]
    assert not MentorApplication.objects.exists()
    assert Enrollment.objects.get(pk=mentee.pk).role == Role.MENTEE


def test_cannot_apply_when_the_programme_does_not_recruit(setting):
    programme, skills = setting
    programme.status = "draft"
    programme.save()
    with pytest.raises(ValidationError):
        _apply(programme, PersonFactory(), skills)
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("capacity", [0, 3])
def test_capacity_stays_within_the_programme_maximum(setting, capacity):
    programme, skills = setting
    with pytest.raises(ValidationError) as error:
        _apply(programme, PersonFactory(), skills, capacity=capacity)
    assert "capacity" in error.value.error_dict
    assert not Enrollment.objects.exists()


def test_evidence_is_required_from_level_2(setting):
    programme, skills = setting
    items = [ItemInput(skill_id=skills[0].pk, level=2, evidence="  ")]
    with pytest.raises(ValidationError) as error:
        _apply(programme, PersonFactory(), skills, items=items)
    assert list(error.value.error_dict) == [f"evidence_{skills[0].pk}"]
    # Level 1 needs none.
    _apply(programme, PersonFactory(), skills, items=[ItemInput(skill_id=skills[0].pk, level=1)])


def test_an_invalid_part_writes_nothing(setting):
    """The preferences fail last (an unknown language): the application and levels roll back."""
    programme, skills = setting
    person = PersonFactory(languages=["fr"])
    with pytest.raises(ValidationError):
        _apply(programme, person, skills, preferences={**PREFERENCES, "languages": ["xx"]})
    assert not Enrollment.objects.exists()
    assert not MentorApplication.objects.exists()
    assert not Assessment.objects.exists()
    person.refresh_from_db()
    assert person.languages == ["fr"]


def test_an_unknown_skill_writes_nothing_on_an_existing_application(setting):
    programme, skills = setting
    person = PersonFactory()
    _apply(programme, person, skills)
    outside = SkillFactory()
    with pytest.raises(ValidationError):
        _apply(
            programme,
            person,
            skills,
            motivation="Changé",
            items=[ItemInput(skill_id=outside.pk, level=0)],
        )
    assert MentorApplication.objects.get().motivation == "Je veux partager."
    assert Assessment.objects.get().items.count() == 2


def test_withdraw_hides_the_candidate_and_deletes_reviews_and_decisions(setting, manager):
    programme, _skills = setting
    application = candidate(programme)
    MentorReviewFactory(application=application)
    domain.decide_application(application=application, by=manager, decision="accepted")
    domain.withdraw_application(enrollment=application.enrollment)
    application.refresh_from_db()
    assert application.enrollment.status == EnrollmentStatus.WITHDRAWN
    assert not MentorReview.objects.exists()
    assert not application.decisions.exists()
    assert application.decided_by is None and application.decision_reason == ""
    with pytest.raises(ValidationError):
        domain.save_review(
            application=application,
            reviewer=manager,
            clarity=3,
            listening=3,
            adaptability=3,
            willingness=3,
        )


def test_withdrawn_candidate_may_apply_again(setting):
    programme, skills = setting
    person = PersonFactory()
    application = _apply(programme, person, skills)
    domain.withdraw_application(enrollment=application.enrollment)
    again = _apply(programme, person, skills)
    assert again.pk == application.pk
    assert again.enrollment.status == EnrollmentStatus.APPLIED


def test_declining_needs_a_reason(setting, manager):
    programme, _skills = setting
    application = candidate(programme)
    with pytest.raises(ValidationError) as error:
        domain.decide_application(application=application, by=manager, decision="declined")
    assert "reason" in error.value.error_dict
    assert application.enrollment.status == EnrollmentStatus.APPLIED


def test_decision_records_who_and_when_and_can_change(setting, manager):
    programme, _skills = setting
    application = candidate(programme)
    domain.decide_application(
        application=application, by=manager, decision="declined", reason="Trop peu dispo."
    )
    domain.decide_application(application=application, by=manager, decision="accepted")
    application.refresh_from_db()
    assert application.enrollment.status == EnrollmentStatus.ACCEPTED
    assert application.decided_by == manager and application.decided_at is not None
    assert [d.decision for d in application.decisions.all()] == ["accepted", "declined"]


def test_review_is_one_per_reviewer_and_validated(setting, manager):
    programme, _skills = setting
    application = candidate(programme)
    ratings = {"clarity": 5, "listening": 4, "adaptability": 3, "willingness": 2}
    domain.save_review(application=application, reviewer=manager, **ratings)
    domain.save_review(application=application, reviewer=manager, **{**ratings, "clarity": 1})
    assert MentorReview.objects.get().clarity == 1
    with pytest.raises(ValidationError):
        domain.save_review(application=application, reviewer=manager, **{**ratings, "clarity": 6})


@pytest.mark.parametrize(
    ("most", "french"),
    [
        (1, "Choisissez 1 mentoré : le programme n’en permet pas davantage."),
        (2, "Choisissez entre 1 et 2 mentorés."),
    ],
)
def test_capacity_beyond_the_programme_maximum_is_refused_in_the_right_plural(
    setting, most, french
):
    programme, skills = setting
    programme.max_mentor_capacity = most
    programme.save()
    with pytest.raises(ValidationError) as refused:
        _apply(programme, PersonFactory(), skills, capacity=most + 1)
    assert refused.value.message_dict["capacity"] == [french]
