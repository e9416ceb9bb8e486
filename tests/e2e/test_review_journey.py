"""The committee journey in real Chromium with three people: the author drafts and submits; two reviewers
score independently (and see where they disagree); one requests changes with a comment on one criterion;
the author reads it, fixes, resubmits and sees the diff; the reviewer approves. axe checks the queue,
review and history pages."""

import re

import pytest

from tests.e2e.conftest import assert_accessible, log_in

FACULTY, REVIEWER, REVIEWER2 = "asha@test.example", "meera@test.example", "ravi@test.example"
CRITERIA = ["M01", "M02", "M03", "M04", "M05", "M06"]


@pytest.fixture
def journey(make_user, make_design):
    author = make_user("faculty", email=FACULTY, name="Asha Verma")
    make_user("reviewer", email=REVIEWER, name="Meera Nair")
    make_user("reviewer", email=REVIEWER2, name="Ravi Iyer")
    return make_design(author)


def person(browser, live_server, email):
    context = browser.new_context(base_url=live_server, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, email)
    return page


def rate(page, ratings: dict[str, str], comments: dict[str, str] | None = None):
    for cid in CRITERIA:
        page.locator(f"#rating_{cid}").select_option(label=ratings.get(cid, "Met"))
    for cid, text in (comments or {}).items():
        page.locator(f"#comment_{cid}").fill(text)
    page.get_by_role("button", name=re.compile("(Save|Update) my review")).click()
    # Said beside the button, not in a flash at the top of the page.
    assert "Your review is saved" in page.locator("#review-autosave").inner_text()
    assert page.locator("#review-autosave").is_visible()


def test_three_people_review_journey(browser, live_server, journey):
    d = journey
    author = person(browser, live_server, FACULTY)
    author.goto(f"/designs/{d}/edit")
    author.locator("#summary").fill("A six-week course on reading web analytics for marketing decisions.")
    author.get_by_role("button", name="Save draft").first.click()
    author.goto(f"/designs/{d}")
    author.get_by_role("button", name="Submit for review").click()
    assert "Submitted." in author.locator(".flash-success").inner_text()
    assert author.locator(".status").first.inner_text() == "Submitted"

    second = person(browser, live_server, REVIEWER2)
    second.goto(f"/review/designs/{d}")
    rate(second, {"M01": "Met"})

    reviewer = person(browser, live_server, REVIEWER)
    reviewer.get_by_role("link", name="Review queue").click()
    assert reviewer.get_by_role("link", name="Digital Marketing Analytics Essentials").is_visible()
    assert_accessible(reviewer)
    reviewer.get_by_role("link", name="Digital Marketing Analytics Essentials").click()
    assert "Score independently first" in reviewer.content()
    # The design reads like its syllabus (the PDF's labels and values), and the draft PDF opens.
    submitted = reviewer.locator("section[aria-labelledby=doc-h]").inner_text()
    assert "English, Hindi" in submitted and "supervised_id_verified" not in submitted
    assert "Week-by-week schedule" in submitted and "Evidence of need 1" in submitted
    preview = reviewer.get_by_role("link", name="Draft PDF preview").first.get_attribute("href")
    pdf = reviewer.request.get(preview)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert "standards.md" not in reviewer.content()
    assert_accessible(reviewer)
    rate(
        reviewer,
        {"M01": "Not met"},
        {"M01": "The need evidence is a 2015 national survey; add a local employer letter."},
    )
    assert reviewer.locator("table.agreement tr.disagree").count() == 1  # they disagree on M01 only
    reviewer.get_by_label("Decision comment to the authors").fill("Please strengthen the evidence of need.")
    reviewer.get_by_role("button", name="Request changes").click()
    assert "Decision recorded: changes requested" in reviewer.locator(".flash-success").inner_text()

    author.goto("/designs")
    assert author.locator(".badge").inner_text().startswith("2")  # review started + changes requested
    author.goto(f"/designs/{d}")
    author.get_by_role("link", name="Review status and comments").click()
    assert "add a local employer letter" in author.content()
    assert "Please strengthen the evidence of need." in author.locator(".decision").inner_text()
    author.goto(f"/designs/{d}/edit")
    # The committee's comments while revising: an overview at the top, and each beside its section.
    assert "The committee asked for changes (round 1" in author.locator("#committee-comments").inner_text()
    assert "Please strengthen the evidence of need." in author.locator("#committee-comments").inner_text()
    author.locator("#committee-comments").get_by_role("link", name="Awarding body and need").click()
    beside = author.locator("#section-awarding #awarding-committee")
    assert beside.is_visible() and "add a local employer letter" in beside.inner_text()
    assert "not met (Meera Nair)" in beside.inner_text()
    assert_accessible(author)
    author.locator("#need_evidence-0-description").fill(
        "Letter from the Pune Digital Marketers Association (2024): 40 member firms need analytics skills."
    )
    author.get_by_role("button", name="Save draft").first.click()
    author.goto(f"/designs/{d}")
    author.get_by_label("Response to the reviewers (optional)").fill(
        "M01: added the Pune association's 2024 letter as evidence of need.")
    author.get_by_role("button", name="Resubmit for review").click()
    author.get_by_role("link", name="History and changes").click()
    assert "changes since the last committee review" in author.content()
    assert author.get_by_text(re.compile(r"Evidence of need 1 changed: description from")).is_visible()
    assert_accessible(author)

    reviewer.goto(f"/review/designs/{d}")
    assert "What changed since the last review" in reviewer.content()
    assert "added the Pune association's 2024 letter" in reviewer.locator("#authors-response").inner_text()
    assert "Filled in from your review of round 1" in reviewer.locator("#review-prefill").inner_text()
    assert reviewer.get_by_text(re.compile("Pune Digital Marketers Association")).first.is_visible()
    rate(reviewer, {})
    reviewer.get_by_role("button", name="Approve").click()
    assert "Decision recorded: approved" in reviewer.locator(".flash-success").inner_text()

    author.goto(f"/designs/{d}")
    assert author.locator(".status").first.inner_text() == "Approved"
    log = author.locator("table.audit").inner_text()
    for step in ("Submitted", "Review started", "Changes requested", "Approved"):
        assert step in log


