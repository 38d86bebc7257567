"""A programme manager imports the demo HRIS file, then a broken one that writes nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rementor.demo.sample import BROKEN_CSV, DEMO_COMPANY_CSV
from rementor.people.models import Person, User

PASSWORD = "a-manager-password-42"


@pytest.fixture
def hr_manager(transactional_db):
    # No employee record: the demo file then creates all 300 people.
    return User.objects.create_user("rh@example.com", PASSWORD, is_programme_manager=True)


def test_manager_imports_the_demo_file_then_a_broken_one(hr_manager, live_server, page):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(hr_manager.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_test_id("signed-in-as")).to_be_visible()

    page.goto(f"{live_server.url}/people/import/")
    page.locator("input[type=file]").set_input_files(str(DEMO_COMPANY_CSV))
    page.locator("form button[type=submit]").last.click()
    expect(page.get_by_test_id("count-create")).to_have_text("300")
    expect(page.get_by_test_id("count-errors")).to_have_text("0")
    assert Person.objects.count() == 0  # nothing written before the confirmation

    page.locator("form[action$='/confirm/'] button[type=submit]").click()
    expect(page.get_by_test_id("import-status")).to_have_attribute("data-status", "applied")
    expect(page.get_by_test_id("count-create")).to_have_text("300")
    assert Person.objects.count() == 300

    page.goto(f"{live_server.url}/people/import/")
    page.locator("input[type=file]").set_input_files(str(BROKEN_CSV))
    page.locator("form button[type=submit]").last.click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_be_visible()
    expect(errors).to_contain_text("000123")  # the ID whose leading zeros Excel removed
    expect(errors).to_contain_text("Emma Chevalier (900008)")  # the reporting cycle
    expect(page.locator("form[action$='/confirm/']")).to_have_count(0)
    assert Person.objects.count() == 300
    assert not Person.objects.filter(employee_id__startswith="9000").exists()
