"""Every page of the app, as every role (and anonymously), in real Chromium (issue 11):

(a) no id is used twice in the HTML (a section and the Level select once shared `id="level"`, which left the
    select without an accessible name and axe did not notice);
(b) in Chromium's own accessibility tree (CDP Accessibility.getFullAXTree) every form control and link has
    a non-empty accessible name;
(c) axe finds no WCAG 2.1 A/AA violation;
(d) at 390 px wide nothing scrolls sideways (document.scrollingElement.scrollWidth <= 390).

The pages: the route x role matrix of tests/designer/review/test_access_matrix.py (each URL a role may
open, for a draft, a submitted and an approved design), the public pages, then every further page linked
from those (one per URL shape), so a new page is checked as soon as something links to it.
"""

import re
from urllib.parse import urlsplit

import pytest

from designer.extensions import db
from designer.institution import departments
from designer.jobs.models import Job, JobKind, JobStatus
from designer.models import User
from tests.conftest import PASSWORD
from tests.designer.review import conftest as review_fixtures
from tests.designer.review import test_access_matrix as matrix
from tests.e2e.conftest import WCAG_AA

people, make_person, flow, world = (review_fixtures.people, review_fixtures.make_person, review_fixtures.flow,
                                    matrix.world)

NAMED_ROLES = {"textbox", "searchbox", "combobox", "checkbox", "radio", "button", "listbox", "spinbutton",
               "link", "switch", "slider"}
NOT_PAGES = re.compile(r"\.(pdf|json|csv|svg|png|toml)$|/export/|/logout|/logo$|/login/sso")
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}
EMAILS = {"owner": "author@test.example", "coauthor": "coauthor@test.example",
          "faculty": "other-faculty@test.example", "reviewer": "rev1@test.example",
          "other_reviewer": "rev-else@else.example", "organiser": "org@test.example",
          "admin": "admin@test.example"}
PUBLIC = ["/login", "/password/forgot", "/password/reset/not-a-link", "/invitation/not-a-link",
          "/catalogue/public"]


def seeds(role: str, ids: dict) -> list[str]:
    """The HTML pages of the access matrix this role may open."""
    if role == "anonymous":
        return list(PUBLIC)
    urls = [url for url, allowed in matrix.PAGES.items() if role in allowed and not NOT_PAGES.search(url)]
    for url, allowed in matrix.DESIGN_GETS.items():
        urls += [url.format(id=ids[state]) for state in matrix.STATES
                 if role in allowed[state] and not NOT_PAGES.search(url)]
    return urls + ["/tasks", "/account/notifications", "/designs/deleted", "/"]


def shape(url: str) -> str:
    return re.sub(r"\d+", "N", urlsplit(url).path)


def ids_used_twice(page) -> list[str]:
    return page.evaluate("""() => {
        const seen = {};
        document.querySelectorAll('[id]').forEach(e => { seen[e.id] = (seen[e.id] || 0) + 1; });
        return Object.keys(seen).filter(id => seen[id] > 1); }""")


