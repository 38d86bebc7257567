"""Ideas that became changes on the results page: counted for managers, shown to sponsors only
when enough pairs are behind them (and never when the ideas' total is hidden)."""

from __future__ import annotations

from django.utils import timezone

from rementor.analytics.impact.results import programme_results
from rementor.analytics.impact.stat import State
from rementor.mentoring.models import Idea
from tests.rementor.analytics.factories import idea, pair_row


def _ideas(programme, *, pairs: int, adopted: int) -> None:
    for index in range(pairs):
        made = idea(pair_row(programme), None)
        if index < adopted:
            Idea.objects.filter(pk=made.pk).update(
                adopted_on=timezone.localdate(), adoption_change="Un changement"
            )


def test_managers_see_every_adopted_idea(programme):
    _ideas(programme, pairs=3, adopted=1)
    adopted = programme_results(programme=programme, for_sponsor=False).ideas.adopted
    assert (adopted.state, adopted.value, adopted.n) == (State.SHOWN, 1, 1)


def test_sponsors_see_adopted_ideas_of_five_pairs_or_more(programme):
    _ideas(programme, pairs=7, adopted=5)
    adopted = programme_results(programme=programme, for_sponsor=True).ideas.adopted
    assert (adopted.state, adopted.value, adopted.n) == (State.SHOWN, 5, 5)


def test_sponsors_do_not_see_adopted_ideas_of_fewer_than_five_pairs(programme):
    _ideas(programme, pairs=7, adopted=4)
    results = programme_results(programme=programme, for_sponsor=True)
    assert results.ideas.total.shown
    assert results.ideas.adopted.state == State.SMALL and results.ideas.adopted.value is None


def test_adopted_ideas_stay_hidden_when_the_total_is(programme):
    _ideas(programme, pairs=4, adopted=4)
    results = programme_results(programme=programme, for_sponsor=True)
    assert not results.ideas.total.shown and not results.ideas.adopted.shown


def test_no_adopted_idea_is_a_zero_for_everyone(programme):
    _ideas(programme, pairs=6, adopted=0)
    adopted = programme_results(programme=programme, for_sponsor=True).ideas.adopted
    assert (adopted.state, adopted.value) == (State.SHOWN, 0)
