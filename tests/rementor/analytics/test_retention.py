"""Retention and internal moves after the programme's start, against the rest of the
participants' departments: exact shares on a hand-built company, the group-size rule, who
the comparison group holds, volunteering again, and the results pages at two sizes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from rementor.analytics.impact.retention import months_after, retention
from rementor.analytics.impact.stat import State
from rementor.analytics.results_cache import forget_all
from rementor.people.models import ChangeKind, Person, PersonChange
from rementor.programmes.models import EnrollmentStatus, Role
from tests.factories import (
    DepartmentFactory,
    EnrollmentFactory,
    PersonFactory,
    ProgrammeFactory,
    client_for,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START = TODAY - dt.timedelta(days=400)


@dataclass
class Company:
    programme: object
    mentors: list = field(default_factory=list)
    mentees: list = field(default_factory=list)
    others: list = field(default_factory=list)


def _person(department, *, known_since=START - dt.timedelta(days=30), **kwargs):
    person = PersonFactory(department=department, **kwargs)
    when = dt.datetime.combine(known_since, dt.time(12), tzinfo=dt.UTC)
    Person.objects.filter(pk=person.pk).update(created_at=when)
    return person


def _change(person, days: int, kind: str, old: str = "", new: str = ""):
    PersonChange.objects.create(
        person=person, on=START + dt.timedelta(days=days), kind=kind, old_value=old, new_value=new
    )
    if kind in (ChangeKind.LEFT, ChangeKind.RETURNED):
        Person.objects.filter(pk=person.pk).update(is_active=kind == ChangeKind.RETURNED)


def company(*, mentors: int = 5, mentees: int = 5, others: int = 10, programme=None) -> Company:
    """Mentors in Sales, mentees in IT, the rest of Sales and IT as the comparison."""
    programme = programme or ProgrammeFactory(
        start_date=START, end_date=START + dt.timedelta(days=200)
    )
    sales, it = DepartmentFactory(name="Sales"), DepartmentFactory(name="IT")
    out = Company(programme=programme)
    for role, number, department, people in (
        (Role.MENTOR, mentors, sales, out.mentors),
        (Role.MENTEE, mentees, it, out.mentees),
    ):
        for _ in range(number):
            person = _person(department)
            EnrollmentFactory(programme=programme, person=person, role=role)
            people.append(person)
    for index in range(others):
        out.others.append(_person((sales, it)[index % 2]))
    return out


@pytest.fixture
def hand_built():
    """The worked example: every share below is counted by hand."""
    c = company()
    _change(c.mentors[0], 100, ChangeKind.LEFT)  # gone before 6 months
    _change(c.mentors[1], 50, ChangeKind.JOB_TITLE, "Sales rep", "Sales lead")  # a move
    _change(c.mentees[0], 250, ChangeKind.LEFT)  # gone between 6 and 12 months
    _change(c.mentees[1], -5, ChangeKind.DEPARTMENT, "Legal", "IT")  # before the start: no move
    _change(c.mentees[2], 20, ChangeKind.JOB_TITLE, "Dev", "Lead dev")  # a move
    _change(c.others[0], -10, ChangeKind.LEFT)  # gone before the start: not in the group
    _change(c.others[1], 30, ChangeKind.LEFT)
    _change(c.others[2], 30, ChangeKind.LEFT)
    _change(c.others[2], 300, ChangeKind.RETURNED)  # back before 12 months
    _change(c.others[3], 100, ChangeKind.DEPARTMENT, "Sales", "IT")  # a move
    _change(c.others[4], 380, ChangeKind.JOB_TITLE, "A", "B")  # after 12 months: not counted
    # Not comparable: another department, someone Rementor learnt of after the start, and an
    # inactive person with no history (left before Rementor kept one).
    _person(DepartmentFactory(name="Legal"))
    _person(c.others[5].department, known_since=START + dt.timedelta(days=10))
    _person(c.others[5].department, is_active=False)
    return c


def _lines(result):
    return {line.key: line for line in result.lines}


def _shares(line):
    return (
        line.size.value,
        *[round(stat.value, 4) for _m, _d, stat in line.retained],
        round(line.moved.value, 4),
    )


def test_exact_shares_on_a_hand_built_company(hand_built):
    result = retention(programme=hand_built.programme, people_q=Q(), min_size=None)
    lines = _lines(result)
    assert result.shown and result.departments == 2
    assert _shares(lines["mentor"]) == (5, 0.8, 0.8, 0.2)
    assert _shares(lines["mentee"]) == (5, 1.0, 0.8, 0.2)
    assert _shares(lines["comparison"]) == (9, round(7 / 9, 4), round(8 / 9, 4), round(1 / 9, 4))
    assert [d for _m, d, _s in lines["mentor"].retained] == [
        months_after(START, 6),
        months_after(START, 12),
    ]


def test_the_comparison_group_leaves_out_the_programmes_participants(hand_built):
    # A participant of another programme stays comparable; a declined invitation too.
    declined = hand_built.others[6]
    EnrollmentFactory(
        programme=hand_built.programme,
        person=declined,
        role=Role.MENTEE,
        status=EnrollmentStatus.DECLINED,
    )
    lines = _lines(retention(programme=hand_built.programme, people_q=Q(), min_size=None))
    assert lines["comparison"].size.value == 9
    participant = hand_built.mentees[3]
    EnrollmentFactory(person=hand_built.others[7], role=Role.MENTOR)  # another programme
    Person.objects.filter(pk=participant.pk).update(department=hand_built.others[5].department)
    lines = _lines(retention(programme=hand_built.programme, people_q=Q(), min_size=None))
    assert lines["comparison"].size.value == 9 and lines["mentee"].size.value == 5


@pytest.mark.parametrize("small", ["mentors", "mentees", "others"])
def test_a_group_of_four_hides_every_figure(small):
    sizes = {"mentors": 5, "mentees": 5, "others": 10, small: 4}
    c = company(**sizes)
    for min_size in (None, 5):  # managers and sponsors alike
        result = retention(programme=c.programme, people_q=Q(), min_size=min_size)
        assert not result.shown
        for line in result.lines:
            assert line.size.state == State.SMALL and line.moved.state == State.SMALL
            assert all(stat.state == State.SMALL for _m, _d, stat in line.retained)
            assert line.size.value is None


def test_figures_not_due_yet_are_empty():
    programme = ProgrammeFactory()  # started three months ago
    c = company(programme=programme)
    lines = _lines(retention(programme=c.programme, people_q=Q(), min_size=None))
    assert [stat.state for _m, _d, stat in lines["mentor"].retained] == [State.EMPTY] * 2
    assert lines["mentor"].moved.state == State.SHOWN


def test_volunteering_again_counts_mentees_in_either_role_and_returning_mentors(hand_built):
    later = ProgrammeFactory(start_date=START + dt.timedelta(days=300), end_date=TODAY)
    earlier = ProgrammeFactory(
        start_date=START - dt.timedelta(days=300), end_date=START - dt.timedelta(days=100)
    )
    EnrollmentFactory(programme=later, person=hand_built.mentees[0], role=Role.MENTOR)
    EnrollmentFactory(
        programme=later,
        person=hand_built.mentees[1],
        role=Role.MENTEE,
        status=EnrollmentStatus.APPLIED,
    )
    EnrollmentFactory(
        programme=later,
        person=hand_built.mentees[2],
        role=Role.MENTEE,
        status=EnrollmentStatus.DECLINED,
    )
    EnrollmentFactory(programme=later, person=hand_built.mentors[0], role=Role.MENTOR)
    EnrollmentFactory(programme=later, person=hand_built.mentors[1], role=Role.MENTEE)
    EnrollmentFactory(programme=earlier, person=hand_built.mentors[2], role=Role.MENTOR)
    result = retention(programme=hand_built.programme, people_q=Q(), min_size=None)
    assert (result.mentees_again.value, result.mentors_again.value) == (2, 1)
    sponsors = retention(programme=hand_built.programme, people_q=Q(), min_size=5)
    assert sponsors.mentees_again.state == sponsors.mentors_again.state == State.SMALL


def test_months_after_keeps_to_the_end_of_short_months():
    assert months_after(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert months_after(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert months_after(dt.date(2025, 1, 15), 12) == dt.date(2026, 1, 15)


# --------------------------------------------------------------------------- the pages


def _section(body: str) -> str:
    return body[body.index('data-testid="retention"') : body.index('data-testid="methodology"')]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ("Rétention et mobilité interne", "80&nbsp;%", "Le reste de leurs services")),
        ("en", ("Retention and internal moves", "80&nbsp;%", "Rest of their departments")),
    ],
)
@pytest.mark.parametrize("name", ["analytics:dashboard", "analytics:sponsor"])
def test_the_results_pages_show_shares_and_no_name(
    hand_built, manager, sponsor, settings, name, language, words
):
    settings.LANGUAGE_CODE = language
    user = manager if name == "analytics:dashboard" else sponsor
    response = client_for(user).get(
        reverse(name, args=[hand_built.programme.slug]), HTTP_ACCEPT_LANGUAGE=language
    )
    body = response.content.decode()
    section = _section(body)
    for word in words:
        assert word in section, word
    for person in [*hand_built.mentors, *hand_built.mentees, *hand_built.others]:
        assert person.last_name not in section
    assert 'data-testid="retention-method"' in body


def test_the_sponsor_page_says_not_enough_people(manager, sponsor):
    c = company(mentees=4)
    body = client_for(sponsor).get(reverse("analytics:sponsor", args=[c.programme.slug]))
    section = _section(body.content.decode())
    assert 'data-testid="retention-hidden"' in section
    assert 'data-testid="retention-table"' not in section


@pytest.mark.parametrize("name", ["analytics:dashboard", "analytics:sponsor"])
def test_query_count_does_not_grow_with_the_company(name, manager, sponsor):
    c = company()
    user = manager if name == "analytics:dashboard" else sponsor
    client = client_for(user)
    url = reverse(name, args=[c.programme.slug])
    client.get(url)
    counts = []
    for extra in (0, 20):
        more = company(mentors=extra, mentees=extra, others=2 * extra, programme=c.programme)
        for person in more.others[:extra]:
            _change(person, 30, ChangeKind.LEFT)
            _change(person, 60, ChangeKind.JOB_TITLE, "A", "B")
        forget_all()  # computed afresh (not served from the cache), as after any change
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --------------------------------------------------------------------------- verdict, report


def test_the_verdict_says_retention_at_twelve_months(hand_built):
    from rementor.analytics.impact.results import programme_results
    from rementor.analytics.impact.verdict import verdict

    with translation.override("en"):
        results = programme_results(programme=hand_built.programme, for_sponsor=True)
        outcomes = verdict(results, closed=False).answers[-1].text
    assert "after 12 months, 80\u00a0% of the mentors and 80\u00a0% of the mentees" in outcomes
    assert "89\u00a0% of the rest of their departments" in outcomes


def test_the_verdict_says_nothing_before_six_months():
    from rementor.analytics.impact.results import programme_results
    from rementor.analytics.impact.verdict import verdict

    c = company(programme=ProgrammeFactory())
    with translation.override("en"):
        results = programme_results(programme=c.programme, for_sponsor=True)
        assert "Retention" not in verdict(results, closed=False).answers[-1].text


@pytest.mark.parametrize("mentees", [5, 4])
def test_the_sponsor_report_prints_shares_or_hides_them(mentees):
    from rementor.analytics.report.document import Audience, report_html

    c = company(mentees=mentees)
    _change(c.mentors[0], 100, ChangeKind.LEFT)
    with translation.override("en"):
        html = report_html(programme=c.programme, audience=Audience.SPONSOR)
    section = html[html.index('data-testid="report-retention"') : html.index('id="method"')]
    if mentees == 5:
        assert "80\u00a0%" in section and "Not enough people" not in section
    else:
        assert "80\u00a0%" not in section and "Not enough people to show" in section
    for person in [*c.mentors, *c.mentees, *c.others]:
        assert person.last_name not in section
