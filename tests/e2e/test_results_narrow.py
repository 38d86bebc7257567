"""The sponsors' results page on a phone: the verdict first, and no sideways scrolling."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rementor.demo.company import DEMO_PASSWORD, DEMO_PROGRAMME_SLUG, load_demo

WIDTH = 390


@pytest.fixture
def demo(transactional_db):
    load_demo()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_sponsor_results_fit_a_390_px_screen_verdict_first(demo, live_server, browser, language):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 844},
        locale="fr-FR" if language == "fr" else "en-GB",
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{live_server.url}{reverse('login')}")
        page.fill("input[name=username]", "sponsor@example.com")
        page.fill("input[name=password]", DEMO_PASSWORD)
        with page.expect_navigation():
            page.press("input[name=password]", "Enter")
        page.goto(f"{live_server.url}{reverse('analytics:sponsor', args=[DEMO_PROGRAMME_SLUG])}")
        verdict = page.get_by_test_id("verdict")
        expect(verdict).to_be_visible()
        expect(verdict.locator("dt")).to_have_count(4)
        # The verdict is what the page opens with: on the first screen, above every figure.
        box = verdict.bounding_box()
        assert box is not None and box["y"] < 844
        figures = page.get_by_test_id("key-figures").bounding_box()
        assert figures is not None and box["y"] < figures["y"]
        page.wait_for_load_state("load")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= WIDTH, scroll_width
        # Every chart drawn fits the screen too.
        for canvas in page.locator("canvas").all():
            canvas_box = canvas.bounding_box()
            assert canvas_box is None or canvas_box["x"] + canvas_box["width"] <= WIDTH + 0.5
    finally:
        context.close()
