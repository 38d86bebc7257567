"""The managers' attention list: each item counted, linked to a page listing exactly those
items, nothing counted that must not be, in a constant number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rementor.cockpit.attention import attention_list
from tests.factories import UserFactory, client_for
from tests.rementor.cockpit.factories import build

pytestmark = pytest.mark.django_db


def _counts(attention) -> dict[str, dict[str, int]]:
    return {
        group.programme.slug: {item.key: item.count for item in group.items}
        for group in attention.programmes
    }


def _items(body: str) -> list[tuple[str, str, str]]:
    """(key, count, link) of each line of the home page's attention list."""
    return re.findall(
        r'data-testid="attention-item" data-key="(\w+)" data-count="(\d+)">.*?href="([^"]+)"',
        body,
        re.S,
    )


def _body_rows(body: str, testid: str) -> int:
    table = body[body.index(f'data-testid="{testid}"') :]
    return table[table.index("<tbody>") : table.index("</tbody>")].count("<tr")


def test_every_item_is_counted_and_nothing_else():
    world = build()
    attention = attention_list()
    assert _counts(attention) == world.expected
    assert attention.erasures.count == 1
    assert attention.total == 1 + sum(sum(c.values()) for c in world.expected.values())


def test_counts_follow_the_data():
    world = build(scale=3)
    assert _counts(attention_list()) == world.expected
    assert attention_list().erasures.count == 3


def test_each_link_lists_exactly_the_items_counted(manager):
    world = build()
    client = client_for(manager)
    body = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    links = {key: url for key, _count, url in _items(body)}
    assert set(links) == {
        "erasures", "concerns", "at_risk", "leavers", "latecomers", "training", "applications",
    }  # fmt: skip

    def page(key):
        return client.get(links[key].replace("&amp;", "&"), HTTP_ACCEPT_LANGUAGE="en")

    at_risk = page("at_risk").content.decode()
    assert at_risk.count('data-testid="pair-row"') == 2
    for name in world.names["at_risk"]:
        assert name in at_risk
    leavers = page("leavers").content.decode()
    assert leavers.count('data-testid="pair-row"') == 1
    assert world.names["leavers"][0] in leavers
    latecomers = page("latecomers").content.decode()
    assert latecomers.count('data-testid="latecomer"') == 2
    for name in world.names["latecomers"]:
        assert name in latecomers
    training = page("training").content.decode()
    assert training.count('data-testid="completion-row"') == 1
    assert world.names["training"][0] in training
    assert _body_rows(page("applications").content.decode(), "candidates") == 1
    assert _body_rows(page("concerns").content.decode(), "concern-list") == 1
    erasures = page("erasures").content.decode()
    assert 'data-testid="pending-requests"' in erasures


def test_the_list_is_grouped_by_programme_and_hides_zeros(manager):
    world = build()
    body = client_for(manager).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    section = body[body.index('data-testid="attention"') :]
    section = section[: section.index("</section>")]
    assert section.index(world.running.name) < section.index("1 pair whose mentor or mentee")
    assert "2 pairs at risk" in section
    assert "1 open concern" in section
    assert "2 latecomers waiting for the next matching run" in section
    assert "1 person has not finished their training" in section
    assert "1 mentor application waiting for a decision" in section
    assert "1 erasure request waiting for an answer" in section
    assert "0 " not in re.sub(r"<[^>]+>", " ", section).split("What each line counts")[0]


def test_the_list_speaks_french(manager):
    build()
    body = client_for(manager).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Ce qui vous attend" in body
    assert "2 binômes à risque" in body
    assert "1 signalement ouvert" in body
    assert "2 retardataires attendent le prochain calcul d’appariement" in body
    assert "1 personne n’a pas terminé sa formation" in body
    assert "1 demande d’effacement attend une réponse" in body
    assert "pairs at risk" not in body


def test_nothing_waiting_is_said(manager):
    body = client_for(manager).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="nothing-waiting"' in body
    assert 'data-testid="attention-item"' not in body


@pytest.mark.parametrize("who", ["sponsor", "participant"])
def test_sponsors_and_participants_never_see_the_list(who, sponsor):
    build()
    user = sponsor if who == "sponsor" else UserFactory()
    body = client_for(user).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="attention"' not in body
    assert "pairs at risk" not in body


