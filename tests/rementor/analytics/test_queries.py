"""The needs heat map's numbers, on a small data set checked by hand."""

from __future__ import annotations

import pytest

from rementor.analytics.heatmap import State, bucket, needs_view
from rementor.analytics.queries import Department, NeedsHeatMap, baseline_sites, needs_heatmap
from rementor.analytics.suppression import Cell, totals
from rementor.programmes.models import EnrollmentStatus, Role
from rementor.skills.models import AssessmentKind
from rementor.skills.queries import programme_needs
from tests.factories import EnrollmentFactory, SkillCategoryFactory, SkillFactory
from tests.rementor.analytics.factories import AssessmentFactory, mentee_with_baseline


@pytest.fixture
def skills(programme):
    first = SkillCategoryFactory(position=1, name_fr="Réseaux sociaux")
    second = SkillCategoryFactory(position=2, name_fr="Données")
    s1 = SkillFactory(category=first, position=1, name_fr="LinkedIn")
    s2 = SkillFactory(category=first, position=2, name_fr="TikTok")
    s3 = SkillFactory(category=second, position=1, name_fr="Tableaux de bord")
    programme.skills.set([s3, s1, s2])
    return s1, s2, s3


@pytest.fixture
def data(programme, skills):
    """Weighted gap = priority x max(0, target - level), per answer:

    Finance p1: s1 (1,3,2)=4, s2 (2,2,3)=0, s3 (0,4,1)=4      Paris
    Finance p2: s1 (0,2,3)=6, s2 (1,3,1)=2                     Lyon
    Marketing p3: s1 (3,1,3)=0, s2 (0,-,2)=0, s3 (1,4,3)=9     Paris
    no department p4: s1 (2,4,1)=2                             Paris
    """
    s1, s2, s3 = skills
    mentee_with_baseline(
        programme=programme,
        department="Finance",
        answers={s1: (1, 3, 2), s2: (2, 2, 3), s3: (0, 4, 1)},
    )
    mentee_with_baseline(
        programme=programme,
        department="Finance",
        site="Lyon",
        answers={s1: (0, 2, 3), s2: (1, 3, 1)},
    )
    mentee_with_baseline(
        programme=programme,
        department="Marketing",
        answers={s1: (3, 1, 3), s2: (0, None, 2), s3: (1, 4, 3)},
    )
    mentee_with_baseline(programme=programme, department=None, answers={s1: (2, 4, 1)})
    # None of these count: withdrawn, declined, not submitted, another programme, a skill
    # outside the programme.
    big = (0, 4, 3)
    for status in (EnrollmentStatus.WITHDRAWN, EnrollmentStatus.DECLINED):
        mentee_with_baseline(
            programme=programme, department="Finance", status=status, answers={s1: big}
        )
    mentee_with_baseline(
        programme=programme, department="Finance", submitted=False, answers={s1: big}
    )
    mentee_with_baseline(
        programme=EnrollmentFactory().programme, department="Finance", answers={s1: big}
    )
    mentee_with_baseline(programme=programme, department="Finance", answers={SkillFactory(): big})
    # Nor do a mentor's proficiency or a final assessment.
    AssessmentFactory(
        enrollment=EnrollmentFactory(programme=programme, role=Role.MENTOR),
        kind=AssessmentKind.MENTOR,
    )
    return skills


def test_needs_heatmap_averages_weighted_gaps_per_department_and_skill(programme, data):
    s1, s2, s3 = data
    heatmap = needs_heatmap(programme=programme)

    finance, marketing = (d.pk for d in heatmap.departments[:2])
    assert [d.name for d in heatmap.departments] == ["Finance", "Marketing", ""]
    assert heatmap.departments[2].pk is None
    assert heatmap.cells == {
        (finance, s1.pk): Cell(n=2, value=5.0),
        (finance, s2.pk): Cell(n=2, value=1.0),
        (finance, s3.pk): Cell(n=1, value=4.0),
        (marketing, s1.pk): Cell(n=1, value=0.0),
        (marketing, s2.pk): Cell(n=1, value=0.0),
        (marketing, s3.pk): Cell(n=1, value=9.0),
        (None, s1.pk): Cell(n=1, value=2.0),
    }
    # A department's total: its people, and the average over all their answers.
    assert heatmap.department_totals == {
        finance: Cell(n=2, value=16 / 5),
        marketing: Cell(n=1, value=3.0),
        None: Cell(n=1, value=2.0),
    }
    assert heatmap.skill_totals == {
        s1.pk: Cell(n=4, value=3.0),
        s2.pk: Cell(n=3, value=2 / 3),
        s3.pk: Cell(n=2, value=6.5),
    }


