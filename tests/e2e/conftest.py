"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS
from django.test.utils import setup_databases, teardown_databases
from pytest_django.fixtures import _get_databases_for_setup

CHROMIUM = os.environ.get("RM_CHROMIUM", "/usr/bin/chromium")
# Flags that keep Chromium quiet on a machine without internet access.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make
# around it (fixtures, assertions) are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="module")
def module_test_database(request, django_db_setup, django_db_blocker) -> Iterator[None]:
    """The test database, even when the module runs alone.

    pytest-django creates test databases only for the aliases its collected tests ask for
    (the ``db`` fixtures and markers); a module-wide fixture is not one of them. Run alone,
    such a module would then load the demo into the developer's own database and flush it at
    the end. Set the test database up here when nothing else did."""
    aliases, _serialized = _get_databases_for_setup(request.session.items)
    if DEFAULT_DB_ALIAS in aliases:
        yield
        return
    with django_db_blocker.unblock():
        old_config = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            teardown_databases(old_config, verbosity=0)


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, request):
    """A phone-sized page (390 px) reading the interface in the test's ``language``
    parameter (English without one)."""
    params = getattr(request.node, "callspec", None)
    language = params.params.get("language", "en") if params else "en"
    locale = "fr-FR" if language == "fr" else "en-GB"
    context = browser.new_context(locale=locale, viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page, base: str, email: str, password: str) -> None:
    """Through the sign-in form, in whatever language the page is (fields by name)."""
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