def _queries(user) -> int:
    client = client_for(user)
    client.get(reverse("home"))  # warm the session
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("home")).status_code == 200
    return len(context.captured_queries)


def test_queries_do_not_grow_with_the_data(manager):
    build(scale=1)
    with CaptureQueriesContext(connection) as small:
        attention_list()
    small_home = _queries(manager)
    build(scale=4)
    with CaptureQueriesContext(connection) as large:
        attention_list()
    assert len(large.captured_queries) == len(small.captured_queries) == 13
    # The whole home page too (the attention list and the programmes' table among them).
    assert _queries(manager) == small_home > 13


def test_training_counts_match_the_training_page_rule():
    from rementor.training.queries import completion_table, not_finished, not_finished_counts

    world = build(scale=2)
    table = completion_table(world.running)
    one_by_one = sum(1 for rows in table.values() for p in rows if not_finished(p))
    assert (
        not_finished_counts([world.running.pk])
        == {world.running.pk: one_by_one}
        == {world.running.pk: 2}
    )


def test_pair_health_reads_a_queryset_as_it_reads_ids():
    from rementor.matching.models import Pair
    from rementor.mentoring.queries import pair_health

    world = build()
    pairs = Pair.objects.filter(programme=world.running)
    assert pair_health(pairs) == pair_health(list(pairs.values_list("pk", flat=True)))
    assert pair_health(Pair.objects.none()) == {}


def test_latecomers_page_in_both_languages(manager):
    world = build()
    url = reverse("cockpit:latecomers", args=[world.running.slug])
    english = client_for(manager).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Run the matching again" in english
    french = client_for(manager).get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Retardataires en attente du prochain calcul d’appariement" in french
    assert "Relancer l’appariement" in french
    text = re.sub(r"<[^>]+>", " ", french)
    assert "atecomer" not in text and "matching" not in text


def test_nobody_is_late_before_the_first_published_run(manager):
    world = build()
    world.running.match_runs.update(published_at=None)
    assert "latecomers" not in _counts(attention_list()).get(world.running.slug, {})
    url = reverse("cockpit:latecomers", args=[world.running.slug])
    body = client_for(manager).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="no-latecomer"' in body
    # A recruiting programme counts nobody, and says why.
    url = reverse("cockpit:latecomers", args=[world.recruiting.slug])
    body = client_for(manager).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "counted only while the programme is matching or running" in body


def _pair_counts_from_full_health(open_ids):
    """The former reading of the pairs at risk: the pairs that may be, then their full
    health (every pulse of each)."""
    from collections import Counter

    from django.utils import timezone

    from rementor.matching.models import Pair
    from rementor.mentoring.queries import LEFT_REASONS, may_be_at_risk, pair_health

    candidates = dict(
        may_be_at_risk(Pair.objects.filter(programme__in=open_ids), now=timezone.now()).values_list(
            "pk", "programme_id"
        )
    )
    at_risk, leavers = Counter(), Counter()
    for pair_id, health in pair_health(list(candidates)).items():
        at_risk[candidates[pair_id]] += health.at_risk
        leavers[candidates[pair_id]] += any(r in LEFT_REASONS for r in health.reasons)
    return +at_risk, +leavers


@pytest.mark.parametrize("scale", [1, 3])
def test_pairs_at_risk_are_counted_as_the_full_health_counts_them(scale):
    from rementor.cockpit.attention import _pair_counts
    from rementor.programmes.models import Programme, ProgrammeStatus
    from tests.rementor.analytics.factories import held_with_pulses, pair_row

    world = build(scale=scale)
    for _n in range(scale):
        # A low pulse lately (at risk), and one long ago followed by good ones (not).
        low = pair_row(world.running)
        held_with_pulses(low, days_ago=2, pulses=[(1, 2), (2, 2)])
        recovered = pair_row(world.running)
        held_with_pulses(recovered, days_ago=20, pulses=[(1, 1), (1, 2)])
        held_with_pulses(recovered, days_ago=5, pulses=[(4, 4), (5, 4)])
    open_ids = list(
        Programme.objects.exclude(status=ProgrammeStatus.CLOSED).values_list("pk", flat=True)
    )
    assert _pair_counts(open_ids) == _pair_counts_from_full_health(open_ids)
    assert sum(_pair_counts(open_ids)[0].values()) == 3 * scale
