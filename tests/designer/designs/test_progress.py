"""The editor's section navigation: each section empty, with findings (counted by the field they link to,
as in the check panel), or complete; and every id of the editor page used once."""

import re
from collections import Counter

import rubrics
from designer.checking.services import app_rubric
from designer.designs.progress import COMPLETE, EMPTY, FINDINGS, section_of_element, section_statuses
from tests.conftest import example_document


def _statuses(app, document):
    with app.test_request_context():
        return section_statuses(document, rubrics.evaluate(app_rubric(app.config), document))


def test_the_example_is_complete_and_a_blank_design_empty(app):
    full = _statuses(app, example_document())
    assert {s.state for s in full.values()} <= {COMPLETE, FINDINGS}
    assert full["basics"].state == COMPLETE and full["outcomes"].state == COMPLETE
    blank = _statuses(app, {"title": "Only a title"})
    assert blank["translations"].state == EMPTY
    assert blank["outcomes"].state == FINDINGS and blank["outcomes"].findings >= 1
    assert blank["outcomes"].label.endswith(("finding", "findings"))


def test_findings_land_in_the_section_of_their_field(app):
    document = example_document()
    del document["level"]
    statuses = _statuses(app, document)
    assert statuses["level"].state == FINDINGS
    assert statuses["basics"].state == COMPLETE
    assert section_of_element("level") == "level"  # the Level select, in the section "Level and credits"
    assert section_of_element("outcomes-3-text") == "outcomes"
    assert section_of_element("need_evidence-rows") == "awarding"
    assert section_of_element("top") is None


def test_the_editor_uses_every_id_once_and_shows_the_statuses(client, make_user, make_design, login_as):
    owner = make_user()
    design_id = make_design(owner)
    login_as(owner)
    html = client.get(f"/designs/{design_id}/edit").get_data(as_text=True)
    twice = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', html)).items() if n > 1]
    assert not twice
    assert 'id="level"' in html and 'id="section-level"' in html
    nav = html.split('aria-label="Sections of the editor"')[1].split("</nav>")[0]
    assert 'href="#section-basics"' in nav and "complete" in nav and 'href="#check"' in nav
