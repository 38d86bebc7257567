"""The verdict: its sentences, trends and what it says of hidden figures.

Most tests give :func:`~rementor.analytics.impact.verdict.verdict` results built by hand
(:func:`_results`), so each states the exact figures it checks; the last ones read a real
programme and its previous one.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from rementor.analytics.impact.funnel import FunnelStage
from rementor.analytics.impact.gap_closed import Column, Impact, ImpactRow
from rementor.analytics.impact.ideas import Ideas
from rementor.analytics.impact.results import ProgrammeResults, programme_results
from rementor.analytics.impact.satisfaction import Satisfaction, SatisfactionLine
from rementor.analytics.impact.sessions import Sessions
from rementor.analytics.impact.stat import EMPTY, TOTAL, Stat, State, percent, rounded
from rementor.analytics.impact.verdict import (
    Trend,
    previous_programme,
    programme_verdict,
    verdict,
)
from rementor.programmes.models import ProgrammeStatus
from tests.factories import ProgrammeFactory, SkillFactory
from tests.rementor.analytics.factories import baseline_and_final, pair_row


def shown(value, n=10, **extra) -> Stat:
    return Stat(State.SHOWN, value=value, n=n, extra=extra)


SMALL = Stat(State.SMALL)
PROTECTED = Stat(State.PROTECTED)


def _results(
    *,
    gap: Stat = EMPTY,
    enrolled: Stat | None = None,
    completed: Stat | None = None,
    held: Stat | None = None,
    final: Stat = EMPTY,
    midterm: Stat = EMPTY,
    ideas: Stat | None = None,
    adopted: Stat | None = None,
    progress: Stat = EMPTY,
    achieved: Stat = EMPTY,
    skills: bool = True,
    for_sponsor: bool = True,
) -> ProgrammeResults:
    """Results holding only what the verdict reads."""
    stages = tuple(
        FunnelStage(key=key, label=key, by_role={TOTAL: stat}, drop_off={})
        for key, stat in (
            ("enrolled", enrolled or shown(40, 40)),
            ("completed", completed or shown(30, 30)),
        )
    )
    columns = (Column(key=1, label="LinkedIn"),) if skills else ()
    return ProgrammeResults(
        programme_id=1,
        for_sponsor=for_sponsor,
        min_size=5,
        department_id=None,
        site="",
        generated_at=timezone.now(),
        funnel=stages,
        health=(),
        health_total=EMPTY,
        at_risk=(),
        impact=Impact(
            skills=columns,
            departments=(),
            all_departments=ImpactRow(
                key=TOTAL, label="All", cells=(gap,) * len(columns), total=gap
            ),
            hidden_departments=0,
        ),
        growth=(),
        growth_total=progress,
        growth_total_achieved=achieved,
        satisfaction=Satisfaction(
            pulses=(),
            nps={
                "midterm": (SatisfactionLine(TOTAL, "Everyone", midterm),),
                "final": (SatisfactionLine(TOTAL, "Everyone", final),),
            },
        ),
        ideas=Ideas(
            total=ideas or shown(12, 8),
            by_department=(),
            adopted=adopted or (Stat(ideas.state) if ideas and not ideas.shown else shown(0, 0)),
        ),
        sessions=Sessions(held=held or shown(96, 20, hours=120.5)),
    )


def _answers(results, **kwargs) -> dict:
    return {answer.key: answer for answer in verdict(results, **kwargs).answers}


# --------------------------------------------------------------------------- sentences


def test_sentences_of_a_programme_with_data_in_english():
    results = _results(
        gap=shown(0.455, 23),
        final=shown(25, 20),
        midterm=shown(10, 18),
        progress=shown(62.5, 9),
        achieved=shown(0.4, 9),
    )
    with translation.override("en"):
        answers = _answers(results, closed=True)
    assert [a.question for a in answers.values()] == [
        "Did the digital gap close?",
        "Did people take part?",
        "Would they recommend it?",
        "What came out of it?",
    ]
    gap = answers["gap"].text
    assert "46\u00a0%" in gap and "n\u00a0=\u00a023 mentees" in gap  # 45.5 rounded half up
    participation = answers["participation"].text
    assert "30 of the 40 people enrolled completed the programme (75\u00a0%)" in participation
    assert "96 sessions held, 121\u00a0h of mentoring (n\u00a0=\u00a020 pairs)" in participation
    assert "final check-in: 25" in answers["satisfaction"].text
    assert "(n\u00a0=\u00a020 answers)" in answers["satisfaction"].text
    outcomes = answers["outcomes"].text
    assert "12 ideas logged for the company by 8 pairs." in outcomes
    assert (
        "stand at 63\u00a0% on average, 40\u00a0% of them achieved (n\u00a0=\u00a09 mentors)"
        in outcomes
    )
    assert all(a.shown for a in answers.values())


def test_sentences_of_a_programme_with_data_in_french():
    results = _results(gap=shown(0.455, 23), final=shown(25, 20), midterm=shown(10, 18))
    with translation.override("fr"):
        answers = _answers(results, closed=True)
    assert answers["gap"].question == "L’écart numérique s’est-il réduit\u00a0?"
    assert "46\u00a0%" in answers["gap"].text and "n\u00a0=\u00a023 mentorés" in answers["gap"].text
    assert "30 des 40 personnes inscrites" in answers["participation"].text
    assert "121\u00a0h" in answers["participation"].text
    assert (
        answers["satisfaction"].comparison
        == "En hausse par rapport à 10 au point d’étape à mi-parcours."
    )
    for answer in answers.values():
        for english in ("Did ", " the ", "mentees", "sessions held", "check-in"):
            assert english not in answer.text + answer.question + answer.comparison, english


def test_one_of_each_says_it_in_the_singular():
    results = _results(
        gap=shown(0.5, 1),
        enrolled=shown(1, 1),
        completed=shown(1, 1),
        held=shown(1, 1, hours=1),
        final=shown(100, 1),
        ideas=shown(1, 1),
        progress=shown(50, 1),
        for_sponsor=False,
    )
    with translation.override("en"):
        answers = _answers(results, closed=False)
    assert "The mentee closed 50\u00a0%" in answers["gap"].text
    assert "(n\u00a0=\u00a01 mentee)" in answers["gap"].text
    assert "1 of the 1 person enrolled" in answers["participation"].text
    assert "1 session held" in answers["participation"].text
    assert "(n\u00a0=\u00a01 answer)" in answers["satisfaction"].text
    assert "1 idea logged for the company by 1 pair." in answers["outcomes"].text
    assert "(n\u00a0=\u00a01 mentor)" in answers["outcomes"].text


# --------------------------------------------------------------------------- trends


@pytest.mark.parametrize(
    ("final", "midterm", "trend", "words"),
    [
        (25, 10, Trend.UP, "Up from 10 at the mid-term check-in."),
        (-5, 10, Trend.DOWN, "Down from 10 at the mid-term check-in."),
        (10, 10, Trend.FLAT, "Unchanged: 10 at the mid-term check-in."),
    ],
)
def test_net_promoter_score_moves_against_the_mid_term_check_in(final, midterm, trend, words):
    results = _results(final=shown(final, 20), midterm=shown(midterm, 20))
    with translation.override("en"):
        answer = _answers(results, closed=False)["satisfaction"]
    assert answer.trend == trend
    assert answer.comparison == words


@pytest.mark.parametrize(
    ("now", "before", "trend", "words"),
    [
        (0.455, 0.38, Trend.UP, "Up from 38\u00a0% in “Wave 1”."),
        (0.30, 0.38, Trend.DOWN, "Down from 38\u00a0% in “Wave 1”."),
        # 44.6 % and 45.4 % both print 45 %: unchanged, as the reader sees it.
        (0.446, 0.454, Trend.FLAT, "Unchanged: 45\u00a0% in “Wave 1”."),
    ],
)
def test_gap_closed_moves_against_the_previous_programme(now, before, trend, words):
    with translation.override("en"):
        answer = _answers(
            _results(gap=shown(now, 20)),
            closed=False,
            previous=_results(gap=shown(before, 20)),
            previous_name="Wave 1",
        )["gap"]
    assert answer.trend == trend
    assert answer.comparison == words


def test_trend_words_in_both_languages():
    results = _results(gap=shown(0.5, 20))
    previous = _results(gap=shown(0.4, 20))
    with translation.override("en"):
        english = _answers(results, closed=False, previous=previous, previous_name="Vague 1")
    with translation.override("fr"):
        french = _answers(results, closed=False, previous=previous, previous_name="Vague 1")
    assert english["gap"].comparison == "Up from 40\u00a0% in “Vague 1”."
    assert french["gap"].comparison == "En hausse par rapport à 40\u00a0% dans « Vague 1 »."


def test_completion_and_growth_are_compared_only_once_the_programme_is_closed():
    figures = {"progress": shown(60, 9), "completed": shown(10, 10)}
    previous = _results(progress=shown(80, 9))
    with translation.override("en"):
        running = _answers(_results(**figures), closed=False, previous=previous, previous_name="W")
        closed = _answers(_results(**figures), closed=True, previous=previous, previous_name="W")
    assert running["participation"].trend is None
    assert running["outcomes"].trend is None
    assert "once this one is closed" in running["outcomes"].no_comparison
    assert closed["participation"].trend == Trend.DOWN  # 25 % against 75 %
    assert closed["outcomes"].trend == Trend.DOWN
    assert closed["outcomes"].comparison == "Down from 80\u00a0% in “W”."


def test_no_earlier_programme_means_no_sign():
    with translation.override("en"):
        result = verdict(_results(gap=shown(0.5, 20)), closed=True)
    gap = result.answers[0]
    assert gap.trend is None and gap.comparison == ""
    assert result.previous == ""  # the page says once that there is nothing to compare with


def test_nobody_completed_yet_while_the_programme_runs():
    results = _results(completed=shown(0, 0))
    with translation.override("en"):
        running = _answers(results, closed=False)["participation"]
        closed = _answers(results, closed=True)["participation"]
    assert running.text.startswith("40 people enrolled; nobody has completed the programme yet.")
    assert closed.text.startswith("0 of the 40 people enrolled completed the programme (0\u00a0%).")


def test_each_hidden_figure_of_an_answer_says_which_it_is():
    results = _results(ideas=PROTECTED, progress=PROTECTED, held=PROTECTED, completed=PROTECTED)
    with translation.override("en"):
        answers = _answers(results, closed=True)
    assert answers["outcomes"].text == (
        "Ideas logged: not shown, to protect small groups. "
        "Mentors' growth: not shown, to protect small groups."
    )
    assert answers["participation"].text == (
        "Completion: not shown, to protect small groups. "
        "Sessions held: not shown, to protect small groups."
    )


# --------------------------------------------------------------------------- hidden figures


def _digits(text: str) -> set[str]:
    return set(re.findall(r"\d+", text))


@pytest.mark.parametrize("hidden", [SMALL, PROTECTED, Stat(State.WITHHELD)])
def test_a_hidden_figure_says_so_with_no_number_and_no_sign(hidden):
    """Even when the figure compared with is shown (the previous programme's, the mid-term
    check-in's): a sign would tell on which side of it the hidden one lies."""
    results = _results(
        gap=hidden,
        enrolled=hidden,
        held=hidden,
        final=hidden,
        midterm=shown(10, 20),
        ideas=hidden,
        progress=hidden,
    )
    previous = _results(gap=shown(0.4, 20), progress=shown(50, 20))
    with translation.override("en"):
        answers = _answers(results, closed=True, previous=previous, previous_name="Wave 1")
    for answer in answers.values():
        assert not answer.shown
        assert answer.trend is None and answer.comparison == ""
        assert answer.no_comparison == ""  # nothing about the previous figure either
        assert _digits(answer.text) <= {"5"}, answer.text  # only "fewer than 5"
    if hidden.state == State.SMALL:
        assert answers["gap"].text == (
            "Fewer than 5 mentees have submitted a final self-assessment: not shown."
        )
        assert "Fewer than 5 people answered the final check-in" in answers["satisfaction"].text
    else:
        # One neutral sentence: never whether the group was small or hidden to protect one.
        assert answers["gap"].text == "Not shown, to protect small groups."


def test_a_shown_figure_is_not_compared_with_a_hidden_one():
    previous = _results(gap=SMALL, final=SMALL)
    with translation.override("en"):
        answers = _answers(
            _results(gap=shown(0.5, 20), final=shown(20, 20)),
            closed=True,
            previous=previous,
            previous_name="Wave 1",
        )
    assert answers["gap"].trend is None
    assert answers["gap"].no_comparison == (
        "The previous programme's figure is not shown: no comparison."
    )
    assert answers["satisfaction"].trend is None


def test_a_mid_term_score_hidden_gives_no_sign_to_the_final_one():
    with translation.override("en"):
        answer = _answers(_results(final=shown(20, 20), midterm=SMALL), closed=False)[
            "satisfaction"
        ]
    assert answer.shown and answer.trend is None


def test_hidden_completion_still_shows_the_sessions():
    with translation.override("en"):
        answer = _answers(_results(completed=SMALL), closed=True)["participation"]
    assert "Fewer than 5 people have completed the programme: not shown." in answer.text
    assert "96 sessions held" in answer.text
    assert not answer.shown and answer.trend is None


# --------------------------------------------------------------------------- no data


def test_no_data_yet():
    results = _results(
        enrolled=shown(0, 0),
        completed=shown(0, 0),
        held=shown(0, 0, hours=0),
        ideas=shown(0, 0),
    )
    with translation.override("en"):
        answers = _answers(results, closed=False)
    assert answers["gap"].text.startswith("Not measured yet")
    assert answers["participation"].text == "Nobody has enrolled yet. No session held yet."
    assert answers["satisfaction"].text == "No check-in answered yet."
    assert answers["outcomes"].text == (
        "No idea logged yet. No mentor has set objectives of their own yet."
    )
    assert not any(answer.trend for answer in answers.values())
    with translation.override("en"):
        without_skills = _answers(_results(skills=False), closed=False)["gap"]
    assert "no skills in focus" in without_skills.text


def test_only_a_mid_term_check_in_says_no_final_yet():
    with translation.override("en"):
        answer = _answers(_results(midterm=shown(30, 12)), closed=False)["satisfaction"]
    assert answer.text.startswith("No final check-in yet. Net promoter score at the mid-term")
    assert "30" in answer.text


# --------------------------------------------------------------------------- rounding


@pytest.mark.parametrize(("value", "printed"), [(0.125, "13"), (0.135, "14"), (0.4449, "44")])
def test_percentages_round_half_up_as_the_pages_print_them(value, printed):
    assert percent(value) == f"{printed}\u00a0%"
    # The pages print the same figure through the same rule (core.numbers' filters).
    template = Template("{% load numbers %}{{ value|percent }}|{{ level|rounded:1 }}")
    with translation.override("en"):
        assert template.render(Context({"value": value, "level": 2.25})) == f"{printed}|2.3"
    assert rounded(2.5) == 3


# --------------------------------------------------------------------------- a real programme


@pytest.fixture
def skill(programme):
    skill = SkillFactory(name_en="LinkedIn")
    programme.skills.set([skill])
    return skill


def _closed_wave(skill, *, closes: int, days: int = 400):
    earlier = ProgrammeFactory(
        name="Wave 1",
        status=ProgrammeStatus.CLOSED,
        start_date=timezone.localdate() - dt.timedelta(days=days),
        end_date=timezone.localdate() - dt.timedelta(days=days - 200),
    )
    earlier.skills.set([skill])
    baseline_and_final(pair_row(earlier), {skill: (1, 3, 2)}, {skill: (1 + closes, 3, 2)})
    return earlier


def test_previous_programme_is_the_latest_closed_one_started_before(programme, skill, manager):
    assert previous_programme(programme) is None
    older = _closed_wave(skill, closes=2, days=800)
    latest = _closed_wave(skill, closes=2, days=400)
    ProgrammeFactory(status=ProgrammeStatus.RUNNING, start_date=latest.start_date)  # not closed
    later = ProgrammeFactory(
        status=ProgrammeStatus.CLOSED, start_date=programme.start_date + dt.timedelta(days=1)
    )
    assert previous_programme(programme) == latest
    assert previous_programme(programme, user=manager) == latest
    assert previous_programme(latest) == older
    assert later != previous_programme(programme)


def test_previous_programme_only_for_who_may_read_its_results(programme, skill, pair_member):
    _closed_wave(skill, closes=2)
    assert previous_programme(programme, user=pair_member) is None


def test_programme_verdict_reads_the_previous_programme_the_same_way(programme, skill):
    previous = _closed_wave(skill, closes=2)  # all the gap closed
    baseline_and_final(pair_row(programme), {skill: (1, 3, 2)}, {skill: (2, 3, 2)})
    with translation.override("en"):
        for_team = programme_verdict(
            programme=programme,
            results=programme_results(programme=programme, for_sponsor=False),
            previous=previous,
        )
        for_sponsors = programme_verdict(
            programme=programme,
            results=programme_results(programme=programme, for_sponsor=True),
            previous=previous,
        )
    gap = for_team.answers[0]
    assert gap.trend == Trend.DOWN
    assert gap.comparison == "Down from 100\u00a0% in “Wave 1”."
    assert for_team.previous == "Wave 1"
    # One mentee in each: sponsors see neither figure, and so no sign.
    assert not for_sponsors.answers[0].shown
    assert for_sponsors.answers[0].trend is None


@pytest.mark.parametrize(
    ("adopted", "sentence"),
    [
        (shown(0, 0), "None has been marked as adopted yet."),
        (shown(1, 1), "1 of them became a change in the company."),
        (shown(6, 5), "6 of them became changes in the company."),
        (SMALL, "Fewer than 5 pairs had an idea adopted: not shown."),
        (PROTECTED, "Adopted ideas: not shown, to protect small groups."),
    ],
)
def test_outcomes_say_how_many_ideas_became_changes(adopted, sentence):
    results = _results(ideas=shown(12, 8), adopted=adopted)
    with translation.override("en"):
        outcomes = _answers(results, closed=True)["outcomes"].text
    assert outcomes.startswith("12 ideas logged for the company by 8 pairs. " + sentence)