def test_a_reviewers_comment_on_a_finding_shows_beside_its_field(browser, live_server, app, make_user,
                                                                  make_design):
    from designer.checking.services import app_rubric
    from designer.extensions import db
    from designer.models import Design, User
    from designer.review import services
    from tests.conftest import example_document

    author = make_user("faculty", email=FACULTY, name="Asha Verma")
    make_user("reviewer", email=REVIEWER, name="Meera Nair")
    doc = example_document()
    doc["outcomes"][0]["text"] = "Understand how sessions and bounce rate describe visitors."  # O02 fails
    d = make_design(author, doc)
    with app.app_context():
        services.submit(db.session, db.session.get(Design, d), db.session.get(User, author),
                        app_rubric(app.config))
        db.session.commit()

    reviewer = person(browser, live_server, REVIEWER)
    reviewer.goto(f"/review/designs/{d}")
    for cid in CRITERIA:
        reviewer.locator(f"#rating_{cid}").select_option(label="Met")
    reviewer.get_by_label(re.compile("Comment to the authors on check O02")).fill(
        "'Understand' cannot be observed: say what learners do, e.g. explain.")
    reviewer.get_by_label("Decision comment to the authors").fill("Rewrite LO1.")
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="Request changes").click()
    assert "Decision recorded: changes requested" in reviewer.locator(".flash-success").inner_text()

    page = person(browser, live_server, FACULTY)
    page.goto(f"/designs/{d}/edit")
    beside = page.locator("#section-outcomes #outcomes-committee")
    assert "say what learners do, e.g. explain." in beside.inner_text() and "O02" in beside.inner_text()
    beside.get_by_role("link", name="Go to the field").click()
    assert page.url.endswith("#outcomes-0-text")
    assert_accessible(page)
