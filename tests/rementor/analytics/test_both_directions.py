"""Both directions of a programme that ends with a reciprocal phase (issue 17, the role swap):
sessions held and objectives achieved in each phase, on the results page, in the verdict and
the PDF's key figures — every figure for managers, for sponsors only groups of five pairs or
more, and never a phase worked out from the sessions' total."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from rementor.analytics.impact.results import programme_results
from rementor.analytics.impact.stat import State
from rementor.analytics.impact.verdict import verdict
from rementor.analytics.report.figures import key_figures
from rementor.mentoring.models import MentoringSession, Phase, ReciprocalPhase
from rementor.programmes.models import Programme
from tests.factories import client_for
from tests.rementor.analytics.factories import held_with_pulses, mentor_objective, pair_row


def _programme_with_swaps(programme, *, pairs: int, swapped: int):
    """``pairs`` pairs that held two sessions and achieved one objective in reverse
    mentoring; the first ``swapped`` of them swapped roles, then held one session and achieved
    one objective in the reciprocal phase."""
    Programme.objects.filter(pk=programme.pk).update(reciprocal_phase=True)
    programme.refresh_from_db()
    for index in range(pairs):
        pair = pair_row(programme)
        held_with_pulses(pair, days_ago=20)
        held_with_pulses(pair, days_ago=10)
        mentor_objective(pair, status="achieved", progress=100)
        if index < swapped:
            ReciprocalPhase.objects.create(pair=pair, topic="career")
            session = held_with_pulses(pair, days_ago=2)
            MentoringSession.objects.filter(pk=session.pk).update(phase=Phase.RECIPROCAL)
            objective = mentor_objective(pair, status="achieved", progress=100)
            type(objective).objects.filter(pk=objective.pk).update(phase=Phase.RECIPROCAL)
    return programme


def _lines(results):
    return {line.key: line for line in results.reciprocal.lines}


def test_no_reciprocal_phase_no_figures(programme):
    pair_row(programme)
    assert programme_results(programme=programme, for_sponsor=True).reciprocal is None


def test_managers_see_both_directions_of_a_small_programme(programme):
    _programme_with_swaps(programme, pairs=3, swapped=2)
    results = programme_results(programme=programme, for_sponsor=False)
    lines = _lines(results)
    assert (lines["reverse"].sessions.value, lines["reverse"].sessions.n) == (6, 3)
    assert (lines["reciprocal"].sessions.value, lines["reciprocal"].sessions.n) == (2, 2)
    assert lines["reverse"].objectives.value == 3 and lines["reciprocal"].objectives.value == 2
    assert results.reciprocal.swapped.value == 2


def test_sponsors_see_both_directions_of_a_large_programme(programme):
    _programme_with_swaps(programme, pairs=12, swapped=6)
    results = programme_results(programme=programme, for_sponsor=True)
    lines = _lines(results)
    assert lines["reverse"].sessions.value == 24 and lines["reciprocal"].sessions.value == 6
    assert lines["reverse"].objectives.value == 12 and lines["reciprocal"].objectives.value == 6
    assert results.reciprocal.swapped.value == 6
    with translation.override("en"):
        text = verdict(results, closed=False).answers[1].text
        figures = {label: figure.text for label, figure, _what in key_figures(results)}
    assert "Sessions held in each direction: 24 in reverse mentoring, 6 with the roles" in text
    assert figures["Sessions: Reciprocal phase"] == "6"


def test_sponsors_never_see_a_phase_of_fewer_than_five_pairs_nor_work_it_out(programme):
    _programme_with_swaps(programme, pairs=8, swapped=3)
    results = programme_results(programme=programme, for_sponsor=True)
    lines = _lines(results)
    assert results.sessions.held.shown  # the key figure: 27 sessions of 8 pairs
    assert lines["reciprocal"].sessions.state == State.SMALL
    # 27 minus the reverse phase's 24 would give the reciprocal phase's 3 away.
    assert not lines["reverse"].sessions.shown
    assert lines["reciprocal"].objectives.state == State.SMALL
    assert results.reciprocal.swapped.state == State.SMALL
    values = [
        stat.value
        for line in results.reciprocal.lines
        for stat in (line.sessions, line.objectives)
        if not stat.shown
    ]
    assert values == [None] * len(values)
    with translation.override("en"):
        text = verdict(results, closed=False).answers[1].text
    assert "Sessions held in each direction: not shown, to protect small groups." in text


@pytest.mark.django_db
def test_sponsor_page_shows_the_directions_table_without_hidden_values(programme, sponsor):
    _programme_with_swaps(programme, pairs=8, swapped=3)
    page = client_for(sponsor).get(
        reverse("analytics:sponsor", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="both-directions"' in html
    row = html.split('data-testid="direction-reciprocal"')[1].split("</tr>")[0]
    assert ">3<" not in row and "fewer than 5" in row


@pytest.mark.django_db
def test_manager_dashboard_in_french_shows_both_directions(programme, manager):
    _programme_with_swaps(programme, pairs=3, swapped=2)
    page = client_for(manager).get(reverse("analytics:dashboard", args=[programme.slug]))
    assert b"Les deux sens" in page.content
