"""Run axe-core (npm, pinned in package.json) in a Playwright page and report what it finds.

axe is loaded from the site's own static files, never inline: the Content-Security-Policy
allows same-origin scripts only.
"""

from __future__ import annotations

from playwright.sync_api import Page

AXE_STATIC_PATH = "vendor/axe-core/axe.min.js"
# WCAG 2.1 level A and AA, the level the accessibility statement promises.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page: Page, *, static_url: str) -> list[dict]:
    """The violations axe finds on the page as it stands (every impact)."""
    page.add_script_tag(url=f"{static_url}{AXE_STATIC_PATH}")
    results = page.evaluate(
        "options => window.axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return results["violations"]


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: list[dict], *, where: str) -> str:
    """One line per violation and one per offending element, to fix without re-running."""
    lines = []
    for violation in violations:
        lines.append(
            f"{where}: [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({len(violation['nodes'])} element(s))"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target} — {summary[:300]}")
    return "\n".join(lines)
