"""A new programme made from the shipped template, walked on a phone (390 px) in French: at
each step the page says what to do next, and no English sentence shows.

The manager creates it from "Reverse mentoring — 6 sessions over 5 months" and invites a
mentee; the mentee's home page asks for her needs; after the matching (run outside the
browser: ``test_manager_journey`` walks it) the manager is sent to the proposed pair rather
than to another run, the mentee accepts from her home page, and the pair page shows the
template's first session and why booking waits for the programme to start.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from rementor.matching import domain as matching
from rementor.matching.consent import answer_proposal
from rementor.programmes.domain import change_programme_status
from rementor.programmes.models import Enrollment, Programme, ProgrammeStatus
from rementor.skills.domain import ItemInput, submit_baseline
from tests.e2e.conftest import PHONE, sign_in
from tests.e2e.test_manager_journey import _speaks
from tests.factories import PASSWORD, UserFactory
from tests.rementor.matching.factories import mentor

NAME = "Pilote numérique 2027"
TEMPLATE = "Le modèle « Mentorat inversé — 6 séances sur 5 mois »"


def _check(page: Page) -> None:
    """French only, and nothing wider than the phone."""
    _speaks(page, "fr")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def _next_action(page: Page):
    return page.get_by_test_id("next-action")


@pytest.mark.parametrize("language", ["fr"])
def test_a_programme_from_the_template_guides_each_role_on_a_phone_in_french(
    transactional_db, live_server, browser, phone, language
):
    server = live_server.url
    manager = UserFactory(email="rh@example.org", is_programme_manager=True, language="fr")
    anne = UserFactory(
        email="anne@example.org",
        language="fr",
        person__first_name="Anne",
        person__last_name="Directrice",
    )

    # --- The manager starts from the template, and is told to invite people.
    sign_in(phone, server, manager.email, PASSWORD)
    phone.goto(f"{server}/programmes/new/")
    phone.get_by_role("link", name=TEMPLATE).click()
    _check(phone)
    phone.get_by_label(re.compile(r"^Nom\s*\*?$")).fill(NAME)
    phone.get_by_label("Réseaux sociaux — LinkedIn").check()
    phone.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(_next_action(phone)).to_have_text("Inviter des personnes")
    _check(phone)
    programme = Programme.objects.get(name=NAME)
    assert (programme.cadence_weeks, programme.pair_consent) == (3, True)

    # --- Invite Anne as a mentee, opening recruiting at the same time.
    _next_action(phone).click()
    phone.get_by_label("Ou collez une liste").fill(anne.email)
    phone.get_by_label("Ouvrir le recrutement maintenant et envoyer les invitations").check()
    phone.get_by_role("button", name="Envoyer les invitations").click()
    expect(phone.get_by_test_id("tracker-done")).to_contain_text("1 mentoré invité.")
    _check(phone)

    # --- Anne's home page asks for her needs and leads to the form.
    mentee_page = phone.context.browser.new_context(
        locale="fr-FR", viewport=PHONE, device_scale_factor=2
    ).new_page()
    try:
        sign_in(mentee_page, server, anne.email, PASSWORD)
        step = (
            mentee_page.get_by_test_id("next-steps")
            .locator("li")
            .filter(has_text=f"Dites-nous ce que vous aimeriez apprendre dans {NAME}")
        )
        expect(step).to_be_visible()
        _check(mentee_page)
        step.get_by_role("link").click()
        expect(mentee_page).to_have_url(f"{server}/programmes/{programme.slug}/my-needs/")
        _check(mentee_page)

        # Her needs, a mentor and the matching, outside the browser.
        enrollment = Enrollment.objects.get(programme=programme, person=anne.person)
        linkedin = programme.skills.get(code="linkedin")
        submit_baseline(
            enrollment=enrollment,
            items=[ItemInput(skill_id=linkedin.pk, level=1, target=3, priority=3)],
            wishes="Publier sur LinkedIn",
            slots=[1, 2, 3],
            languages=["fr"],
        )
        lea = mentor(programme, levels={"linkedin": 4}, first_name="Léa", last_name="Réseaux")
        change_programme_status(programme=programme, to=ProgrammeStatus.MATCHING, by=manager)
        run = matching.create_run_now(programme=programme, by=manager)
        matching.publish_run(run=run, by=manager)
        proposal = programme.pair_proposals.get()

        # --- The manager is sent to the proposed pair, not to another run.
        phone.goto(f"{server}/programmes/{programme.slug}/")
        expect(_next_action(phone)).to_have_text("Voir les binômes proposés")
        expect(phone.get_by_test_id("tracker-missing")).to_contain_text(
            "1 binôme proposé attend encore la réponse de ses membres"
        )
        expect(phone.get_by_test_id("tracker-missing")).not_to_contain_text("sans mentor")
        _check(phone)

        # --- Anne accepts from her home page; Léa accepts too: the pair starts.
        mentee_page.goto(f"{server}/")
        mentee_page.get_by_test_id("next-steps").locator("li").filter(
            has_text="Acceptez ou refusez Léa Réseaux comme mentor"
        ).get_by_role("link").click()
        _check(mentee_page)
        mentee_page.get_by_role("button", name="Accepter ce binôme").click()
        expect(mentee_page.get_by_text("Merci, vous avez accepté.")).to_be_visible()
        answer_proposal(proposal=proposal, member=lea, accept=True, by=manager)

        # --- The pair page: the template's first session, and booking waits for the start.
        pair = programme.pairs.get()
        mentee_page.goto(f"{server}/mentoring/pairs/{pair.pk}/")
        expect(mentee_page.get_by_text("séance 1 sur 6")).to_be_visible()
        expect(mentee_page.get_by_text("Faire connaissance et la charte")).to_be_visible()
        expect(mentee_page.get_by_test_id("book-session")).to_have_count(0)
        expect(mentee_page.get_by_test_id("booking-waits")).to_contain_text(
            "vous pouvez déjà planifier une séance"
        )
        _check(mentee_page)
    finally:
        mentee_page.context.close()

    # --- With the pair live, the manager's next step is to start the programme.
    phone.goto(f"{server}/programmes/{programme.slug}/")
    expect(_next_action(phone)).to_have_text("Démarrer le programme")
    expect(phone.get_by_test_id("tracker-done")).to_contain_text("1 binôme actif.")
    _check(phone)
