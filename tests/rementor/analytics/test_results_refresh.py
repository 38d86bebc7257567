"""The results pages showed, computed again in the background once their data changes or
before the clock makes them expire (rementor.analytics.results_refresh), so that the next page
finds them ready — and never served out of date when the job has not run yet."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import default_task_backend

from rementor.analytics import results_cache, results_refresh, tasks
from rementor.analytics.impact import results as results_module
from rementor.analytics.impact.results import programme_results
from rementor.mentoring.models import Pulse
from tests.factories import client_for
from tests.rementor.analytics.factories import held_with_pulses, pair_row
from tests.rementor.analytics.test_results_cache import _figures

# Real commits: the refresh is queued when the transaction that wrote commits.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def refreshing(settings):
    settings.RM_RESULTS_REFRESH = True


@pytest.fixture
def queued(settings, refreshing):
    """The jobs queued, left on the queue (no worker)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.results.clear()
    return default_task_backend.results


@pytest.fixture
def pair(programme):
    pair = pair_row(programme, mentee={"department": "Finance"})
    held_with_pulses(pair, pulses=[(4, 5), (5, 5)])
    return pair


def _new_pulse(pair) -> None:
    with transaction.atomic():
        held_with_pulses(pair, days_ago=1, pulses=[(1, 1)])


@pytest.mark.parametrize(
    ("who", "page", "language", "for_sponsor"),
    [("manager", "analytics:dashboard", "fr", False), ("sponsor", "analytics:sponsor", "en", True)],
)
def test_a_page_after_a_new_pulse_finds_its_figures_computed_already(
    request, refreshing, programme, pair, who, page, language, for_sponsor
):
    user = request.getfixturevalue(who)
    client_for(user).get(reverse(page, args=[programme.slug]), HTTP_ACCEPT_LANGUAGE=language)
    _new_pulse(pair)  # its commit queues the job; tests run jobs at once
    with translation.override(language), CaptureQueriesContext(connection) as read:
        ready = programme_results(programme=programme, for_sponsor=for_sponsor)
    assert not [q for q in read.captured_queries if "mentoring_pulse" in q["sql"]]
    with translation.override(language):
        afresh = programme_results(programme=programme, for_sponsor=for_sponsor, now=timezone.now())
    assert _figures(ready) == _figures(afresh)
    assert ready.sessions.held.value == 2 or for_sponsor


def test_a_burst_of_writes_queues_one_job_and_a_write_after_it_started_another(
    queued, programme, pair, manager
):
    client_for(manager).get(reverse("analytics:dashboard", args=[programme.slug]))
    for _ in range(3):
        _new_pulse(pair)
    assert [job.task for job in queued] == [tasks.refresh_results]
    # No worker has run it: the page computes the new figures itself, never the old ones.
    with translation.override("fr"):
        shown = programme_results(programme=programme, for_sponsor=False)
    assert shown.sessions.held.value == 4
    # The worker starts the job: a write from then on queues the next one.
    assert results_refresh.refresh() == 1
    _new_pulse(pair)
    assert len(queued) == 2


def test_figures_that_follow_the_clock_are_renewed_past_half_their_life(
    refreshing, programme, pair, manager, monkeypatch, settings
):
    computed: list[str] = []
    for name in ("funnel", "impact_on_skills"):
        real = getattr(results_module, name)

        def counting(*args, _real=real, _name=name, **kwargs):
            computed.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(results_module, name, counting)
    started = results_cache._clock()
    client_for(manager).get(reverse("analytics:dashboard", args=[programme.slug]))
    assert computed == ["funnel", "impact_on_skills"]
    # A third of their life later: served as they are.
    monkeypatch.setattr(
        results_cache, "_clock", lambda: started + settings.RM_RESULTS_CACHE_SECONDS / 3
    )
    client_for(manager).get(reverse("analytics:dashboard", args=[programme.slug]))
    assert computed == ["funnel", "impact_on_skills"]
    # Past half: still served, and the job computes again what follows the clock (the funnel:
    # "active" pairs), not what only its data changes (the skills).
    monkeypatch.setattr(
        results_cache, "_clock", lambda: started + settings.RM_RESULTS_CACHE_SECONDS * 0.6
    )
    client_for(manager).get(reverse("analytics:dashboard", args=[programme.slug]))
    assert computed == ["funnel", "impact_on_skills", "funnel"]


def test_nothing_is_queued_when_the_refresh_is_off(queued, settings, programme, pair, manager):
    settings.RM_RESULTS_REFRESH = False
    queued.clear()  # (the set-up's own commits, made while it was on)
    client_for(manager).get(reverse("analytics:dashboard", args=[programme.slug]))
    _new_pulse(pair)
    assert not queued


def test_a_queue_that_fails_never_fails_the_write(
    refreshing, programme, pair, manager, monkeypatch
):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(tasks, "refresh_results", SimpleNamespace(enqueue=broken))
    client_for(manager).get(reverse("analytics:dashboard", args=[programme.slug]))
    _new_pulse(pair)
    assert Pulse.objects.count() == 3
    # ... and the next change tries again.
    monkeypatch.undo()
    _new_pulse(pair)
    with translation.override("fr"), CaptureQueriesContext(connection) as read:
        programme_results(programme=programme, for_sponsor=False)
    assert not [q for q in read.captured_queries if "mentoring_pulse" in q["sql"]]


def test_a_deleted_programme_is_left_out(refreshing, programme, pair, manager):
    client_for(manager).get(reverse("analytics:dashboard", args=[programme.slug]))
    assert results_refresh.refresh() == 1
    programme.delete()
    assert results_refresh.refresh() == 0


def test_what_no_page_shows_for_an_hour_is_no_longer_refreshed(
    refreshing, programme, pair, manager, monkeypatch
):
    started = results_cache._clock()
    client_for(manager).get(reverse("analytics:dashboard", args=[programme.slug]))
    # The job's own computations, however often it runs, do not count as a page showing them.
    for minutes in (20, 40, 59):
        monkeypatch.setattr(results_cache, "_clock", lambda m=minutes: started + 60 * m)
        _new_pulse(pair)
    assert results_cache.remembered() == [("fr", ("programme", programme.pk, False, None, ""))]
    monkeypatch.setattr(results_cache, "_clock", lambda: started + 61 * 60)
    _new_pulse(pair)
    assert results_cache.remembered() == []
    assert results_refresh.refresh() == 0
