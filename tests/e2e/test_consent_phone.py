"""Consent to the pair on a phone (390 px): a member reads the proposed partner and declines
with a reason; the manager's page of proposals fits the screen too."""

import pytest

from rementor.matching import domain
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import PASSWORD, UserFactory
from tests.rementor.matching.factories import matching_programme, mentee, mentor

SCROLL_WIDTH = "document.documentElement.scrollWidth"


def _fits(page) -> None:
    assert page.evaluate(SCROLL_WIDTH) <= PHONE["width"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_member_declines_on_a_phone_and_the_manager_reads_why(
    transactional_db, live_server, phone, language
):
    programme = matching_programme(pair_consent=True)
    anne = mentee(programme, needs={"linkedin": (1, 3, 3)})
    mentor(programme, levels={"linkedin": 4})
    user = UserFactory(person=anne.person, email="mentee@example.org", language=language)
    manager = UserFactory(email="hr@example.org", is_programme_manager=True, language=language)
    run = domain.create_run_now(programme=programme, by=manager)
    domain.publish_run(run=run, by=manager)
    proposal = programme.pair_proposals.get()

    sign_in(phone, live_server.url, user.email, PASSWORD)
    phone.goto(f"{live_server.url}/matching/proposals/{proposal.pk}/")
    phone.wait_for_selector("[data-testid=partner-name]")
    _fits(phone)
    phone.click("[data-testid=decline]")  # no reason: refused, said next to the field
    phone.wait_for_selector(".invalid-feedback, .text-danger, [aria-invalid=true]")
    _fits(phone)
    phone.fill("textarea[name=reason]", "Pas le temps ce trimestre")
    phone.click("[data-testid=decline]")
    phone.wait_for_selector("[data-testid=proposal-closed]")
    _fits(phone)

    phone.context.clear_cookies()
    sign_in(phone, live_server.url, manager.email, PASSWORD)
    phone.goto(f"{live_server.url}/programmes/{programme.slug}/proposals/")
    assert "Pas le temps ce trimestre" in phone.inner_text("[data-testid=decline-reason]")
    _fits(phone)
