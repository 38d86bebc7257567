"""The session plan on a phone (390 px wide), in French and English: a member reads who leads
and where the pair is, rewrites a theme for the pair (an empty theme is refused keeping the
agenda typed), and a manager edits the programme's plan and reads each pair's progress."""

import pytest

from rementor.mentoring import plan as session_plan
from rementor.mentoring.models import PairPlanStep, PlanStep
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import PASSWORD, UserFactory
from tests.rementor.mentoring.factories import make_pair


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_member_rewrites_a_theme_for_the_pair_on_a_phone(
    transactional_db, live_server, phone, language
):
    pair, mentee_user, _mentor_user = make_pair(language=language)
    session_plan.install_template_plan(programme=pair.programme)
    sign_in(phone, live_server.url, mentee_user.email, PASSWORD)
    phone.goto(f"{live_server.url}/mentoring/pairs/{pair.pk}/")
    assert phone.get_by_test_id("lead-sentence").first.is_visible()
    assert "1" in phone.get_by_test_id("plan-position").inner_text()
    assert _fits(phone)

    phone.goto(f"{live_server.url}/mentoring/pairs/{pair.pk}/plan/")
    assert _fits(phone)
    phone.locator("input[name=steps-0-theme]").fill("")
    phone.locator("textarea[name=steps-0-agenda]").fill("Notre ordre du jour")
    phone.get_by_test_id("save-plan").click()
    assert phone.locator("textarea[name=steps-0-agenda]").input_value() == "Notre ordre du jour"
    assert not PairPlanStep.objects.filter(pair=pair).exists()
    assert _fits(phone)

    phone.locator("input[name=steps-0-theme]").fill("Instagram")
    phone.get_by_test_id("save-plan").click()
    phone.wait_for_url(f"{live_server.url}/mentoring/pairs/{pair.pk}/")
    assert phone.get_by_test_id("plan-next-theme").inner_text() == "Instagram"
    assert PlanStep.objects.filter(programme=pair.programme).count() == 6  # unchanged
    assert _fits(phone)


def test_a_manager_edits_the_plan_and_reads_progress_on_a_phone(
    transactional_db, live_server, phone
):
    pair, *_members = make_pair(language="en")
    session_plan.install_template_plan(programme=pair.programme)
    manager = UserFactory(is_programme_manager=True, language="en")
    sign_in(phone, live_server.url, manager.email, PASSWORD)
    slug = pair.programme.slug
    phone.goto(f"{live_server.url}/mentoring/programmes/{slug}/plan/")
    assert phone.get_by_test_id("plan-row").count() == 7  # six steps and a blank one
    assert _fits(phone)
    phone.locator("input[name=steps-0-theme_en]").fill("Meeting and the charter")
    phone.get_by_test_id("save-plan").click()
    phone.wait_for_url(f"{live_server.url}/mentoring/programmes/{slug}/plan/")
    assert PlanStep.objects.get(programme=pair.programme, number=1).theme_en == (
        "Meeting and the charter"
    )
    phone.goto(f"{live_server.url}/mentoring/programmes/{slug}/pairs/")
    assert "Meeting and the charter" in phone.get_by_test_id("plan-progress").first.inner_text()
