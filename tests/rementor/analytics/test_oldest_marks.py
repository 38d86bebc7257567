"""Where the last step of sponsors' oldest responses ended, kept between pages
(:mod:`rementor.analytics.oldest_marks`): the next page walks only the responses given since,
and always finds exactly the responses a walk over all of them finds — after new responses,
a response dated before the mark (a clock set back), a deleted one, a person moving
department."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rementor.analytics import oldest_marks, queries, suppression
from rementor.mentoring.models import CheckIn, Pulse
from rementor.people.models import Department
from tests.rementor.analytics.factories import check_in, held_with_pulses, pair_row
from tests.rementor.analytics.test_oldest_responses import reference_oldest

STEP = 5


@pytest.fixture
def walked(monkeypatch):
    """The number of responses each walk went over."""
    lengths: list[int] = []
    real = suppression.snapshot_size

    def counting(authors, *, step):
        lengths.append(len(authors))
        return real(authors, step=step)

    monkeypatch.setattr(queries, "snapshot_size", counting)
    return lengths


def _pairs(programme, n, department=None):
    return [pair_row(programme, mentee={"department": department}) for _ in range(n)]


def _pulse(pair, *, mentor=False):
    held_with_pulses(pair, pulses=[(3, 4), (4, 4)] if mentor else [(3, 4)])


def _same_as_walking_everything(responses):
    new = queries.oldest_responses(responses, author="author", time="created_at", step=STEP)
    old = reference_oldest(responses, author="author", time="created_at", step=STEP)
    assert new.waiting == old.waiting
    read = set(responses.filter(new.filter).values_list("pk", flat=True))
    assert read == set(responses.filter(old.filter).values_list("pk", flat=True))
    return read


def test_each_page_walks_only_the_responses_since_the_last_step(programme, walked):
    pairs = _pairs(programme, 8)
    for pair in pairs[:6]:
        _pulse(pair, mentor=True)  # 12 people, 12 pulses: two steps of five
    responses = Pulse.objects.filter(author__programme=programme)
    assert len(_same_as_walking_everything(responses)) == 10
    assert walked == [12]  # no mark yet: every response
    # New pulses, one at a time, by people already counted and by new ones: each page walks
    # from the end of the last step only, and the figures move by whole steps.
    for round_, pair in enumerate([*pairs, *pairs], start=1):
        _pulse(pair)
        read = _same_as_walking_everything(responses)
        assert walked[-1] <= 2 + round_ and walked[-1] < responses.count(), round_
        assert len(read) == 10 if round_ < 3 else len(read) >= 15  # by whole steps
    assert len(read) == 25  # 28 pulses, five steps of five different people


def test_a_response_dated_before_the_mark_makes_the_next_page_walk_everything(
    programme, walked, monkeypatch
):
    pairs = _pairs(programme, 6)
    for pair in pairs:
        _pulse(pair)
    responses = Pulse.objects.filter(author__programme=programme)
    before = _same_as_walking_everything(responses)
    # A web node whose clock is behind records two pulses: inserted, not updated.
    late = timezone.now() - dt.timedelta(days=30)
    with monkeypatch.context() as patched:
        patched.setattr(timezone, "now", lambda: late)
        _pulse(pairs[0], mentor=True)
    after = _same_as_walking_everything(responses)
    assert walked[-1] == responses.count() == 8  # walked again from the start
    assert after != before


# Real commits: a table's version is renewed when the transaction that wrote it commits.
@pytest.mark.django_db(transaction=True)
def test_a_deleted_response_makes_the_next_page_walk_everything(programme, walked):
    pairs = _pairs(programme, 11)
    for pair in pairs:
        _pulse(pair)
    responses = Pulse.objects.filter(author__programme=programme)
    assert len(_same_as_walking_everything(responses)) == 10
    # An erasure deletes the first person's pulses (a delete, so the mark is not trusted).
    with transaction.atomic():
        Pulse.objects.filter(author=pairs[0].mentee).delete()
    assert len(_same_as_walking_everything(responses)) == 10
    assert walked[-1] == 10
    # The mark made then serves the next page again.
    _pulse(pairs[1], mentor=True)
    _same_as_walking_everything(responses)
    assert walked[-1] == 2


@pytest.mark.django_db(transaction=True)
def test_a_department_filter_follows_people_who_move(programme, walked):
    finance = Department.objects.create(name="Finance")
    sales = Department.objects.create(name="Ventes")
    # The people who move answered first: their pulses come before the mark.
    pairs = _pairs(programme, 4, department=sales) + _pairs(programme, 6, department=finance)
    for pair in pairs:
        _pulse(pair)
    in_finance = Pulse.objects.filter(
        author__programme=programme, author__person__department=finance
    )
    assert len(_same_as_walking_everything(in_finance)) == 5
    # Four people move to Finance: their pulses now count there, though no pulse changed.
    with transaction.atomic():
        for pair in pairs[:4]:
            person = pair.mentee.person
            person.department = finance
            person.save(update_fields=["department"])
    assert len(_same_as_walking_everything(in_finance)) == 10
    assert walked[-1] == 10


def test_check_ins_and_every_step_agree_with_walking_everything(programme):
    pairs = _pairs(programme, 9)
    answers = CheckIn.objects.filter(pair__programme=programme, kind="midterm")
    for index, pair in enumerate(pairs):
        check_in(pair, kind="midterm", mentee=index % 11, mentor=(3 * index) % 11)
        for step in (1, 4, 5, 6):
            new = queries.oldest_responses(answers, author="author", time="created_at", step=step)
            old = reference_oldest(answers, author="author", time="created_at", step=step)
            assert new.waiting == old.waiting
            assert set(answers.filter(new.filter)) == set(answers.filter(old.filter))


def test_a_mark_holds_ids_and_no_one_s_answer(programme):
    for pair in _pairs(programme, 5):
        _pulse(pair, mentor=True)
    responses = Pulse.objects.filter(author__programme=programme)
    queries.oldest_responses(responses, author="author", time="created_at", step=STEP)
    keys = [key for key in cache._cache if oldest_marks.PREFIX in key]  # type: ignore[attr-defined]
    assert len(keys) == 1
    mark = oldest_marks.read(keys[0].split(":", 2)[-1])
    pulses = set(responses.values_list("pk", flat=True))
    assert mark is not None and {mark.last, mark.seen} <= pulses


def test_without_a_step_nothing_is_kept(programme):
    for pair in _pairs(programme, 5):
        _pulse(pair)
    responses = Pulse.objects.filter(author__programme=programme)
    assert queries.oldest_responses(responses, author="author", time="created_at", step=None)
    assert queries.oldest_responses(
        responses.filter(Q(pk__lt=0)), author="author", time="created_at", step=STEP
    ).filter == Q(pk__in=[])
    assert not [key for key in cache._cache if oldest_marks.PREFIX in key]  # type: ignore[attr-defined]
