"""The manager dashboard and the sponsor view: what each shows, and what sponsors never see."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from itertools import combinations

import pytest
from django.db import connection, reset_queries
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rementor.analytics.results_cache import forget_all
from rementor.matching.models import Pair, PairStatus
from rementor.programmes.models import ProgrammeStatus
from rementor.skills.models import AssessmentKind
from tests.factories import ProgrammeFactory, SkillFactory, client_for
from tests.rementor.analytics.factories import (
    answered_pairs,
    assess,
    baseline_and_final,
    check_in,
    held_with_pulses,
    idea,
    mentor_objective,
    pair_row,
    seven_mentees,
)


@pytest.fixture
def skill(programme):
    skill = SkillFactory(name_en="LinkedIn")
    programme.skills.set([skill])
    return skill


# Names no page shows by chance (Faker's could be the sponsor's own, in the header).
_numbers = itertools.count()


def _full_pair(programme, skill, *, department="Finance", closes=1, recommend=10, **kwargs):
    """A pair with everything the pages show: sessions, pulses, assessments, check-ins..."""
    n = next(_numbers)
    pair = pair_row(
        programme,
        mentee={
            "department": department,
            "first_name": f"Menteefirst{n}",
            "last_name": f"Menteelast{n}",
        },
        mentor={
            "department": department,
            "first_name": f"Mentorfirst{n}",
            "last_name": f"Mentorlast{n}",
        },
        **kwargs,
    )
    held_with_pulses(pair, days_ago=3, pulses=[(4, 5), (5, 4)])
    held_with_pulses(pair, days_ago=45, minutes=90)
    baseline_and_final(pair, {skill: (1, 3, 2)}, {skill: (1 + closes, 3, 2)})
    check_in(pair, mentee=recommend, mentor=9)
    mentor_objective(pair, progress=60)
    idea(pair, department)
    return pair


def _get(user, name, programme, **params):
    return client_for(user).get(
        reverse(name, args=[programme.slug]), params, HTTP_ACCEPT_LANGUAGE="en"
    )


def _chart(response) -> dict:
    match = re.search(
        r'<script id="results-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "no chart data on the page"
    return json.loads(match.group(1))


def test_dashboard_lists_pairs_at_risk_first_with_a_link(manager, programme, skill):
    pair = _full_pair(programme, skill)
    quiet = pair_row(programme, mentee={"last_name": "Silencieux"})
    held_with_pulses(quiet, days_ago=50)
    response = _get(manager, "analytics:dashboard", programme)
    assert response.status_code == 200
    body = response.content.decode()
    at_risk = body[body.index('data-testid="at-risk-list"') : body.index("</table>")]
    assert reverse("mentoring:pair", args=[quiet.pk]) in at_risk
    assert "Silencieux" in at_risk
    assert reverse("mentoring:pair", args=[pair.pk]) not in at_risk
    assert body.index('data-testid="at-risk-list"') < body.index('data-testid="funnel"')
    chart = _chart(response)
    assert chart["skills"]["datasets"][1]["data"] == [2.0]
    assert 'data-testid="methodology"' in body


def test_dashboard_filters_by_department(manager, programme, skill):
    finance = _full_pair(programme, skill, department="Finance", closes=2)
    _full_pair(programme, skill, department="Marketing", closes=0)
    department = finance.mentee.person.department_id
    every = _chart(_get(manager, "analytics:dashboard", programme))
    only = _chart(_get(manager, "analytics:dashboard", programme, department=department))
    assert every["departments"]["data"] == [100.0, 0.0]
    assert only["departments"]["data"] == [100.0]
    assert only["funnel"]["datasets"][0]["data"][0] == 1


@pytest.fixture
def company(programme, skill):
    """Eight Finance pairs (half the gap closed each), two in a tiny department (all of it):
    ten final self-assessments, so sponsors' figures (in steps of five) count them all. Names
    are kept to check none reaches a sponsor."""
    pairs = [_full_pair(programme, skill, department="Finance") for _ in range(8)]
    pairs += [
        _full_pair(programme, skill, department="Tiny department", closes=2, recommend=0)
        for _ in range(2)
    ]
    quiet = pair_row(
        programme,
        status=PairStatus.PAUSED,
        mentee={"last_name": "Quietlast"},
        mentor={"last_name": "Quietmentor"},
    )
    return [*pairs, quiet]


def test_sponsor_view_shows_no_name_and_no_small_group(sponsor, programme, company):
    response = _get(sponsor, "analytics:sponsor", programme)
    assert response.status_code == 200
    body = response.content.decode()
    for pair in company:
        for person in (pair.mentee.person, pair.mentor.person):
            assert person.last_name not in body
        assert reverse("mentoring:pair", args=[pair.pk]) not in body
    assert 'data-testid="at-risk-list"' not in body
    # The tiny department is left out of the breakdown, and Finance's figure hidden with it:
    # otherwise the all-departments figure minus Finance's would give the tiny one's away.
    table = body[body.index('data-testid="departments-table"') :]
    table = table[: table.index("</table>")]
    assert "Tiny department" not in table
    assert "50 %" not in table  # Finance's share
    assert "100 %" not in _results(response)  # the tiny department's share (not the method)
    chart = _chart(response)
    assert chart["departments"]["data"] == [None]  # Finance, protected
    # 10 mentees: final level (8 x 2 + 2 x 3) / 10 = 2.2; gap closed (8 x 2 + 2 x 4) /
    # (10 x 4) = 60 %, shown.
    assert chart["skills"]["datasets"][1]["data"] == [2.2]
    assert 'data-testid="figure-gap-closed">60' in body.replace("\n", "")
    # One paused pair: hidden; so is another count, or the total would reveal it.
    health = dict(zip(chart["health"]["keys"], chart["health"]["data"], strict=True))
    assert health["paused"] is None
    assert health["on_track"] is None
    assert "You are previewing" not in body


def test_managers_preview_the_sponsor_view(manager, programme, company):
    response = _get(manager, "analytics:sponsor", programme)
    body = response.content.decode()
    assert 'data-testid="preview-note"' in body
    assert company[0].mentee.person.last_name not in body


def test_links_only_for_who_may_open_the_pages(manager, sponsor, programme):
    template = Template(
        '{% include "analytics/includes/dashboard_link.html" %}'
        '{% include "analytics/includes/sponsor_link.html" %}'
    )
    as_manager = template.render(Context({"user": manager, "programme": programme}))
    as_sponsor = template.render(Context({"user": sponsor, "programme": programme}))
    assert reverse("analytics:dashboard", args=[programme.slug]) in as_manager
    assert reverse("analytics:dashboard", args=[programme.slug]) not in as_sponsor
    assert reverse("analytics:sponsor", args=[programme.slug]) in as_sponsor


@pytest.mark.parametrize("name", ["analytics:dashboard", "analytics:sponsor"])
def test_query_count_does_not_grow_with_the_data(
    name, manager, programme, skill, django_assert_num_queries
):
    client = client_for(manager)
    url = reverse(name, args=[programme.slug])
    _full_pair(programme, skill)
    client.get(url)  # sessions, caches
    counts = []
    for size in (1, 4):
        while programme.pairs.count() < size:
            _full_pair(programme, skill, department=f"D{programme.pairs.count() % 2}")
        forget_all()  # computed afresh (not served from the cache), as after any change
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    forget_all()
    with django_assert_num_queries(counts[0]):
        client.get(url)
    # Read again with nothing changed: served from the cache, fewer queries, still fixed.
    cached = []
    for _size in (5, 6):
        _full_pair(programme, skill)
        client.get(url)
        reset_queries()  # a long test fills the log CaptureQueriesContext counts in
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        cached.append(len(queries))
    assert cached[0] == cached[1]
    assert 0 < cached[0] < counts[0]


def _results(response) -> str:
    """The figures as the page prints them (without the per-request parts of the page)."""
    body = response.content.decode()
    return body[body.index('data-testid="key-figures"') : body.index('data-testid="methodology"')]


def _no_small_figure_or_difference(chart) -> None:
    for name in ("funnel", "nps", "growth"):
        for dataset in chart[name]["datasets"]:
            values = [v for v in dataset["data"] if v is not None]
            if name == "funnel":
                assert all(v == 0 or v >= 5 for v in values), (name, values)
                for a, b in combinations(values, 2):
                    assert not 0 < abs(a - b) < 5, (name, values)
    for name in ("health", "ideas"):
        assert all(v is None or v == 0 or v >= 5 for v in chart[name]["data"]), name


def test_sponsor_view_hides_small_categories_and_drop_offs(sponsor, manager, programme, skill):
    seven_mentees(programme, skill)
    # The programme team sees everything: 9 mentees invited, 7 enrolled; NPS (5 - 2) / 7.
    full = _chart(_get(manager, "analytics:dashboard", programme))
    assert full["funnel"]["datasets"][0]["data"][:2] == [9, 7]
    assert full["nps"]["datasets"][2]["data"] == [None, 43]
    response = _get(sponsor, "analytics:sponsor", programme)
    figures = _results(response)
    chart = _chart(response)
    # Two detractors among the answers: no score, no share, in the page or its chart data.
    assert chart["nps"]["datasets"][2]["data"] == [None, None]
    assert 'data-testid="figure-nps"><span class="results-hidden">fewer than 5' in figures
    for leak in ("43", "29", "−2"):
        assert leak not in figures, leak
    # 9 invited and 7 enrolled would say "2 declined": the 7 is hidden, and no drop-off.
    assert chart["funnel"]["datasets"][0]["data"][:2] == [9, None]
    drops = [int(drop) for drop in re.findall(r"\(−(\d+)\)", figures)]
    assert drops and all(drop >= 5 for drop in drops)  # e.g. 7 active, 0 completed
    _no_small_figure_or_difference(chart)


def test_sponsor_figures_do_not_move_with_one_more_final_check_in(
    sponsor, manager, programme, skill
):
    pairs = answered_pairs(programme, skill)
    before = _get(sponsor, "analytics:sponsor", programme)
    full_before = _chart(_get(manager, "analytics:dashboard", programme))
    # 20 answers: 10 promoters, 5 passives, 5 detractors: the score is shown (roles are not:
    # each has a category nobody is in).
    assert _chart(before)["nps"]["datasets"][2]["data"] == [None, 25]
    assert 'data-testid="figure-gap-closed">' in _results(before)

    last = pairs[-1]
    assess(last.mentee, AssessmentKind.FINAL, {skill: (3, 3, 2)})
    check_in(last, mentee=0)
    after = _get(sponsor, "analytics:sponsor", programme)
    assert _chart(after) == _chart(before)
    assert _results(after) == _results(before)
    # The programme team sees the new answer at once.
    assert _chart(_get(manager, "analytics:dashboard", programme))["nps"] != full_before["nps"]


def _pulse_table(response) -> str:
    body = response.content.decode()
    table = body[body.index('data-testid="pulse-table"') :]
    return table[: table.index("</table>")]


def test_sponsor_view_hides_pulse_averages_that_tell_each_answer(sponsor, manager, programme):
    # Eight mentees each gave 5 and 5: "5.0" says what every one of them answered. Seven
    # mentors gave 3 and 4 (not an end of the 1-5 scale). 15 people: one step of 5, thrice.
    for index in range(8):
        held_with_pulses(pair_row(programme), pulses=[(5, 5), (3, 4)] if index < 7 else [(5, 5)])
    assert "5.0" in _pulse_table(_get(manager, "analytics:dashboard", programme))
    table = _pulse_table(_get(sponsor, "analytics:sponsor", programme))
    assert "5.0" not in table
    # The mentors' line goes too (everyone minus the mentors would be the mentees), and the
    # total of everyone stays: usefulness (40 + 21) / 15, comfort (40 + 28) / 15.
    assert table.count('results-hidden">hidden') == 6
    assert "4.1" in table and "4.5" in table


def test_sponsor_view_hides_a_gap_everyone_closed(sponsor, manager, programme, skill):
    # Six mentees all reached their target: "100 %" says what each of them did.
    for _ in range(6):
        pair = pair_row(programme)
        baseline_and_final(pair, {skill: (1, 3, 2)}, {skill: (3, 3, 2)})
    full = _results(_get(manager, "analytics:dashboard", programme))
    assert re.search(r'data-testid="figure-gap-closed">100', full)
    figures = _results(_get(sponsor, "analytics:sponsor", programme))
    gap = figures[figures.index('data-testid="figure-gap-closed"') :]
    assert 'results-hidden">hidden' in gap[: gap.index("</p>")]
    skills_table = figures[figures.index('data-testid="skills-table"') :]
    assert "100" not in skills_table[: skills_table.index("</table>")]


@pytest.mark.parametrize(
    ("language", "words"), [("en", "no session yet"), ("fr", "aucune séance pour l’instant")]
)
def test_at_risk_pair_that_never_met_says_so_instead_of_a_day_count(
    manager, programme, language, words
):
    never = pair_row(programme, mentee={"last_name": "Jamais"})
    Pair.objects.filter(pk=never.pk).update(created_at=timezone.now() - dt.timedelta(days=40))
    programme.start_date = (timezone.now() - dt.timedelta(days=60)).date()
    programme.save()
    quiet = pair_row(programme, mentee={"last_name": "Silencieux"})
    held_with_pulses(quiet, days_ago=50)
    response = client_for(manager).get(
        reverse("analytics:dashboard", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE=language
    )
    body = response.content.decode()
    at_risk = body[body.index('data-testid="at-risk-list"') : body.index("</table>")]
    rows = {row.split("</th>")[0]: row for row in at_risk.split("<tr>")[1:]}
    (never_row,) = [row for head, row in rows.items() if "Jamais" in head]
    (quiet_row,) = [row for head, row in rows.items() if "Silencieux" in head]
    assert words in never_row
    assert words not in quiet_row and ">50<" in quiet_row


# --------------------------------------------------------------------------- the verdict


def _verdict(response) -> str:
    body = response.content.decode()
    start = body.index('data-testid="verdict"')
    return body[start : body.index("</section>", start)]


def _answer(verdict: str, key: str) -> str:
    start = verdict.index(f'data-testid="verdict-{key}"')
    return verdict[start : verdict.index("</div>", start)]


@pytest.mark.parametrize("name", ["analytics:sponsor", "analytics:dashboard"])
def test_results_page_opens_with_the_verdict(name, manager, programme, company):
    response = _get(manager, name, programme)
    body = response.content.decode()
    verdict = _verdict(response)
    # First on the page: before the privacy note and every figure.
    assert body.index('data-testid="verdict"') < body.index('data-testid="key-figures"')
    if name == "analytics:sponsor":
        assert body.index('data-testid="verdict"') < body.index('data-testid="suppression-note"')
    for key in ("gap", "participation", "satisfaction", "outcomes"):
        assert f'data-testid="verdict-{key}"' in verdict
    # The same figure as the key figures, rounded the same way: 60 % of the gap closed.
    assert "Mentees closed 60\u00a0% of their priority-weighted digital skills gap" in verdict
    assert "(n\u00a0=\u00a010 mentees)" in verdict
    assert 'data-testid="figure-gap-closed">60&nbsp;%' in body
    assert 'href="#methodology-title"' in verdict
    assert 'id="methodology-title"' in body
    for pair in company:
        assert pair.mentee.person.last_name not in verdict


def test_sponsor_verdict_in_french(sponsor, programme, company):
    response = client_for(sponsor).get(
        reverse("analytics:sponsor", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE="fr"
    )
    verdict = _verdict(response)
    assert "L’écart numérique s’est-il réduit\u00a0?" in verdict
    assert "60\u00a0%" in verdict
    for english in ("Did ", "Would they", "mentees", "Not shown", "check-in"):
        assert english not in verdict, english


def test_sponsor_verdict_trend_against_the_previous_programme(sponsor, programme, skill, company):
    """Wave 1's ten mentees closed half their gap, this programme's 60 %: the verdict says
    "up", in words as well as with the arrow."""
    earlier = ProgrammeFactory(
        name="Wave 1",
        status=ProgrammeStatus.CLOSED,
        start_date=programme.start_date - dt.timedelta(days=400),
        end_date=programme.start_date - dt.timedelta(days=200),
    )
    earlier.skills.set([skill])
    for _ in range(10):
        baseline_and_final(pair_row(earlier), {skill: (1, 3, 2)}, {skill: (2, 3, 2)})
    verdict = _verdict(_get(sponsor, "analytics:sponsor", programme))
    gap = _answer(verdict, "gap")
    assert 'data-trend="up"' in gap
    assert "Up from 50\u00a0% in “Wave 1”." in gap
    assert '<span class="verdict-arrow" aria-hidden="true">▲</span>' in gap


def test_sponsor_verdict_of_small_groups_shows_no_number_and_no_trend(
    sponsor, manager, programme, skill
):
    """Three pairs: every figure stands for fewer than 5 people. A previous programme large
    enough to show its figures must not give a sign to compare the hidden ones with."""
    for _ in range(3):
        _full_pair(programme, skill)
    earlier = ProgrammeFactory(
        status=ProgrammeStatus.CLOSED,
        start_date=programme.start_date - dt.timedelta(days=400),
        end_date=programme.start_date - dt.timedelta(days=200),
    )
    earlier.skills.set([skill])
    for _ in range(10):
        _full_pair(earlier, skill)
    team = _verdict(_get(manager, "analytics:dashboard", programme))
    assert "(n\u00a0=\u00a03 mentees)" in team  # the programme team sees it all
    verdict = _verdict(_get(sponsor, "analytics:sponsor", programme))
    assert "data-trend" not in verdict
    assert "Fewer than 5 mentees have submitted a final self-assessment: not shown." in verdict
    for key in ("gap", "satisfaction"):
        answer = _answer(verdict, key)
        assert 'data-shown="false"' in answer
        text = re.sub(r"<[^>]+>", "", answer)
        assert set(re.findall(r"\d+", text)) <= {"5"}, text


# --------------------------------------------------------------------------- charts


@pytest.mark.parametrize(("who", "name"), [("manager", "dashboard"), ("sponsor", "sponsor")])
def test_charts_with_no_data_are_not_drawn_and_say_why(request, who, name, programme, skill):
    response = _get(request.getfixturevalue(who), f"analytics:{name}", programme)
    body = response.content.decode()
    for chart, reason in (
        ("health", "No pair has been formed yet."),
        ("funnel", "Nobody has been invited to the programme yet."),
        ("growth", "No mentor has set objectives of their own yet."),
        ("nps", "No check-in answered yet."),
    ):
        assert f'data-chart="{chart}"' not in body, chart
        assert f'data-testid="chart-note-{chart}">{reason}<' in body, chart
    assert "<canvas" not in body


def test_sponsor_chart_of_hidden_figures_is_not_drawn(sponsor, programme, skill):
    for _ in range(3):
        _full_pair(programme, skill)
    body = _get(sponsor, "analytics:sponsor", programme).content.decode()
    assert 'data-chart="growth"' not in body
    assert 'data-testid="chart-note-growth">Not drawn: every figure of this chart' in body
    assert 'data-chart="funnel"' not in body  # 3 mentees and 3 mentors: all hidden


def test_no_final_check_in_yet_is_said_beside_the_satisfaction_chart(manager, programme):
    pair = pair_row(programme)
    check_in(pair, kind="midterm", mentee=9, mentor=10)
    body = _get(manager, "analytics:dashboard", programme).content.decode()
    assert 'data-chart="nps"' in body
    assert 'data-testid="chart-note-nps-final">No final check-in yet' in body


def test_gap_closed_by_department_falls_back_to_the_programme_wide_line(sponsor, programme, skill):
    """Three departments of two mentees: none can be shown, the programme's five counted
    final self-assessments (in steps of five) can."""
    for index in range(6):
        _full_pair(programme, skill, department=f"Small {index % 3}")
    response = _get(sponsor, "analytics:sponsor", programme)
    body = response.content.decode()
    chart = _chart(response)
    assert chart["departments"]["labels"] == ["All departments"]
    assert chart["departments"]["data"] == [50.0]
    assert 'data-chart="departments"' in body
    table = body[body.index('data-testid="departments-table"') :]
    table = table[: table.index("</table>")]
    assert 'data-testid="programme-wide-row"' in table
    assert "Small 0" not in table
    assert 'data-testid="departments-grouped"' in body


def test_gap_closed_fallback_line_is_hidden_too_when_too_small(sponsor, programme, skill):
    for index in range(3):
        _full_pair(programme, skill, department=f"Small {index}")
    body = _get(sponsor, "analytics:sponsor", programme).content.decode()
    # Fewer than five final self-assessments: no impact section figures at all.
    assert 'data-chart="departments"' not in body
    assert 'data-chart="skills"' not in body


def test_ideas_chart_falls_back_to_every_idea_when_no_department_can_be_shown(
    sponsor, manager, programme
):
    """Five pairs log an idea for Finance, two for a small department: the small one is
    hidden, Finance with it (or the total would give it away); the total, seven, is shown."""
    for index in range(7):
        idea(pair_row(programme), "Finance" if index < 5 else "Small")
    assert _chart(_get(manager, "analytics:dashboard", programme))["ideas"]["data"] == [5, 2]
    response = _get(sponsor, "analytics:sponsor", programme)
    chart = _chart(response)
    assert chart["ideas"]["labels"] == ["All ideas"]
    assert chart["ideas"]["data"] == [7]
    assert 'data-chart="ideas"' in response.content.decode()
