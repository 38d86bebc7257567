"""The programme's figures, checked by hand on a small data set (see ``small`` below)."""

from __future__ import annotations

import pytest

from rementor.analytics.impact.results import programme_results
from rementor.analytics.impact.stat import State
from rementor.matching.models import PairStatus
from rementor.programmes.models import EnrollmentStatus, Role
from rementor.training.models import Audience, TrainingCompletion, TrainingModule
from tests.factories import SkillFactory
from tests.rementor.analytics.factories import (
    baseline_and_final,
    check_in,
    enrol,
    held_with_pulses,
    idea,
    mentor_objective,
    pair_row,
)


@pytest.fixture
def skills(programme):
    s1 = SkillFactory(position=1, name_en="LinkedIn")
    s2 = SkillFactory(position=2, name_en="TikTok")
    programme.skills.set([s1, s2])
    return s1, s2


@pytest.fixture
def small(programme, skills):
    """Four pairs and two people who never got in.

    p1 (Finance mentee, Marketing mentor): session 3 days ago (60 min), pulses 4/5 and 5/5;
       s1 1 -> 3 (target 3, priority 2): gap 2, closed 2, weighted 4 / 4;
       s2 0 -> 1 (target 4, priority 1): gap 4, closed 1, weighted 4 / 1.
    p2 (Finance mentee): last session 40 days ago (90 min): at risk;
       s1 2 -> 1 (target 4, priority 3): gap 2, closed 0, weighted 6 / 0.
    p3 (Marketing mentee), completed: s1 0 -> 4 (target 2, priority 1): gap 2, closed 2.
    p4: ended early.
    Gap closed: s1 6 / 12 = 50 %, s2 1 / 4 = 25 %, all 7 / 16 = 43.75 %;
    Finance 5 / 14, Marketing 2 / 2.
    Final recommend: p1 10 and 9, p2 6 and 8, p3 10 and 3 -> 3 promoters, 2 detractors of
    6: NPS 17 (mentees 33, mentors 0).
    """
    s1, s2 = skills
    p1 = pair_row(programme, mentee={"department": "Finance"}, mentor={"department": "Marketing"})
    p2 = pair_row(programme, mentee={"department": "Finance"}, mentor={"department": "Finance"})
    p3 = pair_row(
        programme,
        status=PairStatus.COMPLETED,
        mentee={"department": "Marketing", "site": "Lyon"},
        mentor={"department": "Marketing", "site": "Lyon"},
    )
    support = {"department": "Support"}
    p4 = pair_row(programme, status=PairStatus.ENDED, mentee=support, mentor=support)
    enrol(programme, Role.MENTEE, status=EnrollmentStatus.INVITED, **support)
    enrol(programme, Role.MENTOR, status=EnrollmentStatus.DECLINED, **support)

    held_with_pulses(p1, days_ago=3, minutes=60, pulses=[(4, 5), (5, 5)])
    held_with_pulses(p2, days_ago=40, minutes=90)
    baseline_and_final(p1, {s1: (1, 3, 2), s2: (0, 4, 1)}, {s1: (3, 3, 2), s2: (1, 4, 1)})
    baseline_and_final(p2, {s1: (2, 4, 3)}, {s1: (1, 4, 3)})
    baseline_and_final(p3, {s1: (0, 2, 1)}, {s1: (4, 4, 1)})
    check_in(p1, mentee=10, mentor=9)
    check_in(p2, mentee=6, mentor=8)
    check_in(p3, mentee=10, mentor=3)
    check_in(p1, kind="midterm", mentee=7)

    both = TrainingModule.objects.create(
        programme=programme,
        audience=Audience.BOTH,
        title_fr="A",
        title_en="A",
        body_fr="a",
        body_en="a",
    )
    mentees_only = TrainingModule.objects.create(
        programme=programme,
        audience=Audience.MENTEE,
        title_fr="B",
        title_en="B",
        body_fr="b",
        body_en="b",
    )
    TrainingModule.objects.create(  # a draft counts for nobody
        programme=programme,
        audience=Audience.BOTH,
        title_fr="C",
        title_en="C",
        body_fr="c",
        body_en="c",
        is_published=False,
    )
    for module, enrollment in (
        (both, p1.mentee),
        (mentees_only, p1.mentee),
        (both, p1.mentor),
        (both, p3.mentee),
    ):
        TrainingCompletion.objects.create(module=module, enrollment=enrollment)

    mentor_objective(p1, area="leadership", progress=50)
    mentor_objective(p2, area="leadership", progress=100, status="achieved")
    mentor_objective(p3, area="communication", progress=80)
    mentor_objective(p4, area="pedagogy", progress=10, status="dropped")
    idea(p1, "Finance")
    idea(p2, "Finance")
    idea(p3, None)
    return {"p1": p1, "p2": p2, "p3": p3, "p4": p4}


