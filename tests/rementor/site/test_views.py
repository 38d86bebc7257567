"""The home page: what a sponsor sees of the programmes, and that it gives nothing away."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rementor.analytics.results_cache import forget_all
from rementor.programmes.models import EnrollmentStatus, ProgrammeStatus, Role
from tests.factories import ProgrammeFactory, client_for
from tests.rementor.analytics.factories import enrol


@pytest.fixture
def running(programme):
    programme.status = ProgrammeStatus.RUNNING
    programme.save()
    return programme


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _home_cells(user) -> list[str]:
    """The mentees' and mentors' cells of the sponsor's table, first programme."""
    body = client_for(user).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    table = body[body.index('data-testid="sponsored-programmes"') :]
    start = table.index("<tbody>")
    row = table[start : table.index("</tr>", start)]
    return [_text(cell) for cell in re.findall(r'<td class="text-end">(.*?)</td>', row, re.S)]


def _results_enrolled(user, programme) -> list[str]:
    """The mentees' and mentors' cells of the "Enrolled" row of the results page's funnel."""
    response = client_for(user).get(
        reverse("analytics:sponsor", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    table = body[body.index('data-testid="funnel-table"') :]
    table = table[: table.index("</table>")]
    row = next(r for r in table.split("<tr>") if "Enrolled" in r)
    cells = [_text(c) for c in re.findall(r'<td class="text-end">(.*?)</td>', row, re.S)]
    return [re.sub(r"\s*\(−\d+\)", "", cell) for cell in cells[:2]]


def _people(programme, role, status, count):
    for _ in range(count):
        enrol(programme, role, status=status)


def test_home_sponsor_sees_enrolled_people_of_large_groups(sponsor, running):
    _people(running, Role.MENTEE, EnrollmentStatus.ACCEPTED, 12)
    _people(running, Role.MENTOR, EnrollmentStatus.ACCEPTED, 10)
    assert _home_cells(sponsor) == ["12", "10"]
    assert _results_enrolled(sponsor, running) == ["12", "10"]


def test_home_sponsor_cannot_work_out_who_declined(sponsor, running):
    # 7 mentees invited, 5 accepted, 2 declined. The results page hides the 5 (7 - 5 would
    # say "2 declined"): the home page must not show it either.
    _people(running, Role.MENTEE, EnrollmentStatus.ACCEPTED, 5)
    _people(running, Role.MENTEE, EnrollmentStatus.DECLINED, 2)
    _people(running, Role.MENTOR, EnrollmentStatus.ACCEPTED, 6)
    home = _home_cells(sponsor)
    assert home[0] not in ("5", "7")
    assert home == _results_enrolled(sponsor, running)


def test_home_sponsor_cannot_work_out_who_withdrew(sponsor, running):
    # 11 mentees still in (6 invited, 5 accepted) and 1 withdrawn: 12 invited on the results
    # page; the home page's own "11" would say "1 withdrew".
    _people(running, Role.MENTEE, EnrollmentStatus.INVITED, 6)
    _people(running, Role.MENTEE, EnrollmentStatus.ACCEPTED, 5)
    _people(running, Role.MENTEE, EnrollmentStatus.WITHDRAWN, 1)
    _people(running, Role.MENTOR, EnrollmentStatus.ACCEPTED, 5)
    home = _home_cells(sponsor)
    assert "11" not in home
    assert home == _results_enrolled(sponsor, running) == ["5", "5"]


def test_home_sponsor_sees_small_groups_as_fewer_than_five(sponsor, running):
    _people(running, Role.MENTEE, EnrollmentStatus.ACCEPTED, 3)
    _people(running, Role.MENTOR, EnrollmentStatus.ACCEPTED, 8)
    home = _home_cells(sponsor)
    assert home[0] == "fewer than 5"
    assert "3" not in home
    # The mentors' 8 beside a total of 11 would give the 3 away: hidden too.
    assert home == _results_enrolled(sponsor, running)
    assert "8" not in home


def test_home_sponsor_figures_match_the_results_page_whatever_the_statuses(sponsor, running):
    statuses = [
        EnrollmentStatus.INVITED,
        EnrollmentStatus.APPLIED,
        EnrollmentStatus.ACCEPTED,
        EnrollmentStatus.DECLINED,
        EnrollmentStatus.WITHDRAWN,
        EnrollmentStatus.COMPLETED,
    ]
    for index, status in enumerate(statuses):
        _people(running, Role.MENTEE, status, 1 + index)
        _people(running, Role.MENTOR, status, 6 - index)
    assert _home_cells(sponsor) == _results_enrolled(sponsor, running)


def test_home_sponsor_query_count_does_not_grow_with_programmes(sponsor, running):
    _people(running, Role.MENTEE, EnrollmentStatus.ACCEPTED, 6)
    client = client_for(sponsor)
    client.get(reverse("home"))
    forget_all()  # the funnels computed afresh (not served from the cache)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    with CaptureQueriesContext(connection) as one_cached:
        client.get(reverse("home"))
    for _ in range(3):
        other = ProgrammeFactory(status=ProgrammeStatus.RUNNING)
        _people(other, Role.MENTEE, EnrollmentStatus.ACCEPTED, 6)
    forget_all()
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("home"))
    with CaptureQueriesContext(connection) as four_cached:
        client.get(reverse("home"))
    assert len(four) == len(one)
    assert len(four_cached) == len(one_cached) < len(one)


def test_home_sponsor_leaves_draft_programmes_out(sponsor, programme):
    _people(programme, Role.MENTEE, EnrollmentStatus.ACCEPTED, 6)
    body = client_for(sponsor).get(reverse("home")).content.decode()
    assert programme.name not in body