def test_needs_heatmap_columns_follow_the_taxonomy(programme, data):
    assert needs_heatmap(programme=programme).skills == list(data)


def test_needs_heatmap_totals_agree_with_programme_needs(programme, data):
    # programme_needs also counts answers on skills the programme no longer focuses on.
    in_focus = {skill.pk for skill in data}
    needs = {pk: total for pk, total in programme_needs(programme).items() if pk in in_focus}
    assert needs_heatmap(programme=programme).skill_sums == needs


def test_needs_heatmap_filters_by_site(programme, data):
    s1, s2, _ = data
    heatmap = needs_heatmap(programme=programme, site="Lyon")
    finance = heatmap.departments[0].pk
    assert [d.name for d in heatmap.departments] == ["Finance"]
    assert heatmap.cells == {
        (finance, s1.pk): Cell(n=1, value=6.0),
        (finance, s2.pk): Cell(n=1, value=2.0),
    }
    assert baseline_sites(programme=programme) == ["Lyon", "Paris"]


def test_needs_heatmap_is_empty_before_any_baseline(programme, skills):
    heatmap = needs_heatmap(programme=programme)
    assert heatmap.is_empty
    assert heatmap.departments == []
    assert needs_view(heatmap=heatmap, min_size=None).is_empty


def test_needs_view_ranks_top_needs_for_managers(programme, data):
    s1, s2, s3 = data
    view = needs_view(heatmap=needs_heatmap(programme=programme), min_size=None)
    assert [(need.skill, need.total, need.n) for need in view.top_needs] == [
        (s3, 13, 2),
        (s1, 12, 4),
        (s2, 2, 3),
    ]
    assert view.categories == [("Réseaux sociaux", 2), ("Données", 1)]


def test_needs_view_in_full_hides_nothing(programme, data):
    view = needs_view(heatmap=needs_heatmap(programme=programme), min_size=None)
    states = {cell.state for row in view.rows for cell in row.cells}
    assert states == {State.SHOWN, State.EMPTY}
    assert len(view.chart["points"]) == 7


def test_needs_view_for_sponsors_drops_small_departments_and_values(programme, data):
    view = needs_view(heatmap=needs_heatmap(programme=programme), min_size=5)
    assert view.is_empty
    assert view.hidden_rows == 3
    assert view.chart["points"] == []
    assert view.top_needs == []
    assert all(total.value is None for total in view.skill_totals)


def test_needs_heatmap_runs_three_queries_whatever_the_size(
    programme, skills, django_assert_num_queries
):
    for size in (1, 20):
        for index in range(size):
            mentee_with_baseline(
                programme=programme,
                department=f"Department {index % 4}",
                answers={skill: (1, 3, 2) for skill in skills},
            )
        with django_assert_num_queries(3):
            needs_heatmap(programme=programme)


def test_needs_view_marks_small_and_protected_cells(programme, skills):
    s1, s2, s3 = skills
    heatmap = NeedsHeatMap(
        skills=list(skills),
        departments=[Department(pk=1, name="Finance"), Department(pk=2, name="Tiny")],
        cells={
            (1, s1.pk): Cell(n=6, value=1.0),
            (1, s2.pk): Cell(n=3, value=11.0),
            (1, s3.pk): Cell(n=6, value=2.0),
            (2, s1.pk): Cell(n=2, value=10.5),
        },
        department_totals={1: Cell(n=6, value=2.6), 2: Cell(n=2, value=10.5)},
    )
    heatmap.skill_totals = totals(heatmap.cells, by="col")
    view = needs_view(heatmap=heatmap, min_size=5)

    [finance] = view.rows
    assert [cell.state for cell in finance.cells] == [State.PROTECTED, State.SMALL, State.SHOWN]
    assert [cell.value for cell in finance.cells] == [None, None, 2.0]
    assert finance.total.n == 6
    assert [total.state for total in view.skill_totals] == [State.SHOWN, State.SMALL, State.SHOWN]
    assert view.hidden_rows == 1
    assert view.has_small and view.has_protected
    assert view.chart["points"] == [
        {"x": s3.name, "y": "Finance", "v": 2.0, "n": 6, "b": bucket(2.0)}
    ]


def test_bucket_bounds():
    assert [bucket(v) for v in (0, 0.9, 1, 1.9, 2, 3.9, 4, 5.9, 6, 12)] == [
        0,
        0,
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]


def test_needs_heatmap_without_skills_in_focus(programme):
    heatmap = needs_heatmap(programme=programme)
    assert heatmap.skills == []
    assert heatmap.is_empty
