"""Benchmark: clicks and page loads of the two journeys faculty and committees repeat all day.

Why: issue 11 measured "44 clicks and 22 page loads" for a new design; this script makes the figure
reproducible so a change to the editor or the review loop can be judged by the same method before and after.

1. "New design from scratch to meets the standard": a faculty member opens New design and types the
   shipped example design (which meets the institution's standard) into the editor, adding rows with the
   editor's own "Add a ..." buttons, saves, and reads "Meets the standard" in the check panel.
2. "Notification -> revise -> resubmit -> approve": the committee has requested changes; the author opens
   the notification, finds the committee's comments, edits the summary, saves and resubmits; the reviewer
   opens their notification, rates the manual criteria (only those not already filled in) and approves.

What counts: a click is every click on a link or button, every box ticked and every drop-down choice made
(typing into a text field is not a click); a page load is every load of the main frame (navigation). Logging
in is not counted. The script follows whatever the pages offer (e.g. it uses a link to the comments only when
the comments are not already on the page), so the same method measures the app before and after a change.

Run: ``.venv/bin/python benchmarks/bench_ux_flows.py [--js|--no-js]`` (default: JavaScript on). Needs
Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from designer import create_app  # noqa: E402
from designer.auth.services import create_user  # noqa: E402
from designer.designs.services import create_design  # noqa: E402
from designer.extensions import db  # noqa: E402
from designer.models import Design, User  # noqa: E402
from tests.conftest import example_document, login  # noqa: E402
from tests.designer.designs.formdata import form_pairs  # noqa: E402

PASSWORD = "bench-password-42"
CHROMIUM = "/usr/bin/chromium"
ROW = re.compile(r"^([a-z_]+)-(\d+)-")
SKIP = {"csrf_token", "base_revision", "op", "autosave_token"}


class Counter:
    """Counts clicks (done through `click`) and main-frame loads of one page."""

    def __init__(self, page):
        self.page, self.clicks, self.loads = page, 0, 0
        page.on("framenavigated", lambda frame: self._navigated(frame))

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.loads += 1

    def click(self, locator):
        self.clicks += 1
        locator.click()
        self.page.wait_for_load_state()

    def select(self, locator, value):
        self.clicks += 1
        locator.select_option(value)

    def check(self, locator):
        self.clicks += 1
        locator.check()

    def reset(self):
        self.clicks = self.loads = 0


def build_app(tmp: Path):
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "SECRET_KEY": "bench", "INSTITUTION_NAME": "Bench University", "PDF_CACHE_DIR": str(tmp / "pdf"),
        "MAIL_SERVER": "", "TIMEZONE": "Asia/Kolkata",
        # The approved syllabus is not part of either journey; rendering it in the background would
        # outlive the temporary database.
        "RENDER_ON_APPROVAL": False,
    })
    with app.app_context():
        upgrade()
        for role in ("faculty", "reviewer"):
            create_user(db.session, email=f"{role}@bench.example", password=PASSWORD, role=role,
                        name=role.capitalize(), institution="Bench University", department="Commerce")
        db.session.commit()
    return app


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def example_form_pairs(app) -> list[tuple[str, str]]:
    """What the editor submits for the example design: the values the person has to enter."""
    with app.app_context():
        owner = db.session.scalar(db.select(User).where(User.email == "reviewer@bench.example"))
        design = create_design(db.session, owner, example_document())
        db.session.commit()
        design_id, owner_id = design.id, owner.id
    client = app.test_client()
    login(client, owner_id)
    html = client.get(f"/designs/{design_id}/edit").get_data(as_text=True)
    with app.app_context():
        db.session.delete(db.session.get(Design, design_id))
        db.session.commit()
    pairs = [(n, v) for n, v in form_pairs(html) if n not in SKIP]
    if not pairs:
        raise SystemExit("could not read the editor of the example design")
    return pairs


def rows_needed(pairs) -> dict[str, int]:
    needed: dict[str, int] = defaultdict(int)
    for name, _ in pairs:
        match = ROW.match(name)
        if match:
            needed[match.group(1)] = max(needed[match.group(1)], int(match.group(2)) + 1)
    return needed


def new_design_flow(page, counter: Counter, pairs) -> None:
    counter.click(page.get_by_role("link", name="New design", exact=True).first)
    _add_rows(page, counter, pairs)
    for name, value in pairs:
        _enter(page, counter, name, value, pairs)
    counter.click(page.get_by_role("button", name="Save draft").first)
    if page.locator("#error-summary").count():
        raise SystemExit("the save was refused: " + page.locator("#error-summary").inner_text())
    check = page.locator("#check")
    if "Meets the standard" not in check.inner_text():
        counter.click(page.get_by_role("button", name="Check my draft").first)
    assert "Meets the standard" in page.locator("#check").inner_text(), page.locator("#check").inner_text()


def _add_rows(page, counter: Counter, pairs) -> None:
    for name, count in rows_needed(pairs).items():
        while _row_count(page, name) < count:
            before = _row_count(page, name)
            counter.click(page.locator(f"button[value='add-{name}']"))
            expect(page.locator(f"#{name}-rows > fieldset.row")).to_have_count(before + 1)


def _row_count(page, name: str) -> int:
    return page.locator(f"#{name}-rows > fieldset.row").count()


def _enter(page, counter: Counter, name: str, value: str, pairs) -> None:
    field = page.locator(f"[name='{name}']")
    if field.count() == 0:  # without JavaScript, new outcomes become tickable after a save
        counter.click(page.get_by_role("button", name="Save draft").first)
        _add_rows(page, counter, pairs)  # the save leaves out rows nothing was typed into yet
    kind = field.first.evaluate("e => e.tagName.toLowerCase() + ':' + (e.type || '')")
    if kind.endswith(":checkbox"):
        box = page.locator(f"[name='{name}'][value='{value}']")
        if not box.is_checked():
            counter.check(box)
    elif kind.startswith("select"):
        if field.input_value() != value:
            counter.select(field, value)
    elif field.input_value() != value:
        field.fill(value)


def set_up_changes_requested(app) -> int:
    """A submitted example design on which the committee requested changes, with per-criterion comments."""
    from designer.checking.services import app_rubric
    from designer.review import services

    with app.app_context():
        faculty = db.session.scalar(db.select(User).where(User.email == "faculty@bench.example"))
        reviewer = db.session.scalar(db.select(User).where(User.email == "reviewer@bench.example"))
        design = create_design(db.session, faculty, example_document())
        submission = services.submit(db.session, design, faculty, app_rubric(app.config))
        ratings = {c["id"]: (2, "Say who the employer partners are.") for c in submission.manual_criteria}
        services.record_review(db.session, design, reviewer, ratings)
        services.decide(db.session, design, reviewer, "request_changes",
                        "Name the employer partners in the summary.")
        db.session.commit()
        return design.id


def revise_flow(page, counter: Counter, base: str) -> None:
    # The author, on their home page after logging in.
    counter.click(page.get_by_role("link", name=re.compile("^Notifications")).first)
    counter.click(page.locator("main a", has_text="changes").first)
    if "Name the employer partners" not in page.locator("main").inner_text():
        counter.click(page.get_by_role("link", name=re.compile("comments", re.I)).first)
    if page.locator("#editor-form").count() == 0:
        counter.click(page.get_by_role("link", name=re.compile(r"^(Edit|Revise)")).first)
    summary = page.locator("[name='summary']")
    summary.fill(summary.input_value() + " Employer partners: Acme Retail and Bharat Foods.")
    response = page.locator("[name='response']")
    if response.count():
        response.fill("The summary now names the employer partners.")
    resubmit = page.get_by_role("button", name=re.compile("^(Save and resubmit|Resubmit)"))
    if resubmit.count():
        counter.click(resubmit.first)
    else:
        counter.click(page.get_by_role("button", name="Save draft").first)
        counter.click(page.get_by_role("link", name="Design page").first)
        counter.click(page.get_by_role("button", name=re.compile("^Resubmit")).first)
    assert "Submitted" in page.locator("main").inner_text(), page.locator("main").inner_text()[:500]
    log_out(page)
    loads, clicks = counter.loads, counter.clicks
    log_in(page, base, "reviewer@bench.example")
    counter.loads, counter.clicks = loads, clicks  # logging in is not counted
    counter.click(page.get_by_role("link", name=re.compile("^Notifications")).first)
    notice = page.locator("main a", has_text="resubmitted")
    if notice.count():
        counter.click(notice.first)
    else:  # no notification reached the reviewer: they look in the queue
        counter.click(page.get_by_role("link", name="Review queue").first)
        counter.click(page.locator("main table a").first)
    if page.locator("#review-form").count() == 0:
        counter.click(page.get_by_role("link", name="Review this design").first)
    for select in page.locator("#review-form select").all():
        if select.input_value() != "3":
            counter.select(select, "3")
    # The decision buttons may sit outside the review form and still belong to it (form="review-form"):
    # then one press saves the ratings and decides. Only a decision of a separate form needs the review
    # saved first.
    approve = page.locator("button[value='approve']").first
    if not approve.evaluate("b => !!b.form && b.form.id === 'review-form'"):
        counter.click(page.locator("#review-form button[type='submit']").first)
    counter.click(approve)
    assert "approved" in page.locator("main").inner_text().lower()


def main() -> None:
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-js", action="store_true", help="run with JavaScript off")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(Path(tmp))
        pairs = example_form_pairs(app)
        design_id = set_up_changes_requested(app)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=["--headless", "--no-sandbox"])
            context = browser.new_context(viewport={"width": 1366, "height": 900},
                                          java_script_enabled=not args.no_js)
            page = context.new_page()
            page.set_default_timeout(20_000)
            counter = Counter(page)
            log_in(page, base, "faculty@bench.example")
            counter.reset()
            new_design_flow(page, counter, pairs)
            print(f"new design from scratch to meets the standard: {counter.clicks} clicks, "
                  f"{counter.loads} page loads ({len(pairs)} values entered)")
            page.goto(base + "/designs")
            counter.reset()
            revise_flow(page, counter, base)
            print(f"notification -> revise -> resubmit -> approve (design {design_id}): "
                  f"{counter.clicks} clicks, "
                  f"{counter.loads} page loads")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
