"""The dashboard lists the 10 most urgent pairs at risk and sends to the pairs page for all;
the matching page counts its published pairs and sends there too: no page lists hundreds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rementor.matching.models import Pair
from rementor.programmes.models import ProgrammeStatus
from tests.factories import client_for
from tests.rementor.analytics.factories import pair_row

pytestmark = pytest.mark.django_db


def _stale_pairs(programme, count):
    for _ in range(count):
        pair = pair_row(programme)
        Pair.objects.filter(pk=pair.pk).update(created_at=timezone.now() - dt.timedelta(days=40))


def _at_risk_rows(body: str) -> int:
    table = body[body.index('data-testid="at-risk-list"') :]
    return table[table.index("<tbody>") : table.index("</tbody>")].count("<tr>")


def test_dashboard_shows_ten_and_links_to_all(manager, programme):
    _stale_pairs(programme, 12)
    url = reverse("analytics:dashboard", args=[programme.slug])
    body = client_for(manager).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _at_risk_rows(body) == 10
    pairs = reverse("mentoring:pairs", args=[programme.slug])
    assert f'href="{pairs}?risk=any"' in body
    assert "The 10 most urgent of 12 pairs at risk are shown." in body
    french = client_for(manager).get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Les 10 plus urgents sur 12 binômes à risque sont affichés." in french


def test_dashboard_without_a_link_when_all_fit(manager, programme):
    _stale_pairs(programme, 3)
    url = reverse("analytics:dashboard", args=[programme.slug])
    body = client_for(manager).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _at_risk_rows(body) == 3
    assert 'data-testid="all-at-risk"' not in body


def test_matching_page_counts_the_published_pairs(manager, programme):
    programme.status = ProgrammeStatus.RUNNING
    programme.save()
    _stale_pairs(programme, 3)
    url = reverse("matching:page", args=[programme.slug])
    body = client_for(manager).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "3 active pairs." in body
    assert f'href="{reverse("mentoring:pairs", args=[programme.slug])}"' in body
