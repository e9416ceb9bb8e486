"""A three-stage approval route in real Chromium: the admin builds it on the route page; the author
submits; the first committee scores and approves; the second stage's chair assigns a reviewer with a due
date (who sees it in the queue); the deciding stages approve; the design ends approved."""

import re
from datetime import date, timedelta

from tests.e2e.conftest import assert_accessible, log_in
from tests.e2e.test_review_journey import CRITERIA

ADMIN, AUTHOR = "boss@test.example", "asha@test.example"
DEPT, CHAIR, COUNCIL = "dept@test.example", "chair@test.example", "council@test.example"


def _person(browser, live_server, email):
    page = browser.new_context(base_url=live_server, viewport={"width": 1366, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    log_in(page, email)
    return page


def _add_stage(page, name, reviews, scores, members, chair):
    page.get_by_label("Stage name").fill(name)
    page.get_by_label("Independent reviews needed").fill(str(reviews))
    box = page.get_by_label("Reviewers score the rubric's manual criteria")
    box.check() if scores else box.uncheck()
    for member in members:
        page.get_by_label(re.compile(re.escape(member))).check()
    page.get_by_label("Chair (assigns reviewers)").select_option(label=chair)
    page.get_by_role("button", name="Add the stage").click()
    assert page.get_by_text(f"Added the stage {name}.").is_visible()


def _decide(page, design_id, *, rate: bool, expect: str):
    page.goto(f"/review/designs/{design_id}")
    if rate:
        for cid in CRITERIA:
            page.locator(f"#rating_{cid}").select_option(label="Met")
    page.get_by_role("button", name=re.compile("(Save|Update) my review")).click()
    # Said beside the button (issue 11), not in a flash at the top of the page.
    assert "Your review is saved" in page.locator("#review-autosave").inner_text()
    page.get_by_role("button", name="Approve").click()
    assert expect in page.locator(".flash-success").inner_text()


def test_three_stage_route_with_assignment_and_due_date(browser, live_server, make_user, make_design):
    make_user("admin", email=ADMIN, name="Boss")
    author_id = make_user("faculty", email=AUTHOR, name="Asha Verma")
    make_user("reviewer", email=DEPT, name="Dev Dept")
    make_user("reviewer", email=CHAIR, name="Charu Chair")
    make_user("reviewer", email=COUNCIL, name="Kiran Council")
    d = make_design(author_id)

    admin = _person(browser, live_server, ADMIN)
    admin.goto("/admin/approval-route")
    assert_accessible(admin)
    _add_stage(admin, "Department committee", 1, True, [DEPT], "Dev Dept")
    _add_stage(admin, "Board of Studies", 1, False, [CHAIR, COUNCIL], "Charu Chair")
    _add_stage(admin, "Academic Council", 1, False, [COUNCIL], "Kiran Council")
    assert admin.get_by_role("rowheader", name="Academic Council").is_visible()
    admin.get_by_role("button", name="Move Academic Council up").click()
    assert admin.get_by_text("Academic Council is now stage 2, before Board of Studies.").is_visible()
    admin.get_by_role("button", name="Move Academic Council down").click()
    assert admin.get_by_text("Academic Council is now stage 3, after Board of Studies.").is_visible()

    author = _person(browser, live_server, AUTHOR)
    author.goto(f"/designs/{d}")
    author.get_by_role("button", name="Submit for review").click()
    assert "Submitted." in author.locator(".flash-success").inner_text()

    dept = _person(browser, live_server, DEPT)
    _decide(dept, d, rate=True, expect="Approved at Department committee; now with Board of Studies.")

    chair = _person(browser, live_server, CHAIR)
    chair.goto(f"/review/designs/{d}")
    assert chair.get_by_text("Stage 2: Board of Studies").is_visible()
    chair.get_by_role("link", name="Assign reviewers with a due date").click()
    chair.get_by_label("Reviewer").select_option(label="Kiran Council")
    due = date.today() + timedelta(days=3)
    chair.get_by_label("Due date").fill(due.isoformat())
    assert_accessible(chair)
    chair.get_by_role("button", name="Assign").click()
    assert chair.get_by_text("Asked Kiran Council to review by").is_visible()

    council = _person(browser, live_server, COUNCIL)
    council.get_by_role("link", name="Review queue").click()
    assert council.get_by_role("heading", name="Reviews assigned to you").is_visible()
    assert_accessible(council)
    # the Board of Studies only decides
    _decide(council, d, rate=False, expect="Approved at Board of Studies; now with Academic Council.")
    council.goto(f"/review/designs/{d}")
    assert council.get_by_text("Stage 3: Academic Council").is_visible()
    _decide(council, d, rate=False, expect="Decision recorded: approved.")

    author.goto(f"/designs/{d}")
    assert author.locator(".status").first.inner_text() == "Approved"
