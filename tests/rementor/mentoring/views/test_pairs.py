"""The pair page and the managers' overview of every pair."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rementor.matching.models import Pair
from tests.conftest import client_for
from tests.rementor.matching.factories import matching_programme
from tests.rementor.mentoring.factories import make_pair


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
    # session, user, person (header), programme, pairs, 4 for health
    with django_assert_num_queries(9):
        assert client.get(reverse("mentoring:pairs", args=[programme.slug])).status_code == 200
