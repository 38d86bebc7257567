"""The confirmation page of a move (``cockpit:transition``): GET explains and changes nothing,
POST checks everything again, refusals keep what was typed, in French and in English."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from rementor.matching.models import Pair, PairStatus
from rementor.programmes.models import Programme, ProgrammeStatus
from tests.factories import UserFactory, client_for
from tests.rementor.cockpit.factories import (
    closed_days_ago,
    pairs,
    programme_at,
    published_run,
)

pytestmark = pytest.mark.django_db


def _url(programme, to):
    return reverse("cockpit:transition", args=[programme.slug, to])


def _status(programme):
    return Programme.objects.get(pk=programme.pk).status


@pytest.fixture
def english_manager():
    return UserFactory(email="en-hr@example.org", is_programme_manager=True, language="en")


def test_get_explains_the_move_and_changes_nothing(manager):
    programme = programme_at("running")
    pairs(programme, 2)
    response = client_for(manager).get(_url(programme, "closed"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Clôturer le programme" in body
    assert "Les 2 binômes encore actifs ou en pause" in body  # what happens to the pairs
    assert "ne peut pas être annulé" in body  # irreversible, said out loud
    assert 'name="confirm"' in body and 'name="reason"' in body
    assert _status(programme) == ProgrammeStatus.RUNNING
    assert not programme.history.exists()
    assert Pair.objects.filter(status=PairStatus.ACTIVE).count() == 2


def test_the_page_in_english(english_manager):
    programme = programme_at("running")
    pairs(programme, 1)
    body = (
        client_for(english_manager)
        .get(_url(programme, "closed"), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert "What will happen" in body
    assert "The 1 pair still active or paused is completed or ended" in body
    assert "Close early: its end date" in body


def test_post_moves_and_redirects_to_the_programme(manager):
    programme = programme_at("draft")
    response = client_for(manager).post(_url(programme, "recruiting"))
    assert response.status_code == 302
    assert response.url == reverse("programmes:detail", args=[programme.slug])
    assert _status(programme) == ProgrammeStatus.RECRUITING


def test_close_refused_without_confirmation_keeps_what_was_typed(manager):
    programme = programme_at("running")
    (pair,) = pairs(programme, 1)
    data = {"close_early": "on", "pairs": "end", "reason": "Budget cut in March"}
    response = client_for(manager).post(_url(programme, "closed"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Budget cut in March" in body
    assert re.search(r'<input[^>]*value="end"[^>]*checked', body)  # the choice is kept too
    assert "Cochez cette case pour confirmer la clôture." in body
    assert _status(programme) == ProgrammeStatus.RUNNING
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.ACTIVE


def test_close_without_choosing_for_the_pairs_says_so_and_keeps_the_reason(manager):
    programme = programme_at("running")
    (pair,) = pairs(programme, 1)
    data = {"close_early": "on", "reason": "Réorganisation", "confirm": "on"}
    response = client_for(manager).post(_url(programme, "closed"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Choisissez ce que deviennent les binômes encore actifs ou en pause." in body
    assert "Ce champ est obligatoire." not in body
    assert "Réorganisation" in body
    assert re.search(r'<input[^>]*name="confirm"[^>]*checked', body)
    assert _status(programme) == ProgrammeStatus.RUNNING
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.ACTIVE


def test_close_without_choosing_for_the_pairs_in_english(english_manager):
    programme = programme_at("running")
    pairs(programme, 1)
    data = {"close_early": "on", "confirm": "on"}
    body = (
        client_for(english_manager)
        .post(_url(programme, "closed"), data, HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert "Choose what happens to the pairs still active or paused." in body
    assert "This field is required." not in body


def test_close_ending_pairs_without_a_reason_is_refused_in_french(manager):
    programme = programme_at("running")
    pairs(programme, 1)
    data = {"close_early": "on", "pairs": "end", "reason": "", "confirm": "on"}
    response = client_for(manager).post(_url(programme, "closed"), data)
    assert "Veuillez indiquer un motif." in response.content.decode()
    assert _status(programme) == ProgrammeStatus.RUNNING


def test_close_completing_the_pairs(manager):
    programme = programme_at("running")
    (pair,) = pairs(programme, 1)
    data = {"close_early": "on", "pairs": "complete", "confirm": "on"}
    response = client_for(manager).post(_url(programme, "closed"), data)
    assert response.status_code == 302
    assert _status(programme) == ProgrammeStatus.CLOSED
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.COMPLETED


def test_start_early_refused_without_the_box_then_done_with_it(manager):
    today = timezone.localdate()
    programme = programme_at(
        "matching", start_date=today + dt.timedelta(days=7), end_date=today + dt.timedelta(days=90)
    )
    published_run(programme)
    pairs(programme, 1)
    client = client_for(manager)
    response = client.post(_url(programme, "running"), {})
    assert "Cochez cette case pour démarrer avant" in response.content.decode()
    assert _status(programme) == ProgrammeStatus.MATCHING
    response = client.post(_url(programme, "running"), {"start_early": "on"})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.status, programme.start_date) == (ProgrammeStatus.RUNNING, today)


def test_the_post_checks_again_whatever_the_page_said(manager):
    # No published run, no pair: the page shows no form, and a POST made anyway changes nothing.
    programme = programme_at("matching")
    client = client_for(manager)
    page = client.get(_url(programme, "running")).content.decode()
    assert 'data-testid="blockers"' in page and 'data-testid="transition-form"' not in page
    response = client.post(_url(programme, "running"), {"start_early": "on"})
    assert response.status_code == 200
    assert "Aucun calcul d’appariement n’a encore été publié." in response.content.decode()
    assert _status(programme) == ProgrammeStatus.MATCHING
    assert not programme.history.exists()


def test_a_wrong_move_changes_nothing(manager):
    programme = programme_at("draft")
    client = client_for(manager)
    response = client.post(_url(programme, "closed"), {"confirm": "on", "close_early": "on"})
    assert response.status_code == 200
    assert "ne peut pas passer" in response.content.decode()
    assert _status(programme) == ProgrammeStatus.DRAFT
    assert client.post(_url(programme, "archived")).status_code == 404
    assert _status(programme) == ProgrammeStatus.DRAFT


def test_participants_and_outsiders_cannot_move_a_programme(pair_member, stranger, programme):
    for user, status in ((pair_member, 403), (stranger, 404)):
        response = client_for(user).post(_url(programme, "recruiting"))
        assert response.status_code == status
    assert _status(programme) == ProgrammeStatus.DRAFT


def test_reopen_within_30_days_and_not_after(manager):
    recent, old = programme_at("running"), programme_at("running")
    closed_days_ago(recent, 5)
    closed_days_ago(old, 31)
    client = client_for(manager)
    assert client.post(_url(recent, "running")).status_code == 302
    assert _status(recent) == ProgrammeStatus.RUNNING
    page = client.get(_url(old, "running")).content.decode()
    assert "ne peut être rouvert que dans les 30 jours" in page
    assert 'data-testid="transition-form"' not in page
    client.post(_url(old, "running"))
    assert _status(old) == ProgrammeStatus.CLOSED
