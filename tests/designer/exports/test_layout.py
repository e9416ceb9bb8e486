"""Layout rules of the printed syllabus, checked in WeasyPrint's page boxes of a syllabus crafted to
stress them: table rows and an assessment's criteria never split across pages, a heading never sits
alone at a page foot, a long title never runs into the logo, the running header never wraps; and the
resource URLs are links in the PDF.

Each rule is checked twice: with the real stylesheet (the rule holds) and with that one rule cut out
of a copy of it (the rule is broken), so a test cannot pass because the stress stopped stressing.
"""

import re
import shutil
from collections import defaultdict

import pytest
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from designer.exports import syllabus
from designer.exports.pdf import SENTINEL_BASE, STATIC_DIR, SafeURLFetcher
from designer.extensions import db
from designer.models import Design
from tests.conftest import example_document
from tests.designer.exports.conftest import reader

MM = 96 / 25.4  # CSS pixels per millimetre
LONG_WORD = "Interdisciplinaryentrepreneurshipfundamentalsforsustainabledevelopment"
TITLE = f"Foundations of sustainable development and entrepreneurship for small firms: {LONG_WORD}"
# Cut out of a copy of syllabus.css by the control renders; each must be in the stylesheet as written.
# The heading rule is also in WeasyPrint's own user-agent stylesheet, so cutting ours alone changes
# nothing: its control turns it off instead (ours stays, so the rule does not hang on WeasyPrint's).
HEADINGS_OFF = "h1, h2, h3 { break-after: auto; }"
RULES = {
    "rows": "tr { break-inside: avoid; }",
    "criteria": ("table.assessments tbody tr:has(+ tr.criteria) { break-after: avoid; }\n"
                 "tr.criteria { break-before: avoid; }"),
    "headings": "h1, h2, h3 { break-after: avoid; }",
    "title": "h1 { margin-right: 16mm; overflow-wrap: anywhere; }",
    "header": "white-space: nowrap; overflow: hidden; text-overflow: ellipsis;",
}


def _stress_document() -> dict:
    """Tall rows (outcomes of eight lines), assessments whose criteria are ten lines under a one-line
    row, and a title with a word wider than the space beside the logo."""
    document = example_document()
    sentence = "Plan, run and review a small campaign, explaining each decision with evidence from the data. "
    document["title"] = TITLE
    document["outcomes"] = [{"id": f"LO{n}", "text": sentence * (3 + n % 4)} for n in range(1, 13)]
    document["assessments"] = [
        {"id": f"AS{n}", "title": f"Task {n}", "kind": "project", "purpose": "summative", "weight": 5,
         "hours": 1, "supervision": "unsupervised", "outcomes": ["LO1"],
         "criteria": "Evidence of analysis (20%), clarity of the argument (20%). " * (8 + n % 3)}
        for n in range(1, 21)
    ]
    document["activities"] = [a | {"outcomes": ["LO1"]} for a in document["activities"]]
    document["translations"] = {}
    for n, resource in enumerate(document["resources"]):
        resource["url"] = f"https://example.edu/library/micro-credentials/resources/{n}?format=accessible"
    return document


def _repeat_outcomes_section(html: str, times: int) -> str:
    """The outcomes section (a heading over a table of tall unbreakable rows) `times` times, with 1, 2,
    3... rows, the tallest first, so the headings land at many heights on the page."""
    section = re.search(r"<section>\s*<h2>Learning outcomes</h2>.*?</section>", html, re.S).group(0)
    rows = re.findall(r"<tr><td class=\"id\">.*?</tr>", section, re.S)
    tallest_first = sorted(rows, key=len, reverse=True)
    copies = [section.replace("".join(rows), "".join(tallest_first[: 1 + n % len(rows)]))
              for n in range(times)]
    return html.replace(section, "\n".join(copies))


@pytest.fixture(scope="module")
def stress_html(app, tmp_path_factory):
    from tests.designer.exports.conftest import approve_design

    with app.app_context():
        from designer.auth.services import create_user
        from designer.designs.services import create_design

        owner = create_user(db.session, email="layout@example.org", password="layout-password-1",
                            role="faculty", name="Layout", institution="Layout University")
        design = create_design(db.session, owner, _stress_document(), note="layout")
        db.session.commit()
        design_id = design.id
    approve_design(app, design_id)
    with app.test_request_context():
        artefact = syllabus.approved(db.session, db.session.get(Design, design_id))
        return _repeat_outcomes_section(syllabus.approved_html(artefact, app.config), 10)


def _render(html: str, static_folder=STATIC_DIR):
    fetcher = SafeURLFetcher(static_folder, fail_on_errors=True)
    return HTML(string=html, base_url=SENTINEL_BASE, url_fetcher=fetcher).render()


@pytest.fixture(scope="module")
def real(stress_html):
    return _render(stress_html)


@pytest.fixture(scope="module")
def without(stress_html, tmp_path_factory):
    """Render the stress syllabus with one rule of RULES cut out of a copy of the stylesheet."""
    def render(rule: str):
        folder = tmp_path_factory.mktemp(f"static-{rule}")
        shutil.copytree(STATIC_DIR / "print", folder / "print")
        css = folder / "print" / "syllabus.css"
        text = css.read_text("utf-8")
        assert RULES[rule] in text, f"the {rule} rule is no longer written as the test expects"
        css.write_text(text.replace(RULES[rule], HEADINGS_OFF if rule == "headings" else ""), "utf-8")
        return _render(stress_html, folder)
    return render


