"""Objectives for both parties in a browser: the mentee sets one, the mentor adjusts it with a
reason, and both read its history; then a practice task goes from evidence to done."""

from playwright.sync_api import expect

from rementor.mentoring.models import ObjectiveChange, PracticeTask
from rementor.skills.models import Skill
from tests.factories import PASSWORD
from tests.rementor.mentoring.factories import make_pair


def _sign_in(page, base, email):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_objective_set_adjusted_and_task_done(transactional_db, live_server, page):
    pair, _mentee_user, _mentor_user = make_pair(
        mentee_email="agnes@example.org", mentor_email="leo@example.org"
    )
    pair_url = f"{live_server.url}/mentoring/pairs/{pair.pk}/"
    linkedin = Skill.objects.get(code="linkedin")

    _sign_in(page, live_server.url, "agnes@example.org")
    page.goto(pair_url)
    page.get_by_test_id("add-objective-mentee").click()
    form = page.get_by_test_id("objective-form")
    # Without a skill: refused, and what was typed stays.
    form.locator("[name=title]").fill("Publier un post LinkedIn par semaine")
    form.locator("[name=skill]").select_option("")
    form.locator("button[type=submit]").click()
    expect(page.locator("#id_skill_error")).to_be_visible()
    expect(form.locator("[name=title]")).to_have_value("Publier un post LinkedIn par semaine")
    form.locator("[name=skill]").select_option(str(linkedin.pk))
    form.locator("[name=success_criterion]").fill("Quatre posts en un mois")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("objectives-mentee")).to_contain_text("Publier un post LinkedIn")
    page.get_by_test_id("add-task").click()
    page.get_by_test_id("task-form").locator("[name=title]").fill("Commenter trois posts")
    page.get_by_test_id("task-form").locator("button[type=submit]").click()
    task = PracticeTask.objects.get()
    page.get_by_test_id(f"task-{task.pk}").get_by_test_id("add-evidence").click()
    page.get_by_test_id("evidence-form").locator("[name=evidence_link]").fill(
        "https://www.linkedin.com/feed/"
    )
    page.get_by_test_id("evidence-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("evidence-link")).to_have_attribute(
        "rel", "noopener noreferrer nofollow"
    )

    _sign_in(page, live_server.url, "leo@example.org")
    page.goto(pair_url)
    page.get_by_test_id("objectives-mentee").get_by_role("link").first.click()
    page.get_by_test_id("adjust-objective").click()
    adjust = page.get_by_test_id("adjust-form")
    adjust.locator("[name=progress]").fill("50")
    adjust.locator("[name=status]").select_option("in_progress")
    adjust.locator("button[type=submit]").click()
    expect(page.locator("#id_reason_error")).to_be_visible()
    expect(adjust.locator("[name=progress]")).to_have_value("50")
    adjust.locator("[name=reason]").fill("Deux posts déjà publiés")
    adjust.locator("button[type=submit]").click()
    expect(page.get_by_test_id("objective-history")).to_contain_text("Deux posts déjà publiés")
    assert ObjectiveChange.objects.get().after == {"status": "in_progress", "progress": 50}

    page.goto(pair_url)
    page.get_by_test_id(f"task-{task.pk}").get_by_test_id("mark-done").click()
    expect(page.get_by_test_id(f"task-{task.pk}").get_by_test_id("task-done")).to_be_visible()
