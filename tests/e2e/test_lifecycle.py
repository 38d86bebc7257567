"""A manager moves a programme along its path by keyboard on a phone-sized screen: the next
action comes first on the programme page, and the confirmation page explains before it moves."""

from playwright.sync_api import expect

from rementor.programmes.models import Programme
from tests.factories import PASSWORD, UserFactory
from tests.rementor.cockpit.factories import mentees_invited, programme_at


def test_manager_opens_recruiting_by_keyboard_at_390_px(transactional_db, live_server, page):
    manager = UserFactory(email="rh@example.org", is_programme_manager=True)
    programme = programme_at("draft", name="Pilote 2028", slug="pilote-2028")
    mentees_invited(programme, 2)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(manager.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{live_server.url}/programmes/pilote-2028/")

    steps = page.get_by_test_id("tracker-steps")
    expect(steps.locator("[aria-current=step]")).to_contain_text("Brouillon")
    expect(page.get_by_test_id("tracker-done")).to_contain_text("2 mentorés invités.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # The next action, then its confirmation, activated from the keyboard.
    next_action = page.get_by_test_id("next-action")
    expect(next_action).to_have_text("Ouvrir le recrutement")
    next_action.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ouvrir le recrutement")
    expect(page.get_by_test_id("consequences")).to_contain_text("Cette étape n’envoie aucun e-mail")
    assert Programme.objects.get(pk=programme.pk).status == "draft"  # looking changes nothing

    page.get_by_test_id("confirm-move").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("programme-status")).to_have_text("Recrutement")
    expect(page.get_by_test_id("tracker-steps").locator("[aria-current=step]")).to_contain_text(
        "Recrutement"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
