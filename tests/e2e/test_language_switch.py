import re

import pytest
from playwright.sync_api import expect

from rementor.demo.company import DEMO_PASSWORD, load_demo


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_manager_signs_in_in_french_and_switches_to_english(demo, live_server, page):
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Se connecter à Rementor")).to_be_visible()
    page.get_by_label("Adresse e-mail").fill("manager@example.com")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page.get_by_role("heading", name="Programmes que vous gérez")).to_be_visible()
    # The programme table (the attention list above also names the programme in its links).
    page.get_by_role("table").get_by_role(
        "link", name="Programme de reverse mentoring 2026", exact=True
    ).click()
    expect(page.get_by_test_id("programme-status")).to_have_text("En cours")
    expect(page.get_by_role("heading", name="Mentorés")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/programmes/reverse-mentoring-2026/$"))
    expect(page.get_by_test_id("programme-status")).to_have_text("Running")
    expect(page.get_by_role("heading", name="Mentees")).to_be_visible()
    expect(page.get_by_role("link", name="Edit settings")).to_be_visible()
