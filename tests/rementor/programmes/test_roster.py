"""The programme page's participants: a filtered list cut into pages, with the head-counts
above it, in the same few queries whatever the number of people."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rementor.programmes.models import Role
from rementor.programmes.views import ROSTER_PAGE_SIZE
from rementor.skills.models import Assessment, AssessmentKind
from tests.factories import EnrollmentFactory, PersonFactory, client_for

pytestmark = pytest.mark.django_db


def _enrol(programme, *, last_name="Martin", role=Role.MENTEE, status="accepted", given=False):
    person = PersonFactory(last_name=last_name)
    enrollment = EnrollmentFactory(programme=programme, person=person, role=role, status=status)
    if given:
        Assessment.objects.create(
            enrollment=enrollment, kind=AssessmentKind.BASELINE, submitted_at=timezone.now()
        )
    return enrollment


def _rows(body: str) -> list[str]:
    return re.findall(r'<tr data-testid="list-row">\s*<th scope="row"><a [^>]*>(.*?)</a>', body)


def _page(manager, programme, query: str = "") -> str:
    response = client_for(manager).get(reverse("programmes:detail", args=[programme.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def enrolled(programme):
    return {
        "given": _enrol(programme, last_name="Aubertin", given=True),
        "waiting": _enrol(programme, last_name="Bernard", status="invited"),
        "mentor": _enrol(programme, last_name="Caron", role=Role.MENTOR),
        "declined": _enrol(programme, last_name="Durand", role=Role.MENTOR, status="declined"),
    }


def test_every_participant_listed_by_name_with_their_needs(manager, programme, enrolled):
    body = _page(manager, programme)
    assert [name.split()[-1] for name in _rows(body)] == ["Aubertin", "Bernard", "Caron", "Durand"]
    assert "donnés le" in body and "pas encore" in body
    assert 'data-testid="roster-pages"' not in body  # one page: no page links


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?role=mentor", ["Caron", "Durand"]),
        ("?status=declined", ["Durand"]),
        ("?needs=given", ["Aubertin"]),
        ("?needs=missing", ["Bernard"]),  # mentees only: mentors give no needs
        ("?q=bern", ["Bernard"]),
        ("?role=mentee&status=invited&q=BERNARD", ["Bernard"]),
    ],
)
def test_filters(manager, programme, enrolled, query, expected):
    assert [name.split()[-1] for name in _rows(_page(manager, programme, query))] == expected


def test_unknown_filter_values_are_dropped_not_errors(manager, programme, enrolled):
    body = _page(manager, programme, "?role=boss&status=%00&needs=x&q=" + "a" * 500)
    assert len(_rows(body)) == 4 and "is-invalid" in body  # every value left out, and said
    body = _page(manager, programme, "?role=boss&q=aubert")
    assert [name.split()[-1] for name in _rows(body)] == ["Aubertin"]  # the valid one applies


def test_nobody_matches(manager, programme, enrolled):
    body = _page(manager, programme, "?q=zzz")
    assert 'data-testid="no-list-rows"' in body and not _rows(body)


def test_pages_of_fifty_and_hostile_page_numbers(manager, programme):
    for index in range(ROSTER_PAGE_SIZE + 3):
        _enrol(programme, last_name=f"Nom{index:03d}")
    first = _page(manager, programme)
    assert len(_rows(first)) == ROSTER_PAGE_SIZE and "page=2" in first
    for page in ("2", "0", "-1", "99999", "abc"):
        body = _page(manager, programme, f"?page={page}")
        expected = ROSTER_PAGE_SIZE if page == "abc" else 3
        assert len(_rows(body)) == expected, page
    kept = _page(manager, programme, "?role=mentee&page=1")
    assert "role=mentee&amp;page=2" in kept  # the page links keep the filters


def test_head_counts_stay_whatever_the_filters(manager, programme, enrolled):
    body = _page(manager, programme, "?role=mentor&q=zzz")
    counts = re.findall(r'data-testid="head-count">(.*?)</p>', body, re.S)
    assert len(counts) == 2 and "<strong>1</strong>" in counts[0]


def test_queries_do_not_grow_with_the_number_of_people(manager, programme):
    client = client_for(manager)
    url = reverse("programmes:detail", args=[programme.slug])
    counts = []
    for n in (3, 60):
        while programme.enrollments.count() < n:
            index = programme.enrollments.count()
            _enrol(programme, given=index % 2 == 0, role=Role.MENTEE if index % 3 else Role.MENTOR)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_participants_and_strangers_see_no_roster(programme, enrolled, pair_member, stranger):
    url = reverse("programmes:detail", args=[programme.slug])
    assert client_for(stranger).get(url).status_code in (403, 404)
    body = client_for(pair_member).get(url).content.decode()
    assert "Aubertin" not in body and 'data-testid="list-rows"' not in body


def test_pages_follow_the_name_order_with_each_ones_needs(manager, programme):
    """A page is cut from the roster's ids, then its rows read whole: the order and each
    row's needs stay those of the roster."""
    for index in reversed(range(ROSTER_PAGE_SIZE + 2)):
        _enrol(programme, last_name=f"Nom{index:03d}", given=index % 2 == 0)
    names = []
    for page in ("1", "2"):
        body = _page(manager, programme, f"?page={page}")
        rows = re.findall(r'<tr data-testid="list-row">.*?</tr>', body, re.S)
        for row in rows:
            name = _rows(row)[0].split()[-1]
            names.append(name)
            given = int(name[3:]) % 2 == 0
            assert ("donnés le" in row) is given, name
    assert names == [f"Nom{index:03d}" for index in range(ROSTER_PAGE_SIZE + 2)]
