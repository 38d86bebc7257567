"""One definition of each head-count: the managers' home, the programme list, the programme
page and the results' funnel say the same number of accepted mentees and mentors."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rementor.programmes.models import EnrollmentStatus, ProgrammeStatus, Role
from rementor.programmes.queries import head_counts, programmes_with_counts
from tests.factories import client_for
from tests.rementor.analytics.factories import enrol

pytestmark = pytest.mark.django_db

# Mentors: 3 accepted and 1 done (4 accepted), 2 applied and 1 invited (3 undecided), 1
# declined and 1 withdrawn (listed, never counted). Mentees: 5 accepted, 2 invited.
PEOPLE = {
    Role.MENTOR: {
        EnrollmentStatus.ACCEPTED: 3,
        EnrollmentStatus.COMPLETED: 1,
        EnrollmentStatus.APPLIED: 2,
        EnrollmentStatus.INVITED: 1,
        EnrollmentStatus.DECLINED: 1,
        EnrollmentStatus.WITHDRAWN: 1,
    },
    Role.MENTEE: {EnrollmentStatus.ACCEPTED: 5, EnrollmentStatus.INVITED: 2},
}


@pytest.fixture
def staffed(programme):
    programme.status = ProgrammeStatus.RUNNING
    programme.save()
    for role, statuses in PEOPLE.items():
        for status, count in statuses.items():
            for _ in range(count):
                enrol(programme, role, status=status)
    return programme


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _get(user, url, language="en") -> str:
    return client_for(user).get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_the_counts_are_defined_once(staffed):
    assert head_counts(staffed) == {
        "accepted_mentees": 5,
        "accepted_mentors": 4,
        "undecided_mentees": 2,
        "undecided_mentors": 3,
    }


def test_home_programme_page_and_funnel_agree(manager, staffed):
    home = _get(manager, reverse("home"))
    assert re.search(r'data-testid="accepted-mentees">5<', home)
    assert re.search(r'data-testid="accepted-mentors">4<', home)
    assert "Accepted mentors" in home and "Invited or applied" in home
    listing = _get(manager, reverse("programmes:list"))
    assert re.search(r'data-testid="accepted-mentors">4<', listing)
    page = _get(manager, reverse("programmes:detail", args=[staffed.slug]))
    counts = [_text(c) for c in re.findall(r'data-testid="head-count">(.*?)</p>', page, re.S)]
    assert counts == [
        "5 accepted · 2 invited or applied, not decided yet · 7 listed, declined and withdrawn "
        "included",
        "4 accepted · 3 invited or applied, not decided yet · 9 listed, declined and withdrawn "
        "included",
    ]
    dashboard = _get(manager, reverse("analytics:dashboard", args=[staffed.slug]))
    table = dashboard[dashboard.index('data-testid="funnel-table"') :]
    table = table[: table.index("</table>")]
    enrolled = next(r for r in table.split("<tr>") if "Enrolled" in r)
    cells = [_text(c) for c in re.findall(r'<td class="text-end">(.*?)</td>', enrolled, re.S)]
    assert [re.sub(r"\s*\(−\d+\)", "", c) for c in cells[:2]] == ["5", "4"]


def test_the_programme_page_counts_in_french(manager, staffed):
    page = _get(manager, reverse("programmes:detail", args=[staffed.slug]), "fr")
    counts = [_text(c) for c in re.findall(r'data-testid="head-count">(.*?)</p>', page, re.S)]
    assert counts[1].startswith("4 acceptés · 3 invités ou candidats")
    assert "accepted" not in _text(page)  # the text; a filter's option value is "accepted"


def test_counting_every_programme_is_one_query(staffed):
    with CaptureQueriesContext(connection) as context:
        rows = list(programmes_with_counts())
    assert len(context.captured_queries) == 1
    assert rows[0].accepted_mentors == 4
