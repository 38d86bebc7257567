"""The step tracker (``cockpit.tracker``): for each step, what is done, what is missing and the
one next action, with counts and plurals; a constant number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from rementor.cockpit import transitions
from rementor.cockpit.tracker import tracker
from rementor.matching.models import PairProposal
from rementor.programmes.domain import change_programme_status
from rementor.programmes.models import ProgrammeStatus
from tests.factories import ProgrammeFactory, UserFactory, client_for
from tests.rementor.cockpit.factories import (
    applications,
    closed_days_ago,
    mentees_invited,
    mentees_with_needs,
    mentors_accepted,
    pairs,
    programme_at,
    published_run,
)

pytestmark = pytest.mark.django_db


def _texts(items):
    return [item.text for item in items]


def test_draft_without_anyone_asks_to_invite_people():
    programme = ProgrammeFactory()
    with translation.override("en"):
        result = tracker(programme=programme)
    assert [s.state for s in result.steps] == ["current", "todo", "todo", "todo", "todo"]
    assert "No mentee invited yet." in _texts(result.missing)
    assert result.next_action.label == "Invite people"
    assert result.next_action.url == reverse("programmes:invite", args=[programme.slug])


def test_draft_with_people_invited_offers_to_open_recruiting():
    programme = programme_at("draft")
    mentees_invited(programme, 2)
    applications(programme, 1)
    with translation.override("en"):
        result = tracker(programme=programme)
    assert _texts(result.done) == ["2 mentees invited.", "1 mentor candidate invited."]
    assert result.next_action.move == "recruiting"
    assert result.next_action.url == reverse(
        "cockpit:transition", args=[programme.slug, "recruiting"]
    )


def test_recruiting_counts_needs_and_applications_with_plurals():
    programme = programme_at("recruiting")
    mentees_with_needs(programme, 2)
    mentees_invited(programme, 2)
    applications(programme, 5)
    with translation.override("en"):
        result = tracker(programme=programme)
    needs = next(item for item in result.missing if "needs" in item.text)
    assert needs.text == "2 of 4 mentees have given their needs."
    assert needs.link == "Remind the 2"
    assert needs.url == transitions.responses_url(programme, "needs")
    assert needs.url.endswith("#needs") or needs.url == reverse(
        "programmes:detail", args=[programme.slug]
    )
    waiting = next(item for item in result.missing if "application" in item.text)
    assert waiting.text == "5 mentor applications wait for a decision."
    assert waiting.url == reverse("selection:candidates", args=[programme.slug])
    # Deciding comes first: matching without a decision leaves candidates out.
    assert result.next_action.url == waiting.url
    assert [s.state for s in result.steps][:2] == ["done", "current"]


def test_recruiting_singulars():
    programme = programme_at("recruiting")
    mentees_with_needs(programme, 1)
    applications(programme, 1)
    with translation.override("en"):
        result = tracker(programme=programme)
    assert "The only mentee has given their needs." in _texts(result.done)
    assert "1 mentor application waits for a decision." in _texts(result.missing)


def test_recruiting_in_french():
    programme = programme_at("recruiting")
    mentees_with_needs(programme, 1)
    mentees_invited(programme, 2)
    with translation.override("fr"):
        result = tracker(programme=programme)
    needs = next(item for item in result.missing if "besoins" in item.text)
    assert needs.text == "1 mentoré sur 3 a donné ses besoins."
    assert needs.link == "Relancer les 2"


def test_recruiting_ready_offers_to_start_matching():
    programme = programme_at("recruiting")
    mentees_with_needs(programme, 2)
    mentors_accepted(programme, 1)
    with translation.override("en"):
        result = tracker(programme=programme)
    assert "All 2 mentees have given their needs." in _texts(result.done)
    assert "1 mentor accepted." in _texts(result.done)
    assert result.next_action.move == "matching"
    assert [m.move for m in result.moves] == ["draft"]


def test_matching_without_a_published_run_sends_to_the_matching_page():
    programme = programme_at("matching")
    mentees_with_needs(programme, 2)
    mentors_accepted(programme, 1)
    with translation.override("en"):
        result = tracker(programme=programme)
    assert "No published run." in _texts(result.missing)
    assert "Matching: 2 mentees without a mentor." in _texts(result.missing)
    assert result.next_action.url == reverse("matching:page", args=[programme.slug])
    assert {m.move for m in result.moves} == {"running", "recruiting"}


def test_matching_with_pairs_published_offers_to_start_the_programme():
    programme = programme_at("matching")
    pairs(programme, 1)
    mentees_with_needs(programme, 1)
    published_run(programme)
    with translation.override("en"):
        result = tracker(programme=programme)
    assert "1 matching run published." in _texts(result.done)
    assert "1 active pair." in _texts(result.done)
    assert "Matching: 1 mentee without a mentor." in _texts(result.missing)
    assert result.next_action.move == "running"
    assert result.next_action.label == "Start the programme"


def _propose(programme, mentee, mentor, *, days: int = 7) -> None:
    PairProposal.objects.create(
        programme=programme,
        mentee=mentee,
        mentor=mentor,
        deadline=timezone.now() + dt.timedelta(days=days),
    )


def test_matching_with_pairs_proposed_sends_to_their_answers_not_to_another_run():
    programme = programme_at("matching", pair_consent=True)
    (waiting, _unpaired) = mentees_with_needs(programme, 2)
    (mentor,) = mentors_accepted(programme, 1)
    published_run(programme)
    _propose(programme, waiting, mentor)
    with translation.override("en"):
        result = tracker(programme=programme)
    missing = _texts(result.missing)
    # The proposed mentee is not counted as one matching has left without a mentor.
    assert "Matching: 1 mentee without a mentor." in missing
    assert any("1 proposed pair still waits for its members’ answers" in t for t in missing)
    assert result.next_action.label == "See the proposed pairs"
    assert result.next_action.url == reverse("cockpit:proposals", args=[programme.slug])


def test_matching_with_a_proposal_past_its_deadline_asks_the_manager_to_decide():
    programme = programme_at("matching", pair_consent=True)
    (mentee,) = mentees_with_needs(programme, 1)
    (mentor,) = mentors_accepted(programme, 1)
    published_run(programme)
    _propose(programme, mentee, mentor, days=-1)
    with translation.override("fr"):
        result = tracker(programme=programme)
    missing = _texts(result.missing)
    assert not any("sans mentor" in t for t in missing)
    assert any("n’a pas reçu de réponse à temps" in t for t in missing), missing
    assert result.next_action.label == "Voir les binômes proposés"


def test_running_before_its_end_follows_the_pairs_and_closes_when_it_ends():
    programme = programme_at("running")
    pairs(programme, 3)
    with translation.override("en"):
        result = tracker(programme=programme)
    assert "3 active pairs." in _texts(result.done)
    assert result.next_action.url == reverse("mentoring:pairs", args=[programme.slug])
    assert [m.move for m in result.moves] == ["closed"]
    programme.end_date = timezone.localdate()
    programme.save()
    with translation.override("en"):
        result = tracker(programme=programme)
    assert result.next_action.move == "closed"
    assert result.moves == []


def test_closed_names_who_closed_it_and_until_when_it_can_be_reopened(manager):
    programme = programme_at("running")
    closed_days_ago(programme, 3, by=manager)
    with translation.override("en"):
        result = tracker(programme=programme)
    assert result.steps[-1].state == "current"
    assert any(manager.display_name in text for text in _texts(result.done))
    assert result.note.startswith("A manager can reopen it until")
    assert [m.move for m in result.moves] == ["running"]
    assert result.next_action.url == reverse("analytics:dashboard", args=[programme.slug])


def test_closed_for_31_days_can_no_longer_be_reopened():
    programme = programme_at("running")
    closed_days_ago(programme, 31)
    with translation.override("en"):
        result = tracker(programme=programme)
    assert "It can no longer be reopened." in result.note
    assert result.moves == []


def _queries(programme) -> int:
    with CaptureQueriesContext(connection) as captured:
        tracker(programme=programme)
    return len(captured)


def test_the_tracker_reads_a_constant_number_of_queries():
    small, large = programme_at("running"), programme_at("running")
    pairs(small, 1)
    pairs(large, 4)
    mentees_invited(large, 3)
    applications(large, 2)
    assert _queries(small) == _queries(large) <= 7


def test_the_programme_page_shows_the_tracker_as_an_ordered_list(manager):
    programme = programme_at("recruiting")
    mentees_with_needs(programme, 1)
    url = reverse("programmes:detail", args=[programme.slug])
    body = client_for(manager).get(url).content.decode()
    assert 'data-testid="tracker"' in body and "<ol" in body
    assert body.count('aria-current="step"') == 1
    assert 'aria-current="step" data-step="recruiting"' in body
    assert "Le parcours du programme" in body and "Fait" in body
    english = UserFactory(email="en@example.org", is_programme_manager=True, language="en")
    body = client_for(english).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The programme&#x27;s path" in body or "The programme's path" in body
    assert "The only mentee has given their needs." in body


def test_the_programme_page_groups_its_links_and_puts_the_next_action_first(manager):
    programme = programme_at("matching")
    body = client_for(manager).get(reverse("programmes:detail", args=[programme.slug]))
    text = body.content.decode()
    assert text.index('data-testid="next-action"') < text.index('data-testid="programme-sections"')
    assert text.count('class="btn btn-primary"') == 1
    for group in ("Participants", "Appariement et binômes", "Résultats"):
        assert group in text
    assert reverse("cockpit:transition", args=[programme.slug, "recruiting"]) in text


def test_the_history_marks_reopenings_and_who_did_them(manager):
    programme = programme_at("running")
    closed_days_ago(programme, 2, by=manager)
    change_programme_status(programme=programme, to=ProgrammeStatus.RUNNING, by=manager)
    body = client_for(manager).get(reverse("programmes:detail", args=[programme.slug]))
    text = body.content.decode()
    reopening = next(
        line
        for line in text.splitlines()
        if 'data-testid="status-change"' in line and "Rouvert" in line
    )
    assert manager.display_name in reopening
