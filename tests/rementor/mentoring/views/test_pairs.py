"""The pair page and the managers' overview of every pair."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rementor.matching.models import Pair
from rementor.mentoring import concerns, feedback, objectives
from rementor.training.domain import install_default_modules
from tests.factories import DepartmentFactory, client_for
from tests.rementor.matching.factories import matching_programme
from tests.rementor.mentoring.factories import (
    held,
    make_objective,
    make_pair,
    planned,
    sign_charter,
)


@pytest.mark.django_db
def test_at_risk_pairs_come_first(manager):
    programme = matching_programme()
    fresh, *_ = make_pair(programme=programme)
    stale, *_ = make_pair(programme=programme)
    Pair.objects.filter(pk=stale.pk).update(created_at=timezone.now() - dt.timedelta(days=40))
    programme.start_date = (timezone.now() - dt.timedelta(days=60)).date()
    programme.save()
    page = client_for(manager).get(reverse("mentoring:pairs", args=[programme.slug]))
    body = page.content.decode()
    assert body.index(stale.mentee.person.full_name) < body.index(fresh.mentee.person.full_name)
    assert "table-warning" in body


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_pairs_overview_queries_do_not_grow(manager, count, django_assert_num_queries):
    programme = matching_programme()
    for _ in range(count):
        make_pair(programme=programme)
    client = client_for(manager)
    # session, user, person (header), programme, 5 for every pair's risk, 4 for the health
    # of the page's pairs, the page's pairs, the departments of the filter, 3 for the pairs'
    # places in the session plan
    with django_assert_num_queries(18):
        assert client.get(reverse("mentoring:pairs", args=[programme.slug])).status_code == 200


def _fill(pair, mentee_user, mentor_user, count: int) -> None:
    """``count`` of everything the pair page lists: held sessions with both pulses (one
    comment shared), planned sessions, objectives with a task each, ideas, concerns."""
    sign_charter(pair)
    install_default_modules(programme=pair.programme)
    department = DepartmentFactory()
    for n in range(count):
        session = held(pair, mentor_user, days=-3 - n)
        feedback.submit_pulse(
            session=session, by=mentee_user, usefulness=4, comfort=4, comment="Shared",
            comment_shared=True,
        )  # fmt: skip
        feedback.submit_pulse(session=session, by=mentor_user, usefulness=3, comfort=4)
        planned(pair, mentor_user, days=3 + n)
        objective = make_objective(pair, mentee_user, title=f"Objective {n}")
        objectives.add_task(pair=pair, by=mentor_user, title=f"Task {n}", objective=objective)
        concerns.log_idea(
            pair=pair, by=mentee_user, title=f"Idea {n}", description="x", department=department
        )
        concerns.raise_concern(pair=pair, by=mentee_user, text=f"Worry {n}")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 5])
# A member also reads their unread messages (one query); a manager never reads the thread.
# The session plan's part: the programme's steps, the pair's own, its held sessions.
@pytest.mark.parametrize(("viewer", "queries"), [("mentee", 22), ("manager", 20)])
def test_pair_page_queries_do_not_grow(viewer, queries, count, manager, django_assert_num_queries):
    pair, mentee_user, mentor_user = make_pair()
    _fill(pair, mentee_user, mentor_user, count)
    client = client_for(mentee_user if viewer == "mentee" else manager)
    url = reverse("mentoring:pair", args=[pair.pk])
    client.get(url)  # warm the session and caches
    # Session, user and permissions, the pair with its people, then each part of the page (a
    # template tag) reads its own rows in a fixed number of queries, whatever the number of
    # sessions, pulses, objectives, tasks, ideas or concerns: the same count at 1 and at 5.
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"), [("en", "no session yet"), ("fr", "aucune séance pour l’instant")]
)
def test_pairs_overview_says_no_session_yet_for_a_pair_that_never_met(manager, language, words):
    programme = matching_programme()
    never, *_ = make_pair(programme=programme)
    met, _mentee_user, mentor_user = make_pair(programme=programme)
    held(met, mentor_user, days=-3)
    page = client_for(manager).get(
        reverse("mentoring:pairs", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE=language
    )
    rows = page.content.decode().split('data-testid="pair-row"')[1:]
    (never_row,) = [row for row in rows if never.mentee.person.full_name in row]
    (met_row,) = [row for row in rows if met.mentee.person.full_name in row]
    assert words in never_row
    assert words not in met_row and '<td class="text-end">3</td>' in met_row
