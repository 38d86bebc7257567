"""Training's read side: who takes which module, and how far everyone has got."""

from __future__ import annotations

import pytest

from rementor.programmes.models import Enrollment
from rementor.training.domain import complete_module, install_default_modules
from rementor.training.models import TrainingCompletion, TrainingModule
from rementor.training.queries import (
    completion_table,
    finished_condition,
    module_counts,
    modules_for,
    not_finished_counts,
    progress_of,
)
from tests.factories import EnrollmentFactory, ProgrammeFactory
from tests.rementor.mentoring.factories import make_pair
from tests.rementor.training.factories import right_answers

pytestmark = pytest.mark.django_db


def test_modules_for_role_include_both_and_own_audience():
    pair, _, _ = make_pair()
    install_default_modules(programme=pair.programme)
    mentee_codes = set(modules_for(pair.mentee).values_list("code", flat=True))
    mentor_codes = set(modules_for(pair.mentor).values_list("code", flat=True))
    assert "learning-junior" in mentee_codes and "teaching-senior" not in mentee_codes
    assert "teaching-senior" in mentor_codes and "learning-junior" not in mentor_codes
    assert {"objectives", "dynamic", "confidentiality"} <= mentee_codes & mentor_codes


def test_completion_table_lists_who_has_not_finished_by_role():
    pair, _, _ = make_pair()
    install_default_modules(programme=pair.programme)
    for module in modules_for(pair.mentor):
        complete_module(module=module, enrollment=pair.mentor, answers=right_answers(module))
    table = completion_table(pair.programme)
    mentor_row = next(p for p in table["mentor"] if p.enrollment == pair.mentor)
    mentee_row = next(p for p in table["mentee"] if p.enrollment == pair.mentee)
    assert mentor_row.finished and mentor_row.total == 4
    assert not mentee_row.finished and len(mentee_row.missing) == 4


def test_finished_condition_picks_the_people_counted_one_by_one():
    """The set lookup picks the same people as the per-person counts it replaced: partial,
    complete, a completion of an unpublished module, a role with nothing to take, another
    programme's completions."""
    from django.db.models import F
    from django.db.models.functions import Coalesce

    pair, _, _ = make_pair()
    programme = pair.programme
    install_default_modules(programme=programme)
    other = ProgrammeFactory()
    install_default_modules(programme=other)
    TrainingModule.objects.filter(programme=other).exclude(audience="mentee").delete()
    people = {
        "done": EnrollmentFactory(programme=programme, role="mentee"),
        "partial": EnrollmentFactory(programme=programme, role="mentee"),
        "mentor_done": pair.mentor,
        "nothing": pair.mentee,
        "other_mentor": EnrollmentFactory(programme=other, role="mentor"),
        "other_mentee": EnrollmentFactory(programme=other, role="mentee"),
    }
    for key in ("done", "mentor_done", "other_mentee"):
        for module in modules_for(people[key]):
            TrainingCompletion.objects.create(module=module, enrollment=people[key])
    TrainingCompletion.objects.create(
        module=modules_for(people["partial"]).first(), enrollment=people["partial"]
    )
    # Unpublished, and completed by the one who has done nothing else: still not finished.
    extra = modules_for(people["nothing"]).last()
    TrainingCompletion.objects.create(module=extra, enrollment=people["nothing"])
    unpublished = TrainingModule.objects.filter(programme=programme, audience="mentee").first()
    TrainingModule.objects.filter(pk=unpublished.pk).update(is_published=False)
    TrainingCompletion.objects.get_or_create(module=unpublished, enrollment=people["partial"])

    ids = [programme.pk, other.pk]
    everyone = Enrollment.objects.filter(programme__in=ids)
    required, done = module_counts()
    counted = set(
        everyone.alias(required=Coalesce(required, 0), done=Coalesce(done, 0))
        .filter(done__gte=F("required"))
        .values_list("pk", flat=True)
    )
    picked = set(everyone.filter(finished_condition(ids)).values_list("pk", flat=True))
    assert picked == counted
    one_by_one = {p.enrollment.pk for p in progress_of(everyone, programme) if p.finished}
    assert picked & set(everyone.filter(programme=programme).values_list("pk", flat=True)) == (
        one_by_one
    )
    assert picked == {people[k].pk for k in ("done", "mentor_done", "other_mentor", "other_mentee")}
    assert not_finished_counts([programme.pk, other.pk]) == {programme.pk: 2}
    assert not Enrollment.objects.filter(finished_condition([])).exists()
