"""The manager's matching page: the pair's own reasons in plain words, the warning for pairs
without a shared weekly slot, and counts in correct plural forms."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rementor.matching import domain
from tests.factories import client_for
from tests.rementor.matching.factories import matching_programme, mentee, mentor

# A raw engine figure such as "0.067" or "0,067" (three decimals), as the page used to print.
RAW_FIGURE = re.compile(r"\b0[.,]\d{3}\b")


def _page(manager, programme, language="fr", run=None) -> str:
    url = reverse("matching:page", args=[programme.slug])
    if run is not None:
        url += f"?run={run.number}"
    response = client_for(manager).get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def one_pair(manager):
    """A finished run proposing one pair that shares slot 5 and has a skill gap covered."""
    programme = matching_programme()
    mentee(programme, needs={"linkedin": (1, 3, 3)}, slots=(5,), first_name="Anne", last_name="Dir")
    mentor(programme, levels={"linkedin": 4}, slots=(5, 6), first_name="Léo", last_name="Jeune")
    run = domain.create_run_now(programme=programme, by=manager)
    return programme, run


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "skills", "slot", "heading"),
    [
        (
            "fr",
            "Vous avez été mis en binôme sur les compétences suivantes : LinkedIn.",
            "Vous êtes tous les deux disponibles sur les créneaux suivants : Mardi 10h–12h.",
            "Détail du score",
        ),
        (
            "en",
            "You were matched on LinkedIn.",
            "You are both free on Tuesday 10 am–12 pm.",
            "Score details",
        ),
    ],
)
def test_proposed_pair_shows_the_sentences_the_pair_will_read(
    manager, one_pair, language, skills, slot, heading
):
    programme, run = one_pair
    html = _page(manager, programme, language, run)
    reasons = html[html.index('data-testid="pair-reasons"') :]
    assert skills in reasons
    assert slot in reasons
    # Figures stay as a detail, in whole points, never as a raw engine number.
    assert heading in html
    assert not RAW_FIGURE.search(html), RAW_FIGURE.search(html)
    assert "Availability: 0" not in html and "Disponibilités : 0" not in html
    assert 'data-testid="no-shared-slot"' not in html


@pytest.mark.django_db
def test_score_details_read_as_points_out_of_the_weights(manager, one_pair):
    programme, run = one_pair
    html = _page(manager, programme, "en", run)
    # Default weights: skills 60, availability 20, preferences 10, other department 10.
    assert re.search(r"Skills: \d+ of 60 points", html)
    assert re.search(r"Availability: \d+ of 20 points", html)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_pair_without_a_shared_slot_is_flagged_before_and_after_publishing(manager, language):
    programme = matching_programme()
    mentee(programme, needs={"linkedin": (1, 3, 3)}, slots=(1, 2), first_name="Anne")
    mentor(programme, levels={"linkedin": 4}, slots=(10, 11), first_name="Léo")
    run = domain.create_run_now(programme=programme, by=manager)
    warning = "Aucun créneau hebdomadaire commun." if language == "fr" else "No shared weekly slot."
    html = _page(manager, programme, language, run)
    assert html.count('data-testid="no-shared-slot"') == 1
    assert warning in html

    domain.publish_run(run=run, by=manager)
    html = _page(manager, programme, language, run)
    # Still flagged in the proposed table, and counted under the published pairs.
    assert html.count('data-testid="no-shared-slot"') == 1
    published = html[html.index('data-testid="published-pairs"') :]
    assert 'data-testid="published-without-shared-slot"' in published
    assert ("1 of them gave no weekly slot" if language == "en" else "1 d’entre eux") in published


@pytest.mark.django_db
def test_published_pair_with_a_shared_slot_has_no_warning_and_links_to_the_pairs(manager, one_pair):
    programme, run = one_pair
    domain.publish_run(run=run, by=manager)
    html = _page(manager, programme, "en", run)
    published = html[html.index('data-testid="published-pairs"') :]
    assert reverse("mentoring:pairs", kwargs={"slug": programme.slug}) in published
    assert "no-shared-slot" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        (
            "en",
            ["1 pair proposed,", "1 mentee without a mentor", "Mentors have 1 free place."],
            ["2 pairs proposed,", "2 mentees without a mentor", "Mentors have 2 free places."],
        ),
        (
            "fr",
            ["1 binôme proposé,", "1 mentoré sans mentor", "Les mentors ont 1 place libre."],
            ["2 binômes proposés,", "2 mentorés sans mentor", "Les mentors ont 2 places libres."],
        ),
    ],
)
def test_counts_use_the_right_plural_for_one_and_two(manager, language, one, two):
    for size, expected in ((1, one), (2, two)):
        programme = matching_programme()
        for index in range(size):
            mentee(programme, needs={"linkedin": (1, 3, 3)}, first_name=f"Avec{index}")
            mentor(programme, levels={"linkedin": 4}, capacity=1, first_name=f"Mentor{index}")
        for _index in range(size):
            # Nobody can teach Slack: these mentees stay without a mentor.
            mentee(programme, needs={"slack": (1, 3, 3)}, languages=["de"], first_name="Seul")
        run = domain.create_run_now(programme=programme, by=manager)
        html = _page(manager, programme, language, run)
        text = re.sub(r"\s+", " ", html)
        for sentence in expected:
            assert sentence in text, (size, sentence)
        assert "(s)" not in text