def _funnel(results, role):
    return {stage.key: stage.by_role[role].value for stage in results.funnel}


def test_funnel_counts_each_stage_per_role(programme, small):
    results = programme_results(programme=programme, for_sponsor=False)
    assert _funnel(results, "mentee") == {
        "invited": 5,
        "enrolled": 4,
        "trained": 1,
        "matched": 4,
        "active": 1,
        "completed": 1,
    }
    assert _funnel(results, "mentor") == {
        "invited": 5,
        "enrolled": 4,
        "trained": 1,
        "matched": 4,
        "active": 1,
        "completed": 1,
    }
    assert _funnel(results, "total") == {
        "invited": 10,
        "enrolled": 8,
        "trained": 2,
        "matched": 8,
        "active": 2,
        "completed": 2,
    }
    drops = {stage.key: stage.drop_off["total"] for stage in results.funnel}
    assert drops == {
        "invited": None,
        "enrolled": 2,
        "trained": 6,
        "matched": None,
        "active": 6,
        "completed": None,
    }


def test_gap_closed_is_priority_weighted_and_capped(programme, small, skills):
    impact = programme_results(programme=programme, for_sponsor=False).impact
    s1_cell, s2_cell = impact.all_departments.cells
    assert s1_cell.value == pytest.approx(6 / 12)
    assert s1_cell.n == 3
    assert s1_cell.extra["baseline"] == pytest.approx(1.0)
    assert s1_cell.extra["final"] == pytest.approx(8 / 3)
    assert s2_cell.value == pytest.approx(1 / 4)
    assert impact.all_departments.total.value == pytest.approx(7 / 16)
    assert impact.all_departments.total.n == 3
    by_department = {row.label: row.total.value for row in impact.departments}
    assert by_department == {"Finance": pytest.approx(5 / 14), "Marketing": pytest.approx(1.0)}


def test_nps_is_promoters_minus_detractors(programme, small):
    nps = programme_results(programme=programme, for_sponsor=False).satisfaction.nps
    assert {line.key: line.stat.value for line in nps["final"]} == {
        "mentee": 33,
        "mentor": 0,
        "total": 17,
    }
    assert nps["final"][-1].stat.n == 6
    assert nps["midterm"][0].stat.value == 0  # one passive (7)
    assert nps["midterm"][1].stat.state == State.EMPTY


def test_health_pulses_growth_ideas_sessions(programme, small):
    results = programme_results(programme=programme, for_sponsor=False)
    assert {line.key: line.stat.value for line in results.health} == {
        "on_track": 1,
        "at_risk": 1,
        "paused": 0,
        "completed": 1,
        "ended": 1,
    }
    assert results.health_total.value == 4
    [at_risk] = results.at_risk
    assert at_risk.pair_id == small["p2"].pk
    person = small["p2"].mentee.person
    assert at_risk.mentee == f"{person.first_name} {person.last_name}"
    assert at_risk.days_since == 40
    total = results.satisfaction.pulses[-1].stat
    assert (total.value, total.extra["comfort"], total.extra["pulses"]) == (4.5, 5.0, 2)
    growth = {line.key: line.stat for line in results.growth}
    assert growth["leadership"].value == 75
    assert {line.key: line for line in results.growth}["leadership"].achieved.value == 0.5
    assert growth["pedagogy"].state == State.EMPTY
    assert results.growth_total.n == 3
    assert results.growth_total.value == pytest.approx(230 / 3)
    assert results.ideas.total.value == 3
    finance = results.ideas.by_department[0]
    assert (finance.label, finance.stat.value) == ("Finance", 2)
    assert results.ideas.by_department[1].key == ""  # no department

    assert results.sessions.held.value == 2
    assert results.sessions.held.extra["hours"] == 2.5


def test_filters_keep_a_department_or_a_site(programme, small):
    finance = small["p1"].mentee.person.department_id
    results = programme_results(programme=programme, department_id=finance, for_sponsor=False)
    # Finance people: p1 and p2 mentees, p2 mentor; the pairs p1 and p2.
    assert _funnel(results, "total")["invited"] == 3
    assert results.health_total.value == 2
    assert results.impact.all_departments.total.value == pytest.approx(5 / 14)
    assert results.sessions.held.value == 2
    lyon = programme_results(programme=programme, site="Lyon", for_sponsor=False)
    assert _funnel(lyon, "total")["invited"] == 2
    assert lyon.impact.all_departments.total.value == pytest.approx(1.0)
    assert lyon.health_total.value == 1


