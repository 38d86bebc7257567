"""Cached programme results: the same figures as computed afresh, and new figures the moment
their data changes, whoever changes it and however (rementor.analytics.results_cache)."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.db.models import F, Sum
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from rementor.analytics import results_cache
from rementor.analytics.impact.funnel import funnels
from rementor.analytics.impact.results import programme_results
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.models import MentoringSession, PrivateNote, Pulse
from rementor.programmes.models import Role
from tests.factories import SkillFactory, UserFactory, client_for
from tests.rementor.analytics.factories import (
    answered_pairs,
    check_in,
    enrol,
    held_with_pulses,
    pair_row,
)


def _figures(results) -> dict:
    data = results.as_dict()
    del data["generated_at"]
    return data


@pytest.fixture
def pairs(programme):
    p1 = pair_row(programme, mentee={"department": "Finance"}, mentor={"department": "Sales"})
    p2 = pair_row(programme, mentee={"department": "Finance"}, mentor={"department": "Finance"})
    held_with_pulses(p1, days_ago=3, minutes=60, pulses=[(4, 5), (5, 5)])
    held_with_pulses(p2, days_ago=40, minutes=90)
    check_in(p1, mentee=10, mentor=9)
    return p1, p2


@pytest.mark.parametrize("for_sponsor", [False, True])
def test_cached_figures_are_the_figures_computed_afresh(programme, pairs, for_sponsor):
    first = programme_results(programme=programme, for_sponsor=for_sponsor)
    again = programme_results(programme=programme, for_sponsor=for_sponsor)
    fresh = programme_results(programme=programme, for_sponsor=for_sponsor, now=timezone.now())
    assert _figures(again) == _figures(first)
    assert _figures(again) == _figures(fresh)


def test_a_second_read_costs_no_figure_query(programme, pairs, django_assert_num_queries):
    programme_results(programme=programme, for_sponsor=False)
    with django_assert_num_queries(0):
        programme_results(programme=programme, for_sponsor=False)


def test_a_new_session_shows_at_once(programme, pairs):
    p1, _p2 = pairs
    before = programme_results(programme=programme, for_sponsor=False)
    held_with_pulses(p1, days_ago=1, minutes=45)
    after = programme_results(programme=programme, for_sponsor=False)
    assert after.sessions.held.value == before.sessions.held.value + 1
    assert _figures(after) == _figures(
        programme_results(programme=programme, for_sponsor=False, now=timezone.now())
    )


def test_a_new_pulse_shows_at_once(programme, pairs):
    _p1, p2 = pairs
    before = programme_results(programme=programme, for_sponsor=False)
    session = MentoringSession.objects.filter(pair=p2).get()
    Pulse.objects.create(session=session, author=p2.mentee, usefulness=1, comfort=1)
    after = programme_results(programme=programme, for_sponsor=False)
    assert _figures(after) != _figures(before)
    assert after.satisfaction.pulses[-1].stat.n == before.satisfaction.pulses[-1].stat.n + 1


def test_a_new_check_in_shows_at_once(programme, pairs):
    _p1, p2 = pairs
    before = programme_results(programme=programme, for_sponsor=False)
    check_in(p2, mentee=2)
    after = programme_results(programme=programme, for_sponsor=False)
    final_total = [line for line in after.satisfaction.nps["final"] if line.key == "total"]
    before_total = [line for line in before.satisfaction.nps["final"] if line.key == "total"]
    assert final_total[0].stat.n == before_total[0].stat.n + 1


def test_a_bulk_update_without_signals_shows_at_once(programme, pairs):
    before = programme_results(programme=programme, for_sponsor=False)
    Pair.objects.filter(programme=programme).update(status=PairStatus.ENDED)
    after = programme_results(programme=programme, for_sponsor=False)
    assert _figures(after) != _figures(before)
    assert _figures(after) == _figures(
        programme_results(programme=programme, for_sponsor=False, now=timezone.now())
    )


def test_a_write_committed_by_another_web_node_shows_at_once(
    programme, pairs, django_capture_on_commit_callbacks
):
    """Another node has never read results: only the commit of its write (its new version
    token, in the cache every node shares) can tell this node's cached figures are old."""
    p1, _p2 = pairs
    connection.run_on_commit.clear()  # the set-up's data is committed and long known
    before = programme_results(programme=programme, for_sponsor=False)
    results_cache._local.forgotten = None  # the writer is a process that read nothing
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        MentoringSession.objects.create(
            pair=p1,
            starts_at=timezone.now() - dt.timedelta(days=2),
            duration_minutes=30,
            status="held",
        )
    # Not committed yet: the other nodes still read the committed figures.
    stale = programme_results(programme=programme, for_sponsor=False)
    assert stale.sessions.held.value == before.sessions.held.value
    assert callbacks, "the write schedules a new version when its transaction commits"
    for callback in callbacks:
        callback()
    after = programme_results(programme=programme, for_sponsor=False)
    assert after.sessions.held.value == before.sessions.held.value + 1


