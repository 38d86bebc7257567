"""The API docs page renders in a real browser under the site's Content-Security-Policy (no
inline script or style): Swagger UI's files and its start script are served locally."""

from __future__ import annotations

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


def test_api_docs_renders_under_csp(live_server, page):
    console: list[str] = []
    page.context.add_init_script(COLLECT_VIOLATIONS)
    page.on("console", lambda message: console.append(message.text))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(f"{live_server.url}/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "Rementor API" in page.inner_text(".swagger-ui .info .title")
    # The operations of the schema are listed (Swagger UI fetched and parsed it).
    page.wait_for_selector(".opblock-tag-section", timeout=20_000)
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], violations
    assert not [text for text in console if "Content Security Policy" in text], console
    assert all(url.startswith(live_server.url) for url in requests), requests
