import re

from playwright.sync_api import expect

from rementor.matching.models import Pair
from tests.factories import PASSWORD, UserFactory
from tests.rementor.matching.factories import matching_programme, mentee, mentor


def test_manager_runs_pins_reruns_and_publishes(transactional_db, live_server, page):
    manager = UserFactory(email="rh@example.org", is_programme_manager=True)
    programme = matching_programme(name="Pilote 2027", slug="pilote-2027")
    mentee(programme, needs={"linkedin": (1, 3, 3)}, first_name="Anne", last_name="Directrice")
    mentee(programme, needs={"slack": (0, 3, 3)}, first_name="Bruno", last_name="Directeur")
    mentor(programme, levels={"linkedin": 4}, first_name="Léa", last_name="Réseaux")
    mentor(programme, levels={"slack": 4, "linkedin": 3}, first_name="Tom", last_name="Outils")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(manager.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{live_server.url}/programmes/pilote-2027/")
    page.get_by_role("link", name="Appariement", exact=True).click()

    page.get_by_role("button", name="Lancer l’appariement").click()
    expect(page.locator("#run-status")).to_contain_text("Calcul n° 1")
    table = page.get_by_role("table", name="Binômes proposés")
    expect(table).to_contain_text("Anne Directrice")
    anne_row = table.get_by_role("row").filter(has_text="Anne Directrice")
    expect(anne_row).to_contain_text("Léa Réseaux")

    # The manager prefers Tom for Anne: pin it, then run again.
    page.get_by_role("button", name="Interdire Anne Directrice — Léa Réseaux").click()
    expect(page.get_by_role("status").first).to_contain_text("Interdit")
    page.get_by_role("button", name="Lancer l’appariement").click()
    expect(page.locator("#run-status")).to_contain_text("Calcul n° 2")
    anne_row = (
        page.get_by_role("table", name="Binômes proposés")
        .get_by_role("row")
        .filter(has_text="Anne Directrice")
    )
    expect(anne_row).to_contain_text("Tom Outils")
    page.get_by_role("button", name="Épingler Anne Directrice — Tom Outils").click()
    expect(page.get_by_text("Vos ajustements").locator("..")).to_contain_text("Épinglé")

    page.get_by_role("button", name="Publier ces binômes").click()
    expect(page.get_by_role("status").first).to_contain_text(re.compile("2 binômes publiés"))
    assert Pair.objects.filter(programme=programme).count() == 2
    assert Pair.objects.get(mentee__person__first_name="Anne").mentor.person.first_name == "Tom"


def test_matching_page_fits_a_phone_with_reasons_and_the_slot_warning(
    transactional_db, live_server, page
):
    from rementor.matching import domain

    manager = UserFactory(email="rh@example.org", is_programme_manager=True)
    programme = matching_programme(name="Pilote 2027", slug="pilote-2027")
    mentee(
        programme,
        needs={"linkedin": (1, 3, 3)},
        slots=(1,),
        first_name="Anne-Charlotte",
        last_name="Delacroix-Montmorency",
    )
    mentor(
        programme,
        levels={"linkedin": 4},
        slots=(10,),
        first_name="Léa",
        last_name="Réseaux-Sociaux-Professionnels",
    )
    domain.create_run_now(programme=programme, by=manager)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(manager.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{live_server.url}/matching/pilote-2027/")

    table = page.get_by_role("table", name="Binômes proposés")
    expect(table).to_contain_text("Vous avez été mis en binôme sur les compétences suivantes")
    expect(table.get_by_test_id("no-shared-slot")).to_contain_text("Aucun créneau")
    # The page never scrolls sideways: the wide table scrolls in its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