def test_a_login_or_a_cache_write_keeps_the_figures(programme, pairs, manager):
    """Writes no figure reads leave the versions alone (else the cache would never serve)."""
    programme_results(programme=programme, for_sponsor=False)
    versions = results_cache.table_versions()
    manager.last_login = timezone.now()
    manager.save(update_fields=["last_login"])
    assert results_cache.table_versions() == versions


def test_a_private_note_keeps_the_figures_and_a_pulse_recomputes_only_what_reads_pulses(
    programme, pairs, django_assert_max_num_queries
):
    """The versions are per table and a value keeps those of the tables it read: a note no
    figure reads serves every figure from the cache; a pulse recomputes the figures that
    read pulses (health, satisfaction), the others still come from the cache."""
    p1, _p2 = pairs
    author = UserFactory(person=p1.mentee.person, email=p1.mentee.person.email)
    before = programme_results(programme=programme, for_sponsor=False)
    session = p1.sessions.first()
    PrivateNote.objects.create(session=session, author=author, text="Mine only")
    with django_assert_max_num_queries(0):
        assert _figures(programme_results(programme=programme, for_sponsor=False)) == _figures(
            before
        )
    Pulse.objects.filter(session__pair=p1).update(usefulness=1, comfort=1)
    fresh = programme_results(programme=programme, for_sponsor=False, now=timezone.now())
    with CaptureQueriesContext(connection) as recomputed:
        after = programme_results(programme=programme, for_sponsor=False)
    assert _figures(after) == _figures(fresh) != _figures(before)
    read = " ".join(query["sql"] for query in recomputed.captured_queries)
    assert '"mentoring_pulse"' in read
    assert '"skills_assessmentitem"' not in read  # the skills figures: still cached
    assert '"people_personchange"' not in read  # nor retention


def test_a_value_cached_inside_another_passes_its_tables_on(programme, pairs):
    """Hostile to nesting: the outer value is computed while the inner one is a cache hit
    (no query of its own); a write to what only the inner one read still renews both."""
    inner = lambda: results_cache.cached(("test-inner", programme.pk), _usefulness)  # noqa: E731
    inner()  # cached first, alone
    outer = lambda: results_cache.cached(("test-outer", programme.pk), lambda: inner() * 10)  # noqa: E731
    assert outer() == 10 * _usefulness()
    Pulse.objects.update(usefulness=F("usefulness") - 1)
    assert outer() == 10 * _usefulness()


def test_a_write_while_figures_are_computed_is_not_lost(programme, pairs):
    """A pulse changed after the computation read its versions: the value is filed under the
    old ones, so the next read computes afresh."""

    def compute():
        total = _usefulness()
        Pulse.objects.update(usefulness=F("usefulness") - 1)
        results_cache._local.forgotten = None  # as if another process wrote it
        return total

    first = results_cache.cached(("test-race", programme.pk), compute)
    again = results_cache.cached(("test-race", programme.pk), _usefulness)
    assert again == first - Pulse.objects.count() == _usefulness()


def _usefulness() -> int:
    return Pulse.objects.aggregate(total=Sum("usefulness"))["total"]


def test_sponsors_never_get_the_managers_cached_figures(programme, pairs):
    """Hostile: the manager's figures (names, at-risk list, small groups) are cached first;
    the sponsor's figures are still the suppressed ones, as computed afresh."""
    managers = programme_results(programme=programme, for_sponsor=False)
    assert managers.at_risk
    sponsors = programme_results(programme=programme, for_sponsor=True)
    assert sponsors.at_risk == ()
    assert sponsors.has_hidden
    assert _figures(sponsors) == _figures(
        programme_results(programme=programme, for_sponsor=True, now=timezone.now())
    )


def test_a_filtered_dashboard_is_not_the_whole_programme(programme, pairs):
    whole = programme_results(programme=programme, for_sponsor=False)
    sales = programme_results(programme=programme, for_sponsor=False, site="Nowhere")
    assert sales.sessions.held.value == 0
    assert whole.sessions.held.value == 2


def test_the_minimum_group_size_and_the_language_are_part_of_the_key(programme):
    skill = SkillFactory()
    programme.skills.set([skill])
    answered_pairs(programme, skill, count=6, answered=6)
    with override_settings(RM_MIN_GROUP_SIZE=5):
        five = programme_results(programme=programme, for_sponsor=True)
    with override_settings(RM_MIN_GROUP_SIZE=50):
        fifty = programme_results(programme=programme, for_sponsor=True)
        assert _figures(fifty) == _figures(
            programme_results(programme=programme, for_sponsor=True, now=timezone.now())
        )
    assert fifty.min_size == 50 and five.min_size == 5
    with translation.override("fr"):
        french = programme_results(programme=programme, for_sponsor=False).funnel[0].label
    with translation.override("en"):
        english = programme_results(programme=programme, for_sponsor=False).funnel[0].label
    assert french != english


