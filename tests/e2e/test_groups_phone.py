"""Group mentoring on a phone (390 px) in French: a manager allows groups on a programme and
forms a group of two pairs of one mentor, the mentor plans a group session, a mentee opens
the group page and writes the shared note. Every page fits the phone and shows no English."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from rementor.mentoring.models import MentoringGroup, MentoringSession
from tests.e2e.conftest import PHONE, sign_in
from tests.e2e.test_manager_journey import _speaks
from tests.factories import PASSWORD, UserFactory
from tests.rementor.mentoring.group_factories import group_programme, mentor_with_pairs


def _check(page: Page) -> None:
    """French only, and nothing wider than the phone."""
    _speaks(page, "fr")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def _phone_as(browser, server: str, email: str) -> Page:
    context = browser.new_context(locale="fr-FR", viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, server, email, PASSWORD)
    return page


@pytest.mark.parametrize("language", ["fr"])
def test_a_group_is_formed_met_and_written_in_on_a_phone_in_french(
    transactional_db, live_server, browser, phone, language
):
    server = live_server.url
    programme = group_programme()
    programme.group_mentoring = False
    programme.save(update_fields=["group_mentoring"])
    manager = UserFactory(is_programme_manager=True, language="fr")
    mentor_user, pairs = mentor_with_pairs(programme, mentees=2, language="fr")
    mentee_user = pairs[0][1]

    # --- The manager allows groups in the programme's settings, then forms one.
    sign_in(phone, server, manager.email, PASSWORD)
    phone.goto(f"{server}/programmes/{programme.slug}/edit/")
    _check(phone)
    phone.locator("input[name=group_mentoring]").check()
    phone.locator("form button[type=submit]", has_text="Enregistrer").click()
    expect(phone.get_by_test_id("group-mentoring")).to_have_text("Autorisé")
    phone.get_by_test_id("groups-link").click()
    expect(phone.get_by_test_id("group-form")).to_be_visible()
    _check(phone)
    phone.locator("input[name=name]").fill("Conseil numérique")
    for pair, _user in pairs:
        phone.locator(f"input[name=pairs][value='{pair.pk}']").check()
    phone.get_by_role("button", name="Former le groupe").click()
    expect(phone.get_by_test_id("group-name")).to_have_text("Conseil numérique")
    _check(phone)
    group = MentoringGroup.objects.get(programme=programme)

    # --- The mentor plans a group session from the group page.
    mentor = _phone_as(browser, server, mentor_user.email)
    mentor.goto(f"{server}/mentoring/groups/{group.pk}/")
    _check(mentor)
    mentor.get_by_test_id("plan-group-session").click()
    expect(mentor.get_by_test_id("group-session-form")).to_be_visible()
    _check(mentor)
    day = dt.date.today() + dt.timedelta(days=7)
    mentor.locator("input[name=date]").fill(day.isoformat())
    mentor.locator("input[name=time]").fill("10:00")
    mentor.get_by_test_id("save-group-session").click()
    expect(mentor.get_by_test_id("group-sessions").locator("li")).to_have_count(1)
    _check(mentor)
    assert MentoringSession.objects.filter(pair__group_membership__group=group).count() == 2

    # --- A mentee opens the group page and writes the shared note.
    mentee = _phone_as(browser, server, mentee_user.email)
    mentee.goto(f"{server}/mentoring/groups/{group.pk}/")
    expect(mentee.get_by_test_id("group-sessions").locator("li")).to_have_count(1)
    _check(mentee)
    mentee.locator("textarea[name=text]").fill("Nous testons Teams en mars.")
    mentee.get_by_test_id("group-note").get_by_role("button").click()
    expect(mentee.locator("textarea[name=text]")).to_have_value("Nous testons Teams en mars.")
    _check(mentee)
    group.refresh_from_db()
    assert group.shared_note == "Nous testons Teams en mars."
    mentor.context.close()
    mentee.context.close()
