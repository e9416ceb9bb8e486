"""Screenshots of the main pages at 390 px (a phone) and 1366 px (a laptop), in real Chromium (issue 11).

The PNGs go to $TEST_ARTEFACTS/screenshots (default test-artefacts/screenshots), for people to look at; the
test asserts layout facts, not pixels: nothing scrolls sideways, and the controls a person comes for are
on screen (inside the viewport's width, the first ones within its height). On a phone the editor's section
navigation stays at the top while scrolling, and "Check" reaches the check panel in one tap.
"""

import os
from pathlib import Path

import pytest

from tests.designer.review import conftest as review_fixtures
from tests.designer.review import test_access_matrix as matrix
from tests.e2e.test_every_page import EMAILS, log_in, more_to_see

people, make_person, flow, world = (review_fixtures.people, review_fixtures.make_person, review_fixtures.flow,
                                    matrix.world)
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("TEST_ARTEFACTS") or ROOT / "test-artefacts") / "screenshots"
WIDTHS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 900}}


def box(page, locator) -> dict:
    locator.wait_for(state="visible")
    return locator.bounding_box()


def assert_fits_across(page, locator) -> dict:
    """The element is visible and neither cut off at the left nor right of the viewport."""
    b = box(page, locator)
    width = page.viewport_size["width"]
    assert b["x"] >= 0 and b["x"] + b["width"] <= width + 0.5, (locator, b, width)
    return b


def assert_on_screen(page, locator) -> None:
    """Across and down: visible without scrolling."""
    b = assert_fits_across(page, locator)
    assert b["y"] >= 0 and b["y"] + b["height"] <= page.viewport_size["height"], (locator, b)


def assert_no_sideways_scroll(page) -> None:
    width = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url}: {width} px wide"


def shoot(page, name: str, size: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}-{size}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000


@pytest.fixture(params=list(WIDTHS))
def size(request):
    return request.param


def _context(browser, live_server, size):
    return browser.new_context(base_url=live_server, viewport=WIDTHS[size])


def test_editor(browser, live_server, world, size):
    ids, _ = world
    context = _context(browser, live_server, size)
    page = context.new_page()
    try:
        log_in(page, EMAILS["owner"])
        page.goto(f"/designs/{ids['draft']}/edit")
        assert_no_sideways_scroll(page)
        nav = page.get_by_role("navigation", name="Sections of the editor")
        check = nav.get_by_role("link", name="Check")
        save = page.get_by_role("button", name="Save draft").first
        for control in (nav.get_by_role("link", name="Basics"), check, save):
            assert_fits_across(page, control)
        assert_on_screen(page, check)
        assert_on_screen(page, save)
        assert nav.locator("li.sec-complete", has_text="Basics").count() == 1  # the example fills it in
        shoot(page, "editor", size)
        # Far down the page the navigation, "Check" and the save button are still on screen.
        page.locator("#section-translations").scroll_into_view_if_needed()
        page.mouse.wheel(0, 400)
        assert_on_screen(page, check)
        assert_on_screen(page, save)
        # One tap on "Check" and the check panel's heading is on screen.
        check.click()
        page.wait_for_function("() => location.hash === '#check'")
        assert_on_screen(page, page.get_by_role("heading", name="Check my draft", level=2))
        assert_on_screen(page, check)
    finally:
        context.close()


def test_design_page(browser, live_server, world, size):
    ids, _ = world
    context = _context(browser, live_server, size)
    page = context.new_page()
    try:
        log_in(page, EMAILS["owner"])
        page.goto(f"/designs/{ids['draft']}")
        assert_no_sideways_scroll(page)
        assert_on_screen(page, page.get_by_role("heading", level=1))
        assert_fits_across(page, page.get_by_role("link", name="Edit", exact=True).first)
        shoot(page, "design", size)
    finally:
        context.close()


def test_review_page(browser, live_server, world, size):
    ids, _ = world
    context = _context(browser, live_server, size)
    page = context.new_page()
    try:
        log_in(page, EMAILS["reviewer"])
        page.goto(f"/review/designs/{ids['submitted']}")
        assert_no_sideways_scroll(page)
        assert_on_screen(page, page.get_by_role("heading", level=1))
        form = page.locator("#review-form")
        assert_fits_across(page, form.locator("select").first)
        approve = page.locator("button[value='approve']")
        approve.scroll_into_view_if_needed()
        assert_on_screen(page, approve)
        shoot(page, "review", size)
    finally:
        context.close()


def test_queue_tasks_and_packs(app, browser, live_server, world, people, size):
    more_to_see(app, people)
    context = _context(browser, live_server, size)
    page = context.new_page()
    try:
        log_in(page, EMAILS["reviewer"])
        page.goto("/review/queue")
        assert_no_sideways_scroll(page)  # the queue was 714 px wide on a phone
        row = page.locator("main table tbody tr").first
        assert_fits_across(page, row)
        assert_fits_across(page, row.get_by_role("link").first)
        assert_fits_across(page, page.get_by_role("button", name="Filter"))
        shoot(page, "queue", size)
        page.goto("/tasks")
        assert_no_sideways_scroll(page)
        assert_on_screen(page, page.get_by_role("heading", name="My tasks"))
        shoot(page, "tasks-reviewer", size)
        context.close()

        context = _context(browser, live_server, size)
        page = context.new_page()
        log_in(page, EMAILS["owner"])
        page.goto("/tasks")
        assert_no_sideways_scroll(page)
        assert_fits_across(page, page.get_by_role("link", name="New design").first)
        shoot(page, "tasks-author", size)
        context.close()

        context = _context(browser, live_server, size)
        page = context.new_page()
        log_in(page, EMAILS["organiser"])
        page.goto("/packs")
        assert_no_sideways_scroll(page)
        assert_on_screen(page, page.get_by_role("link", name="Build a new pack"))
        assert_fits_across(page, page.get_by_role("link", name="Semester pack").first)
        shoot(page, "packs", size)
    finally:
        context.close()
