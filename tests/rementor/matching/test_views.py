"""The matching pages: run, pin, forbid, pair by hand, publish; what participants see."""

import pytest
from django.conf import settings
from django.urls import reverse

from rementor.audit.events import Departure
from rementor.matching.models import MatchRun, OverrideKind, PairOverride, RunStatus
from rementor.people.domain import deactivate_person
from rementor.programmes.models import Enrollment
from tests.factories import PersonFactory, UserFactory, client_for
from tests.rementor.matching.factories import matching_programme, mentee, mentor


@pytest.mark.django_db
def test_manager_runs_pins_and_publishes_from_the_page(manager, django_capture_on_commit_callbacks):
    programme = matching_programme()
    anne = mentee(programme, needs={"linkedin": (1, 3, 3)}, first_name="Anne", last_name="Dir")
    mentor(programme, levels={"linkedin": 4}, first_name="Léo", last_name="Junior")
    client = client_for(manager)
    weights = {"skills": 70, "availability": 10, "preferences": 10, "cross_department": 10}
    # The run is queued when the request's work commits (never, in a test, without this).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("matching:run", args=[programme.slug]), weights)
    run = MatchRun.objects.get()
    assert response.url.endswith(f"?run={run.number}")
    assert run.status == RunStatus.DONE and run.weights["skills"] == 0.7
    page = client.get(response.url).content.decode()
    assert "Anne Dir" in page and "Léo Junior" in page
    status = client.get(
        reverse("matching:run_status", args=[programme.slug, run.number]), HTTP_HX_REQUEST="true"
    )
    assert status["HX-Refresh"] == "true"

    leo = Enrollment.objects.get(person__last_name="Junior")
    client.post(
        reverse("matching:override", args=[programme.slug]),
        {"mentee": anne.person_id, "mentor": leo.person_id, "kind": "pin"},
    )
    assert PairOverride.objects.get().kind == OverrideKind.PIN
    client.post(reverse("matching:publish", args=[programme.slug, run.number]), {"start": "on"})
    programme.refresh_from_db()
    assert programme.status == "running" and programme.pairs.count() == 1


@pytest.mark.django_db
def test_invalid_weights_are_refused(manager):
    programme = matching_programme()
    zero = dict.fromkeys(["skills", "availability", "preferences", "cross_department"], 0)
    client_for(manager).post(reverse("matching:run", args=[programme.slug]), zero)
    assert not MatchRun.objects.exists()


@pytest.mark.django_db
def test_participants_see_their_pair_and_why_but_not_other_candidates(manager):
    programme = matching_programme()
    user = UserFactory(email="senior@example.org")
    enrollment = mentee(programme, needs={"linkedin": (1, 3, 3)}, slots=(5,))
    enrollment.person = user.person
    enrollment.save()
    mentor(programme, levels={"linkedin": 4}, first_name="Léa", last_name="Choisie", slots=(5,))
    mentor(programme, levels={"slack": 4}, first_name="Paul", last_name="Autre")
    from rementor.matching import domain

    run = domain.create_run_now(programme=programme, by=manager)
    domain.publish_run(run=run, by=manager)
    page = client_for(user).get(reverse("programmes:detail", args=[programme.slug]))
    text = page.content.decode()
    assert "Léa Choisie" in text and "LinkedIn" in text and "Mardi" in text
    assert "Paul Autre" not in text


@pytest.mark.django_db
def test_run_page_lists_who_left_and_offers_only_those_still_here(
    manager, django_capture_on_commit_callbacks
):
    programme = matching_programme()
    mentee(programme, needs={"linkedin": (1, 3, 3)}, first_name="Anne", last_name="Reste")
    gone = mentor(programme, levels={"linkedin": 4}, first_name="Léo", last_name="Parti")
    mentor(programme, levels={"linkedin": 4}, first_name="Zoé", last_name="Là")
    deactivate_person(person=gone.person, by=None, reason=Departure.DIRECTORY)
    client = client_for(manager)
    weights = {"skills": 70, "availability": 10, "preferences": 10, "cross_department": 10}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("matching:run", args=[programme.slug]), weights)
    page = client.get(response.url)
    html = page.content.decode()
    assert "Laissés hors de ce run" in html and "Léo Parti" in html
    assert "a quitté l’entreprise" in html
    # The form to pair by hand offers nobody who left.
    offered = page.context["pair_form"].fields["mentor"].queryset
    assert [e.person.last_name for e in offered] == ["Là"]


def _breaking(programme, code):
    """A mentee and a mentor whose pair breaks the engine's hard constraint ``code``."""
    if code == "no_common_language":
        return (
            mentee(programme, needs={"linkedin": (1, 3, 3)}, languages=["en"]),
            mentor(programme, levels={"linkedin": 4}, languages=["fr"]),
        )
    chief = mentee(programme, needs={"linkedin": (1, 3, 3)})
    if code == "reporting_line":
        return chief, mentor(programme, levels={"linkedin": 4}, manager=chief.person)
    other = mentor(programme, levels={"linkedin": 4}, manager=PersonFactory())
    PairOverride.objects.create(
        programme=programme, mentee=chief, mentor=other, kind=OverrideKind.FORBID
    )
    return chief, other


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "french", "english", "engine_phrase"),
    [
        (
            "no_common_language",
            "Ils n’ont aucune langue en commun.",
            "They share no language.",
            "no common language",
        ),
        (
            "reporting_line",
            "Ils font partie de la même ligne hiérarchique.",
            "They are in the same reporting line.",
            "the mentor and the mentee are in the same reporting line",
        ),
        (
            "forbidden",
            "Ce binôme est interdit.",
            "This pair is forbidden.",
            "the pair is forbidden",
        ),
    ],
)
def test_a_refused_manual_pair_says_why_in_the_readers_language(
    manager, code, french, english, engine_phrase
):
    # The engine names the broken rule by code; the page translates the code.
    programme = matching_programme()
    e, m = _breaking(programme, code)
    url = reverse("matching:manual_pair", args=[programme.slug])
    client = client_for(manager)
    page = client.post(url, {"mentee": e.pk, "mentor": m.pk}, follow=True).content.decode()
    assert french in page and english not in page and engine_phrase not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.post(url, {"mentee": e.pk, "mentor": m.pk}, follow=True).content.decode()
    assert english in page and french not in page
    assert not programme.pairs.exists()
