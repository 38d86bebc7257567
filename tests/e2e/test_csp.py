"""The Content-Security-Policy (no inline script or style) breaks nothing: Chromium reports no
violation on the main pages of every role, and Bootstrap, htmx and Chart.js still work.

The pages, the demo behind its own server and the signed-in browser pages are those of the
accessibility check (``test_accessibility.py``), so a page added there is checked here too.
The policy does not depend on the language: French only.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.test_accessibility import (  # noqa: F401 (fixtures)
    SCREENS,
    demo_site,
    signed_in_pages,
)

# Runs before any page script (Playwright injects it outside the page's CSP): every violation
# the browser reports, including those from scripts loaded later.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
  );
});
"""
CASES = [
    pytest.param(role, screen, id=f"{role}-{screen.name}")
    for role, screens in SCREENS.items()
    for screen in screens
]


def _watched(page) -> list[str]:
    """Start collecting the violations of ``page`` (once per page) and return the list the
    console messages go to."""
    if not hasattr(page, "_csp_console"):
        page._csp_console = []
        page.context.add_init_script(COLLECT_VIOLATIONS)
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text and page._csp_console.append(message.text)
            ),
        )
    page._csp_console.clear()
    return page._csp_console


@pytest.mark.parametrize(("role", "screen"), CASES)
def test_csp_page_runs_without_violation(demo_site, signed_in_pages, role, screen):  # noqa: F811
    server, ids = demo_site
    page = signed_in_pages(role, "fr")
    console = _watched(page)

    response = page.goto(f"{server.url}{screen.url(ids)}")
    page.wait_for_load_state("networkidle")

    where = f"{role} {screen.name} ({page.url})"
    assert response is not None and response.status < 400, f"{where}: HTTP {response.status}"
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    reported = page.evaluate("window.__cspViolations")
    assert not reported and not console, f"{where}:\n" + "\n".join([*reported, *console])


@pytest.mark.parametrize("url_name", ["analytics:needs", "analytics:dashboard"])
def test_csp_charts_still_draw(demo_site, signed_in_pages, url_name):  # noqa: F811
    server, _ids = demo_site
    page = signed_in_pages("manager", "fr")
    page.goto(f"{server.url}{reverse(url_name, kwargs={'slug': 'reverse-mentoring-2026'})}")
    page.wait_for_load_state("networkidle")

    drawn = page.evaluate(
        """() => [...document.querySelectorAll("canvas")].map(
            (canvas) => Boolean(window.Chart && window.Chart.getChart(canvas)))"""
    )
    assert drawn and all(drawn), f"{url_name}: charts drawn {drawn}"


def test_csp_bootstrap_and_htmx_still_work(demo_site, signed_in_pages):  # noqa: F811
    server, _ids = demo_site
    page = signed_in_pages("manager", "fr")
    console = _watched(page)
    page.set_viewport_size({"width": 500, "height": 900})
    try:
        page.goto(f"{server.url}{reverse('programmes:list')}")
        # Bootstrap's collapse (the narrow-screen menu) animates through inline style
        # properties set from its script file, which the CSP allows.
        page.get_by_role("button", name="Afficher la navigation").click()
        expect(page.locator("#main-nav")).to_be_visible()
        # htmx loaded and read its configuration from the meta tag (no injected <style>).
        assert page.evaluate("window.htmx.config.includeIndicatorStyles") is False
        assert page.locator("head style").count() == 0
        assert not page.evaluate("window.__cspViolations") and not console
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})


def test_csp_watcher_catches_inline_code(demo_site, signed_in_pages):  # noqa: F811
    # The check above proves something only if an inline style would be reported.
    server, _ids = demo_site
    page = signed_in_pages("anonymous", "fr")
    console = _watched(page)
    page.goto(f"{server.url}{reverse('login')}")
    page.evaluate("document.head.insertAdjacentHTML('beforeend', '<style>b{color:red}</style>')")
    page.wait_for_function("window.__cspViolations.length > 0")
    assert "style-src" in page.evaluate("window.__cspViolations")[0]
    assert console
    console.clear()
