"""The needs heat map page, as a programme manager and as a sponsor."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from tests.factories import SkillCategoryFactory, SkillFactory, client_for
from tests.rementor.analytics.factories import mentee_with_baseline


@pytest.fixture
def skills(programme):
    category = SkillCategoryFactory(name_fr="Réseaux sociaux", name_en="Social media")
    s1 = SkillFactory(category=category, position=1, name_fr="LinkedIn", name_en="LinkedIn")
    s2 = SkillFactory(category=category, position=2, name_fr="TikTok", name_en="TikTok")
    programme.skills.set([s1, s2])
    return s1, s2


def _mentees(programme, department, count, answers, **kwargs):
    for _ in range(count):
        mentee_with_baseline(programme=programme, department=department, answers=answers, **kwargs)


@pytest.fixture
def groups(programme, skills):
    """Weighted gaps (priority x max(0, target - level)):

    Finance (6 people): s1 1 each -> 1.0; s2 answered by 3 only: 12, 12, 9 -> 11.0 (n = 3)
    Marketing (5): s1 8 each -> 8.0; s2 6 each -> 6.0
    Tiny department (2): s1 12 and 9 -> 10.5; s2 1 and 4 -> 2.5
    Totals: s1 67 / 13 -> 5.2; s2 68 / 10 -> 6.8; Finance 39 / 9 answers -> 4.3.
    """
    s1, s2 = skills
    _mentees(programme, "Finance", 3, {s1: (1, 2, 1)})
    _mentees(programme, "Finance", 2, {s1: (1, 2, 1), s2: (0, 4, 3)})
    _mentees(programme, "Finance", 1, {s1: (1, 2, 1), s2: (1, 4, 3)})
    _mentees(programme, "Marketing", 5, {s1: (0, 4, 2), s2: (0, 3, 2)}, site="Lyon")
    _mentees(programme, "Tiny department", 1, {s1: (0, 4, 3), s2: (0, 1, 1)})
    _mentees(programme, "Tiny department", 1, {s1: (1, 4, 3), s2: (0, 4, 1)})
    return skills


@pytest.fixture
def in_steps(groups, programme):
    """``groups`` with two more mentees in the tiny department (now 4 people, the same
    answers twice): 15 baselines, so the sponsors' heat map, computed on the oldest baselines
    in steps of 5, counts them all. Totals: s1 88 / 15 -> 5.9; s2 73 / 12 -> 6.1."""
    s1, s2 = groups
    _mentees(programme, "Tiny department", 1, {s1: (0, 4, 3), s2: (0, 1, 1)})
    _mentees(programme, "Tiny department", 1, {s1: (1, 4, 3), s2: (0, 4, 1)})
    return groups


def _get(user, programme, **params):
    return client_for(user).get(reverse("analytics:needs", args=[programme.slug]), params)


def _chart(response) -> dict:
    match = re.search(
        r'<script id="needs-heatmap-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "no chart data on the page"
    return json.loads(match.group(1))


def _table(response) -> str:
    body = response.content.decode()
    return body[body.index('data-testid="needs-table"') : body.index("</table>")]


def test_needs_manager_sees_every_cell(manager, programme, groups):
    response = _get(manager, programme)
    assert response.status_code == 200
    body = response.content.decode()
    for figure in ("11,0", "10,5", "2,5", "8,0", "6,0", "1,0", "5,2", "6,8", "4,3"):
        assert figure in body, figure
    assert "Tiny department" in body
    assert {(p["y"], p["x"], p["v"], p["n"]) for p in _chart(response)["points"]} == {
        ("Finance", "LinkedIn", 1.0, 6),
        ("Finance", "TikTok", 11.0, 3),
        ("Marketing", "LinkedIn", 8.0, 5),
        ("Marketing", "TikTok", 6.0, 5),
        ("Tiny department", "LinkedIn", 10.5, 2),
        ("Tiny department", "TikTok", 2.5, 2),
    }
    assert 'data-testid="top-needs"' in body
    assert 'data-testid="site-filter"' in body


def test_needs_sponsor_never_receives_a_small_group(sponsor, programme, in_steps):
    response = _get(sponsor, programme)
    assert response.status_code == 200
    body = response.content.decode()
    # Small groups (Finance x TikTok: 3 people; the 4-person department) and the Finance x
    # LinkedIn cell hidden to protect them: neither their figures nor their names are sent.
    for leak in (
        "11,0",
        "11.0",
        "10,5",
        "10.5",
        "2,5",
        "2.5",
        "6,5",
        "Tiny department",
        "n&nbsp;=&nbsp;3",
        "n&nbsp;=&nbsp;4",
    ):
        assert leak not in body, leak
    # LinkedIn: 15 people, 5 in Marketing; Finance's hidden cell holds 5 or 6 (its row has 6
    # people), so Marketing's 5 shown would pin the tiny department's at 4: Marketing's cells
    # are hidden too (then its TikTok cell, alone hidden in its row), and, Marketing's count
    # being its row's, LinkedIn's total as well.
    assert _chart(response)["points"] == []
    assert _chart(response)["y"] == ["Finance", "Marketing"]
    table = _table(response)
    assert "moins de 5" in table or "fewer than 5" in table
    assert 'data-testid="protected-note"' in body
    # Shown: groups of at least five people, whose parts cannot be worked out.
    for figure in ("4,3", "7,0", "6,1"):
        assert figure in table, figure
    for figure in ("8,0", "6,0", "1,0", "5,9"):
        assert figure not in table, figure
    assert 'data-testid="top-needs"' not in body
    assert 'data-testid="site-filter"' not in body
    assert 'data-testid="suppression-note"' in body


def test_needs_sponsor_cannot_filter_by_site(sponsor, programme, in_steps):
    # Comparing a site with all sites would reveal the other sites' people by subtraction.
    everything = _get(sponsor, programme)
    lyon = _get(sponsor, programme, site="Lyon")
    assert _chart(lyon) == _chart(everything)
    assert _table(lyon) == _table(everything)


def test_needs_manager_filters_by_site(manager, programme, groups):
    response = _get(manager, programme, site="Lyon")
    assert {p["y"] for p in _chart(response)["points"]} == {"Marketing"}
    assert "Lyon" in _table(response)


def test_needs_manager_unknown_site_shows_everything(manager, programme, groups):
    assert _chart(_get(manager, programme, site="Atlantis")) == _chart(_get(manager, programme))


def test_needs_shows_the_hidden_cells_in_english(sponsor, programme, in_steps):
    client = client_for(sponsor)
    response = client.get(
        reverse("analytics:needs", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    table = _table(response)
    assert "fewer than 5" in table
    assert "hidden" in table


def test_needs_empty_state_before_any_baseline(manager, programme, skills):
    response = _get(manager, programme)
    body = response.content.decode()
    assert 'data-testid="empty-state"' in body
    assert "needs-heatmap-data" not in body
    assert "<table" not in body.split('data-testid="empty-state"')[1]


def test_needs_empty_state_for_sponsor_when_every_group_is_small(sponsor, programme, skills):
    _mentees(programme, "Finance", 4, {skills[0]: (0, 4, 3)})
    body = _get(sponsor, programme).content.decode()
    assert 'data-testid="empty-state"' in body
    assert "needs-heatmap-data" not in body
    assert "Finance" not in body


def test_needs_page_has_no_inline_script_or_style(manager, programme, groups):
    body = _get(manager, programme).content.decode()
    assert " style=" not in body
    for script in re.findall(r"<script\b[^>]*>", body):
        assert "src=" in script or 'type="application/json"' in script, script


def test_needs_link_include_for_who_may_see_it(manager, pair_member, programme):
    from django.template.loader import render_to_string

    html = render_to_string(
        "analytics/includes/needs_link.html", {"programme": programme, "user": manager}
    )
    assert reverse("analytics:needs", args=[programme.slug]) in html
    html = render_to_string(
        "analytics/includes/needs_link.html", {"programme": programme, "user": pair_member}
    )
    assert html.strip() == ""


@pytest.mark.parametrize("who", ["manager", "sponsor"])
def test_needs_query_count_does_not_grow(
    request, who, programme, skills, django_assert_num_queries
):
    user = request.getfixturevalue(who)
    client = client_for(user)
    url = reverse("analytics:needs", args=[programme.slug])
    # Sponsors: two more for Django's model-permission fallback (cached per request), one
    # for the baselines their heat map is computed on.
    expected = {"manager": 8, "sponsor": 10}[who]
    for size in (5, 40):
        for index in range(size):
            mentee_with_baseline(
                programme=programme,
                department=f"Department {index % 6}",
                site=("Paris", "Lyon")[index % 2],
                answers={skill: (index % 4, 4, index % 3) for skill in skills},
            )
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200


def test_needs_sponsor_heat_map_does_not_move_with_one_more_baseline(
    sponsor, manager, programme, in_steps
):
    s1, s2 = in_steps
    before = _get(sponsor, programme)
    full_before = _chart(_get(manager, programme))
    _mentees(programme, "Marketing", 1, {s1: (4, 4, 3), s2: (4, 4, 3)}, site="Lyon")
    after = _get(sponsor, programme)
    assert _chart(after) == _chart(before)
    assert _table(after) == _table(before)
    assert _chart(_get(manager, programme)) != full_before  # the team sees it at once


def test_needs_sponsor_waits_for_five_baselines(sponsor, programme, skills):
    _mentees(programme, "Finance", 4, {skills[0]: (0, 4, 3)})
    response = client_for(sponsor).get(
        reverse("analytics:needs", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    # Four answers: none shown yet, and the page says why (not "no answer yet").
    assert "Too few mentees have answered so far" in body
    assert "No mentee has submitted a baseline" not in body


def test_needs_sponsor_sees_the_programme_wide_line_when_every_department_is_small(
    sponsor, programme, skills
):
    """Three departments of two mentees: none may be shown; the programme's five oldest
    baselines (a step of five) may, as one line, instead of an empty page."""
    s1, s2 = skills
    for index in range(6):
        _mentees(programme, f"Small {index % 3}", 1, {s1: (1, 3, 2), s2: (1, 2, 1)})
    response = client_for(sponsor).get(
        reverse("analytics:needs", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert 'data-testid="programme-wide-only"' in body
    assert 'data-testid="empty-state"' not in body
    table = _table(response)
    assert 'data-testid="programme-wide-row"' in table
    assert "Small 0" not in body and "Small 1" not in body
    chart = _chart(response)
    assert chart["y"] == ["All departments"]
    # Five people each: s1 priority 2 x gap 2 = 4.0, s2 1 x 1 = 1.0.
    assert {(p["x"], p["v"], p["n"]) for p in chart["points"]} == {
        ("LinkedIn", 4.0, 5),
        ("TikTok", 1.0, 5),
    }


def test_needs_sponsor_programme_wide_line_follows_the_rule_too(sponsor, programme, skills):
    """Four mentees in all: the programme-wide line is as small as its departments: the page
    says why there is nothing, and draws nothing."""
    s1, _s2 = skills
    for index in range(4):
        _mentees(programme, f"Small {index % 2}", 1, {s1: (1, 3, 2)})
    body = (
        client_for(sponsor)
        .get(reverse("analytics:needs", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert 'data-testid="empty-state"' in body
    assert "Too few mentees have answered so far" in body
    assert 'data-testid="programme-wide-only"' not in body
    assert "needs-heatmap-data" not in body
    assert "<table" not in body.split('data-testid="empty-state"')[1]


def test_needs_manager_never_falls_back(manager, programme, skills):
    s1, _s2 = skills
    for index in range(6):
        _mentees(programme, f"Small {index % 3}", 1, {s1: (1, 3, 2)})
    body = _get(manager, programme).content.decode()
    assert "Small 0" in body
    assert 'data-testid="programme-wide-only"' not in body
