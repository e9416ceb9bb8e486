"""Browser fixtures: the real app served on loopback, driven by Debian's Chromium through Playwright.

Never `playwright install`: there is no CDN here, and Debian's chromium is the browser we support.
"""

import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from tests.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def live_app(app, make_app):
    """The app the browser talks to (with CSRF on, as in production); background jobs run in a thread
    of it, as in the embedded default, so a request never waits for a pack."""
    return make_app(WTF_CSRF_ENABLED=True, JOBS_IN_PROCESS="thread")


@pytest.fixture
def live_smtp(live_app, smtp_session_server):
    """The session's real SMTP server, emptied, with the live app sending to it for this test."""
    from designer.extensions import mail

    smtp_session_server.clear()
    saved = {key: live_app.config.get(key) for key in smtp_session_server.config}, live_app.extensions["mail"]
    live_app.config.update(smtp_session_server.config)
    live_app.extensions["mail"] = mail.init_mail(live_app.config, live_app.debug, testing=False)
    yield smtp_session_server
    live_app.config.update(saved[0])
    live_app.extensions["mail"] = saved[1]


@pytest.fixture(scope="session")
def live_server(live_app):
    """Base URL of the live app served by a threaded server."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, email: str, password: str = PASSWORD) -> None:
    """Log in through the real login form."""
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/designs**")


def assert_accessible(page) -> None:
    """axe finds no WCAG 2.1 A/AA violation on the current page."""
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
