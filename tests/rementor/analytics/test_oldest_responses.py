"""The oldest responses sponsors' figures are computed on, read without the responses' times
(:func:`rementor.analytics.queries.oldest_responses`): exactly the responses, and so exactly
the figures, of the former reading (kept below as the reference), on data with ties of time,
several answers per person, assessments of several items and the 4/5-people boundaries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Q, QuerySet
from django.utils import timezone

from rementor.analytics import queries
from rementor.analytics.impact.results import programme_results
from rementor.analytics.suppression import snapshot_size
from rementor.mentoring.models import CheckIn, Pulse
from rementor.skills.models import AssessmentItem, AssessmentKind
from tests.factories import SkillFactory
from tests.rementor.analytics.factories import assess, check_in, held_with_pulses, pair_row


def reference_oldest(
    responses: QuerySet, *, author: str, time: str, pk: str = "pk", step: int | None
) -> queries.Oldest:
    """The former reading: every response's respondent, time and id."""
    if step is None:
        return queries.Oldest(Q())
    rows = list(responses.order_by(time, pk).values_list(author, time, pk).distinct())
    size = snapshot_size([row[0] for row in rows], step=step)
    if not rows:
        return queries.Oldest(Q(**{f"{pk}__in": []}))
    if not size:
        return queries.Oldest(Q(**{f"{time}__lt": rows[0][1]}), waiting=True)
    _author, last_time, last_pk = rows[size - 1]
    return queries.Oldest(
        Q(**{f"{time}__lt": last_time}) | Q(**{time: last_time, f"{pk}__lte": last_pk})
    )


def _programme_data(programme, *, pairs: int, skill) -> None:
    """``pairs`` pairs: pulses from both members (some people answer twice), check-ins,
    baseline and final self-assessments of two items; a third of the times tied."""
    tied = timezone.now() - dt.timedelta(days=2)
    for index in range(pairs):
        pair = pair_row(
            programme,
            mentee={"department": "Finance" if index % 2 else "Sales"},
            mentor={"department": "Finance"},
        )
        pulses = [(1 + index % 5, 5 - index % 5), (4, 4)]
        held_with_pulses(pair, days_ago=3 + index % 4, pulses=pulses)
        if index % 3 == 0:
            held_with_pulses(pair, days_ago=1, pulses=pulses[:1])
        check_in(pair, kind="midterm", mentee=index % 11, mentor=(index * 7) % 11)
        if index % 2:
            check_in(pair, kind="final", mentee=10 - index % 4)
        assess(pair.mentee, AssessmentKind.BASELINE, {skill[0]: (1, 4, 2), skill[1]: (2, 4, 3)})
        final = assess(
            pair.mentee, AssessmentKind.FINAL, {skill[0]: (index % 5, 4, 2), skill[1]: (3, 4, 3)}
        )
        if index % 3 == 1:
            final.submitted_at = tied
            final.save(update_fields=["submitted_at"])
    # Ties of time: the same created_at for a third of the pulses and check-ins.
    for model in (Pulse, CheckIn):
        every_third = list(model.objects.order_by("pk").values_list("pk", flat=True))[::3]
        model.objects.filter(pk__in=every_third).update(created_at=tied)


CASES = [
    (Pulse, "author", "created_at", "pk"),
    (CheckIn, "author", "created_at", "pk"),
    (AssessmentItem, "assessment__enrollment", "assessment__submitted_at", "assessment__pk"),
]


@pytest.mark.parametrize("pairs", [0, 1, 2, 3, 4, 5, 7, 12])
def test_the_same_responses_as_the_former_reading(programme, pairs):
    skills = (SkillFactory(position=1), SkillFactory(position=2))
    programme.skills.set(skills)
    _programme_data(programme, pairs=pairs, skill=skills)
    for model, author, time, pk in CASES:
        responses = model.objects.all()
        for step in (None, 1, 4, 5, 6):
            new = queries.oldest_responses(responses, author=author, time=time, pk=pk, step=step)
            old = reference_oldest(responses, author=author, time=time, pk=pk, step=step)
            assert new.waiting == old.waiting, (model, step)
            read = set(responses.filter(new.filter).values_list("pk", flat=True))
            expected = set(responses.filter(old.filter).values_list("pk", flat=True))
            assert read == expected, (model, step)


@pytest.mark.parametrize("pairs", [0, 2, 4, 5, 6, 9, 10, 13])
def test_sponsors_figures_are_unchanged(programme, pairs, monkeypatch):
    skills = (SkillFactory(position=1), SkillFactory(position=2))
    programme.skills.set(skills)
    _programme_data(programme, pairs=pairs, skill=skills)
    now = timezone.now()
    new = programme_results(programme=programme, for_sponsor=True, now=now)
    monkeypatch.setattr(queries, "oldest_responses", reference_oldest)
    old = programme_results(programme=programme, for_sponsor=True, now=now)
    assert new.as_dict() == old.as_dict()
    assert new.figure_states == old.figure_states