def test_sponsors_get_no_name_and_no_small_group(programme, small):
    results = programme_results(programme=programme, for_sponsor=True)
    assert results.at_risk == ()
    # Three final self-assessments: fewer than the first step of five, none counted yet.
    assert results.impact.all_departments.total.state == State.SMALL
    assert results.impact.departments == ()
    # Six final check-ins: the oldest five count, and one promoter-or-not category of them is
    # under five people, so no score and no share is shown.
    assert [line.stat.state for line in results.satisfaction.nps["final"]] == [State.SMALL] * 3
    assert results.sessions.held.state == State.SMALL  # two pairs
    invited, enrolled = results.funnel[:2]
    assert (invited.by_role["mentee"].value, invited.by_role["total"].value) == (5, 10)
    assert enrolled.by_role["mentee"].state == State.SMALL
    # 10 invited and 8 enrolled would say that 2 people dropped out: the 8 is hidden.
    assert enrolled.by_role["total"].state == State.PROTECTED
    assert enrolled.drop_off == {"mentee": None, "mentor": None, "total": None}
    chart = results.as_chart_data()
    assert chart["funnel"]["datasets"][0]["data"][:2] == [5, None]
    assert chart["skills"]["datasets"][0]["data"] == [None, None]


def test_complementary_suppression_hides_what_subtraction_would_reveal(programme, skills):
    """Seven mentees and three mentors held sessions: the mentors' 3 is hidden, so the
    mentees' 7 must be too, or 10 - 7 would give it away."""
    for index in range(7):
        pair = pair_row(programme)
        if index < 3:
            held_with_pulses(pair, pulses=[(4, 4), (5, 5)])
        else:
            held_with_pulses(pair, pulses=[(4, 4)])
    results = programme_results(programme=programme, for_sponsor=True)
    pulses = {line.key: line.stat for line in results.satisfaction.pulses}
    assert pulses["mentor"].state == State.SMALL
    assert pulses["mentee"].state == State.PROTECTED
    assert pulses["total"].n == 10
    active = results.funnel[4].by_role
    assert (active["mentee"].value, active["mentor"].value) == (7, 7)


def test_a_recent_low_pulse_puts_a_pair_at_risk(programme, skills):
    """Pairs are screened in the database before pair_health: a pair that met last week but
    whose last pulses are low must still be found."""
    fine = pair_row(programme)
    held_with_pulses(fine, days_ago=5, pulses=[(4, 4), (5, 5)])
    low = pair_row(programme)
    held_with_pulses(low, days_ago=9, pulses=[(4, 4)])
    held_with_pulses(low, days_ago=2, pulses=[(1, 2), (2, 2)])
    results = programme_results(programme=programme, for_sponsor=False)
    assert [pair.pair_id for pair in results.at_risk] == [low.pk]
    assert {line.key: line.stat.value for line in results.health}["on_track"] == 1


def test_a_pair_whose_mentor_left_is_at_risk_with_that_reason(programme, skills):
    """A recent session and good pulses: only the departure puts it on the list."""
    left = pair_row(programme)
    held_with_pulses(left, days_ago=3, pulses=[(5, 5)])
    left.mentor.person.is_active = False
    left.mentor.person.save()
    ended = pair_row(programme, status=PairStatus.ENDED)
    ended.mentee.person.is_active = False
    ended.mentee.person.save()
    results = programme_results(programme=programme, for_sponsor=False)
    [at_risk] = results.at_risk
    assert at_risk.pair_id == left.pk
    assert at_risk.reasons == ("le mentor a quitté l’entreprise",)


def test_withheld_tables_show_one_neutral_word_for_every_hidden_figure():
    from rementor.analytics import suppression
    from rementor.analytics.impact.stat import Stat, State, withheld

    shown = Stat(State.SHOWN, value=12, n=12)
    table = {"a": Stat(State.SMALL), "b": (Stat(State.PROTECTED), shown)}

    assert withheld(table, {"a", "b"}) == table
    neutral = withheld(table, {"a", "b", suppression.UNLABELLED})
    assert neutral == {"a": Stat(State.WITHHELD), "b": (Stat(State.WITHHELD), shown)}