def _walk(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _walk(child)


def _pages_of(document, predicate) -> dict:
    """{element: sorted page indexes} for the boxes of the page body that `predicate` accepts."""
    pages = defaultdict(set)
    for index, page in enumerate(document.pages):
        for box in _walk(page._page_box):
            if isinstance(box, boxes.MarginBox):
                continue
            if box.element is not None and predicate(box):
                pages[box.element].add(index)
    return {element: sorted(found) for element, found in pages.items()}


def _parents(document) -> dict:
    root = next(b.element for b in _walk(document.pages[0]._page_box) if b.element is not None)
    return {child: parent for parent in root.iter() for child in parent}


def _next(element, parents):
    siblings = list(parents[element])
    index = siblings.index(element)
    return siblings[index + 1] if index + 1 < len(siblings) else None


def _split_rows(document) -> list[str]:
    """Body rows with boxes on two pages (header rows repeat on each page by design)."""
    parents = _parents(document)
    rows = _pages_of(document, lambda box: isinstance(box, boxes.TableRowBox))
    return ["".join(row.itertext())[:40] for row, found in rows.items()
            if len(found) > 1 and parents[row].tag != "thead"]


def _criteria_apart(document) -> list[str]:
    """Criteria rows not on the page of the assessment row just above them."""
    parents = _parents(document)
    rows = _pages_of(document, lambda box: isinstance(box, boxes.TableRowBox))
    apart = []
    for row, found in rows.items():
        if "criteria" in (row.get("class") or "").split():
            siblings = list(parents[row])
            above = siblings[siblings.index(row) - 1]
            if rows[above][-1] != found[0]:
                apart.append("".join(above.itertext())[:20])
    return apart


def _lonely_headings(document) -> list[str]:
    """Headings whose next element starts on a later page: the heading sits alone at the page foot."""
    parents = _parents(document)
    blocks = _pages_of(document, lambda box: isinstance(box, boxes.BlockLevelBox))
    lonely = []
    for element, found in blocks.items():
        if element.tag in ("h1", "h2", "h3"):
            following = _next(element, parents)
            if following is not None and following in blocks and blocks[following][0] > found[-1]:
                lonely.append("".join(element.itertext()))
    return lonely


def _title_room(document) -> float:
    """Millimetres between the right edge of the title's text column and the logo, on the first page.

    A line beside a float is laid out up to the float's edge, so it is the column, not the glyphs of
    one particular title, that must stop short of the logo for no title to touch it.
    """
    page = document.pages[0]._page_box
    logo = next(b for b in _walk(page) if b.element is not None and b.element.tag == "img")
    title = next(b for b in _walk(page) if isinstance(b, boxes.BlockBox) and b.element is not None
                 and b.element.tag == "h1")
    assert title.position_y < logo.position_y + logo.margin_height(), "the title is no longer beside the logo"
    return (logo.position_x - (title.content_box_x() + title.width)) / MM


def _title_overflow(document) -> float:
    """Millimetres by which the title's longest line passes the right edge of the page's text column."""
    page = document.pages[0]._page_box
    column = page.content_box_x() + page.width
    lines = [b for b in _walk(page) if isinstance(b, boxes.LineBox) and b.element is not None
             and b.element.tag == "h1"]
    return max(0, max(_text_right(line) for line in lines) - column) / MM


def _text_right(line) -> float:
    return max(text.position_x + text.width for text in _walk(line) if isinstance(text, boxes.TextBox))


def _header_lines(document) -> list[int]:
    """Line count of the running header (top left: the title) on each page."""
    counts = []
    for page in document.pages:
        for margin in page._page_box.children:
            if isinstance(margin, boxes.MarginBox) and margin.at_keyword == "@top-left" and margin.children:
                counts.append(sum(isinstance(b, boxes.LineBox) for b in _walk(margin)))
    return counts


def test_table_rows_never_split_across_pages(real, without):
    assert len(real.pages) >= 5
    assert _split_rows(real) == []
    assert _split_rows(without("rows")), "without the rule a tall row splits: the stress works"


def test_an_assessments_criteria_stay_on_its_page(real, without):
    assert _criteria_apart(real) == []
    assert _criteria_apart(without("criteria")), "without the rule criteria are left for the next page"


def test_a_heading_never_sits_alone_at_a_page_foot(real, without):
    assert _lonely_headings(real) == []
    assert _lonely_headings(without("headings")), "without the rule a heading is left at a page foot"


def test_a_long_title_never_runs_into_the_logo(real, without):
    assert _title_room(real) >= 3 and _title_overflow(real) == 0
    broken = without("title")
    assert _title_room(broken) < 3 and _title_overflow(broken) > 0, "without the rule the title runs on"


def test_the_running_header_never_wraps(real, without):
    lines = _header_lines(real)
    assert len(lines) == len(real.pages) and set(lines) == {1}
    assert max(_header_lines(without("header"))) > 1, "without the rule the long title wraps"


def test_resource_urls_are_links_in_the_pdf(stress_html):
    pdf = reader(_render(stress_html).write_pdf())
    uris = [str(a.get_object()["/A"]["/URI"]) for page in pdf.pages for a in page.get("/Annots") or []
            if "/URI" in a.get_object().get("/A", {})]
    assert sorted(uris) == sorted(r["url"] for r in _stress_document()["resources"])