def test_the_sponsors_home_counts_a_new_enrolment_at_once(programme, sponsor):
    for _ in range(6):
        enrol(programme, Role.MENTEE)
    client = client_for(sponsor)
    before = funnels(programmes=[programme], for_sponsor=True)[programme.pk]
    assert client.get(reverse("home")).status_code == 200
    for _ in range(5):
        enrol(programme, Role.MENTEE)
    after = funnels(programmes=[programme], for_sponsor=True)[programme.pk]
    enrolled = {stage.key: stage for stage in after}["enrolled"].by_role[Role.MENTEE]
    assert enrolled.value == {s.key: s for s in before}["enrolled"].by_role[Role.MENTEE].value + 5
    assert enrolled.value == 11


@pytest.mark.parametrize("name", ["analytics:dashboard", "analytics:sponsor", "home"])
def test_a_page_read_again_shows_the_same_and_writes_nothing_figures_read(
    name, programme, pairs, manager, sponsor
):
    """Viewing the pages writes nothing a figure reads: the second view is served cached."""
    user = sponsor if name != "analytics:dashboard" else manager
    client = client_for(user)
    url = reverse(name, args=[programme.slug] if name != "home" else [])
    assert client.get(url).status_code == 200
    versions = results_cache.table_versions()
    assert client.get(url).status_code == 200
    assert results_cache.table_versions() == versions


def _another_node() -> None:
    """New cache connections: what this "node" finds, it finds in Redis."""
    caches.close_all()
    with contextlib.suppress(AttributeError):  # not opened yet
        delattr(caches._connections, "default")
    results_cache._local.forgotten = None


def test_several_web_nodes_share_the_figures_and_their_version_through_redis(
    programme, pairs, redis_url, settings, django_capture_on_commit_callbacks
):
    """RM_CACHE_URL: node A caches the figures in Redis, node B (which never read results)
    logs a session and commits, node C reads: the new figures, not node A's."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    p1, _p2 = pairs
    connection.run_on_commit.clear()  # the set-up's data is committed and long known
    _another_node()  # A
    before = programme_results(programme=programme, for_sponsor=False)
    client = redis.Redis.from_url(redis_url)
    assert any(b"rm:results" in key for key in client.scan_iter())
    _another_node()  # B
    with django_capture_on_commit_callbacks(execute=True):
        held_with_pulses(p1, days_ago=1, minutes=30)
    _another_node()  # C
    after = programme_results(programme=programme, for_sponsor=False)
    assert after.sessions.held.value == before.sessions.held.value + 1
    client.close()


@pytest.mark.django_db(transaction=True)
def test_writes_before_the_cache_table_exists_do_not_fail(programme):
    """A first ``migrate`` or data load on production settings writes before
    ``createcachetable`` has made the database cache's table: nothing to forget, no crash."""
    missing = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "rementor_no_such_cache_table",
        }
    }
    with override_settings(CACHES=missing):  # Django resets its cache handlers for this
        programme.name = "Renamed before the cache table"
        programme.save()
    programme.refresh_from_db()
    assert programme.name == "Renamed before the cache table"


def test_figures_that_follow_the_clock_are_kept_only_a_few_minutes(
    programme, pairs, monkeypatch, settings
):
    """Pairs turn at risk and stop being active as time passes, without any write: those
    figures (and the page holding them) are kept RM_RESULTS_CACHE_SECONDS; the skills or
    satisfaction figures change only with their data and are kept a day."""
    settings.RM_RESULTS_CACHE_SECONDS = 120
    kept: dict[str, int] = {}
    real_set = results_cache.cache.set

    def set_and_note(key, value, timeout=None, **kwargs):
        kept[key.rsplit(":", 1)[-1] or "page"] = timeout
        return real_set(key, value, timeout=timeout, **kwargs)

    monkeypatch.setattr(results_cache.cache, "set", set_and_note)
    results_cache.forget_all()
    programme_results(programme=programme, for_sponsor=False)
    assert {name for name, timeout in kept.items() if timeout == 120} == {
        "page",
        "funnel",
        "health",
        "retention",
    }
    assert {"skills", "pulses", "nps", "sessions", "growth", "ideas"} <= {
        name for name, timeout in kept.items() if timeout == results_cache.CLOCK_FREE_SECONDS
    }


@pytest.mark.django_db(transaction=True)
def test_only_a_change_of_existing_rows_renews_a_table_s_rewritten_version(programme):
    """What a mark of the oldest responses keys on (rementor.analytics.oldest_marks): a new
    pulse leaves it, an edited or a deleted one renews it — committed, as other nodes see."""
    pair = pair_row(programme)
    rewritten = "mentoring_pulse" + results_cache.REWRITTEN

    def version():
        return results_cache.versions_of({rewritten, "mentoring_pulse"})

    first = version()
    held_with_pulses(pair, pulses=[(4, 5), (5, 5)])
    added = version()
    assert added[rewritten] == first[rewritten]
    assert added["mentoring_pulse"] != first["mentoring_pulse"]
    Pulse.objects.filter(author=pair.mentee).update(comment="")
    edited = version()
    assert edited[rewritten] != added[rewritten]
    Pulse.objects.filter(author=pair.mentor).delete()
    assert version()[rewritten] != edited[rewritten]
