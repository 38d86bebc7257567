"""Objectives' domain: both parties' objectives, their adjustments and target dates."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rementor.mentoring import objectives as domain
from rementor.mentoring.models import Objective, ObjectiveChange
from rementor.skills.models import Skill
from tests.factories import UserFactory
from tests.rementor.mentoring.factories import day_of, make_objective, make_pair


@pytest.mark.django_db
def test_add_objective_mentee_needs_a_skill_of_the_programme():
    pair, mentee_user, _ = make_pair()
    with pytest.raises(ValidationError) as error:
        make_objective(pair, mentee_user, skill=None)
    assert "skill" in error.value.message_dict
    outside = Skill.objects.exclude(pk__in=pair.programme.skills.all()).first()
    with pytest.raises(ValidationError) as error:
        make_objective(pair, mentee_user, skill=outside)
    assert "skill" in error.value.message_dict


@pytest.mark.django_db
def test_add_objective_mentor_needs_an_area_and_drops_the_skill():
    pair, _, mentor_user = make_pair()
    with pytest.raises(ValidationError) as error:
        make_objective(pair, mentor_user, owner="mentor", title="Explain without jargon")
    assert "area" in error.value.message_dict
    objective = make_objective(
        pair, mentor_user, owner="mentor", title="Explain without jargon", area="pedagogy"
    )
    assert objective.skill is None and objective.area == "pedagogy"
    assert objective.created_by == mentor_user


@pytest.mark.django_db
def test_add_objective_by_a_stranger_is_refused():
    pair, _, _ = make_pair()
    with pytest.raises(PermissionDenied):
        make_objective(pair, UserFactory())


@pytest.mark.django_db
def test_adjust_objective_records_before_after_and_reason():
    pair, mentee_user, _ = make_pair()
    objective = make_objective(pair, mentee_user)
    change = domain.adjust_objective(
        objective=objective,
        by=mentee_user,
        reason="Too ambitious with the year-end closing",
        title=objective.title,
        success_criterion="Two posts in a month",
        target_date=day_of(pair, 136),
        status="in_progress",
        progress=30,
    )
    assert change.before == {
        "success_criterion": "Four posts in a month",
        "target_date": day_of(pair, 91).isoformat(),
        "status": "not_started",
        "progress": 0,
    }
    assert change.after["target_date"] == day_of(pair, 136).isoformat()
    assert change.after["progress"] == 30
    objective.refresh_from_db()
    assert (objective.status, objective.progress) == ("in_progress", 30)


@pytest.mark.django_db
def test_adjust_objective_without_reason_or_change_is_refused():
    pair, mentee_user, _ = make_pair()
    objective = make_objective(pair, mentee_user)
    same = {
        "title": objective.title,
        "success_criterion": objective.success_criterion,
        "target_date": objective.target_date,
        "status": objective.status,
        "progress": objective.progress,
    }
    with pytest.raises(ValidationError) as error:
        domain.adjust_objective(objective=objective, by=mentee_user, reason=" ", **same)
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError):
        domain.adjust_objective(objective=objective, by=mentee_user, reason="Why not", **same)
    assert not ObjectiveChange.objects.exists()


@pytest.mark.django_db
def test_paused_pair_can_still_adjust_objectives():
    pair, mentee_user, _ = make_pair()
    pair.status = "paused"
    pair.save(update_fields=["status"])
    assert make_objective(pair, mentee_user).pk


@pytest.mark.django_db
def test_adjusting_an_objective_checks_a_new_target_date_not_a_kept_one():
    pair, mentee_user, _ = make_pair()
    objective = make_objective(pair, mentee_user)
    Objective.objects.filter(pk=objective.pk).update(target_date=dt.date(9999, 1, 1))
    objective.refresh_from_db()
    fields = {"title": objective.title, "success_criterion": "", "status": "in_progress"}
    kept = domain.adjust_objective(
        objective=objective,
        by=mentee_user,
        reason="Started",
        progress=10,
        target_date=objective.target_date,
        **fields,
    )
    assert "target_date" not in kept.after
    with pytest.raises(ValidationError) as refused:
        domain.adjust_objective(
            objective=objective,
            by=mentee_user,
            reason="Later",
            progress=20,
            target_date=dt.date(9998, 1, 1),
            **fields,
        )
    assert list(refused.value.message_dict) == ["target_date"]
