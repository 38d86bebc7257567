"""The matching page counts who is ready to be paired without loading them, and lists the
accepted participants of the hand-pair form by name, escaped, in a constant number of
queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rementor.matching import domain
from rementor.matching.instance import participants, ready_counts
from tests.factories import client_for
from tests.rementor.matching.factories import matching_programme, mentee, mentor

pytestmark = pytest.mark.django_db


def _staff(programme, n: int) -> None:
    for index in range(n):
        mentee(programme, needs={"linkedin": (1, 3, 3)}, last_name=f"Dir{index}")
        mentor(programme, levels={"linkedin": 4}, capacity=1 + index % 3, last_name=f"Jeune{index}")


def test_ready_counts_agree_with_what_the_engine_is_given(manager):
    programme = matching_programme()
    _staff(programme, 4)
    first = programme.enrollments.filter(role="mentee").first()
    domain.create_pair(
        programme=programme,
        mentee=first,
        mentor=first.programme.enrollments.filter(role="mentor").first(),
        by=manager,
        check=False,
    )
    people = participants(programme)
    assert ready_counts(programme) == (len(people.mentees), sum(people.free_places.values()))


def test_hand_pair_lists_names_escaped_and_queries_stay_constant(manager):
    programme = matching_programme()
    mentee(programme, needs={"linkedin": (1, 3, 3)}, first_name="<b>Zoé</b>", last_name="Dir")
    client = client_for(manager)
    url = reverse("matching:page", args=[programme.slug])
    body = client.get(url).content.decode()
    assert "&lt;b&gt;Zoé&lt;/b&gt; Dir</option>" in body and "<b>Zoé</b>" not in body
    counts = []
    for n in (1, 6):
        _staff(programme, n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