def unnamed_controls(page) -> list[str]:
    """Controls whose accessible name in Chromium's accessibility tree is empty, as HTML snippets."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        out = []
        for node in nodes:
            role = (node.get("role") or {}).get("value")
            if node.get("ignored") or role not in NAMED_ROLES:
                continue
            if str((node.get("name") or {}).get("value") or "").strip():
                continue
            out.append(f"{role}: {_outer_html(cdp, node.get('backendDOMNodeId'))}")
        return out
    finally:
        cdp.detach()


def _outer_html(cdp, backend_id) -> str:
    if backend_id is None:
        return "(no DOM node)"
    obj = cdp.send("DOM.resolveNode", {"backendNodeId": backend_id})["object"]
    got = cdp.send("Runtime.callFunctionOn", {
        "objectId": obj["objectId"], "returnByValue": True,
        "functionDeclaration": "function () { return this.outerHTML; }"})
    return got["result"].get("value", "")[:200]


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    # Details of the violations only: the passes of every rule cost seconds on the long editor page.
    results = Axe().run(page, options={**WCAG_AA, "resultTypes": ["violations"]})
    return [] if results.violations_count == 0 else [results.generate_report()]


def overflow_at_phone_width(page) -> int:
    """How far the page scrolls sideways at 390 px (0: not at all)."""
    page.set_viewport_size(PHONE)
    try:
        return page.evaluate("() => document.scrollingElement.scrollWidth") - PHONE["width"]
    finally:
        page.set_viewport_size(DESKTOP)


# axe takes seconds on a long page: once per URL in a session, whichever role comes first.
_AXED: set[str] = set()


def check_page(page) -> list[str]:
    problems = [f"id used twice: {i}" for i in ids_used_twice(page)]
    problems += [f"no accessible name: {c}" for c in unnamed_controls(page)]
    if page.url not in _AXED:
        problems += axe_violations(page)
        _AXED.add(page.url)
    extra = overflow_at_phone_width(page)
    if extra > 0:
        problems.append(f"scrolls sideways at 390 px by {extra} px")
    return problems


def links_on(page) -> list[str]:
    hrefs = page.eval_on_selector_all("main a[href], header a[href]", "els => els.map(e => e.href)")
    base = urlsplit(page.url)
    return [urlsplit(h).path for h in hrefs if urlsplit(h).netloc == base.netloc]


def visit_all(page, start: list[str], limit: int = 60) -> tuple[list[str], dict[str, list[str]]]:
    """Check the start pages and every page they link to (one URL per shape): the pages checked, and
    the problems by URL."""
    queue, shapes, found = list(start), set(), {}
    visited, checked = set(), []
    while queue and len(visited) < limit:
        url = queue.pop(0)
        if url in visited or NOT_PAGES.search(url):
            continue
        visited.add(url)
        shapes.add(shape(url))
        response = page.goto(url)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue  # a download
        if response.status in (403, 404) and url not in PUBLIC or "/login" in page.url and url != "/login":
            continue  # refusals are the access matrix's business
        checked.append(url)
        problems = check_page(page)
        if problems:
            found[url] = problems
        for link in links_on(page):
            if link not in visited and shape(link) not in shapes and link not in queue:
                queue.append(link)
                shapes.add(shape(link))
    return checked, found


def more_to_see(app, people) -> None:
    """What the matrix world lacks for some pages: a department, a finished pack, a deleted draft."""
    with app.app_context():
        admin = db.session.get(User, people.admin)
        departments.add(db.session, admin, "School of Testing")
        db.session.add(Job(kind=JobKind.PACK.value, owner_id=people.organiser, title="Semester pack",
                           design_ids=[], status=JobStatus.DONE.value, done=1, total=1, pages=4))
        db.session.commit()


def log_in(page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, page.locator("main").inner_text()[:300]


@pytest.mark.parametrize("role", ["anonymous", *EMAILS])
def test_every_page_is_named_unique_accessible_and_fits_a_phone(app, live_app, page, world, people, role):
    ids, _ = world
    more_to_see(app, people)
    live_app.config["PUBLIC_CATALOGUE"] = True
    try:
        if role != "anonymous":
            log_in(page, EMAILS[role])
        start = seeds(role, ids)
        checked, found = visit_all(page, start)
    finally:
        live_app.config["PUBLIC_CATALOGUE"] = False
    assert set(start) <= set(checked), set(start) - set(checked)  # each page the role may open was seen
    assert not found, "\n\n".join(f"{url}:\n  " + "\n  ".join(p) for url, p in found.items())


def test_editor_states_are_named_unique_accessible_and_fit_a_phone(app, page, world, people):
    """The editor as the checks and the save errors leave it: findings in the panel, an error summary."""
    ids, _ = world
    log_in(page, EMAILS["owner"])
    page.goto("/designs/new")
    page.get_by_role("button", name="Check my draft").first.click()
    page.wait_for_load_state()
    assert page.locator("#check .finding").count() > 0
    found = {"new design, checked": check_page(page)}
    page.goto(f"/designs/{ids['draft']}/edit")
    page.locator("#title").fill("")  # the one field a save needs
    page.get_by_role("button", name="Save draft").first.click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").count() == 1
    found["draft, refused save"] = check_page(page)
    found = {k: v for k, v in found.items() if v}
    assert not found, "\n\n".join(f"{k}:\n  " + "\n  ".join(p) for k, p in found.items())
