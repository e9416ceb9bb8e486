"""The editor's "Check my draft" panel: findings, their links to the fields, the alignment matrix."""

import re

from designer.checking.services import alignment_matrix
from tests.conftest import example_document
from tests.designer.designs.formdata import as_multidict, form_pairs


def test_alignment_matrix_marks_gaps():
    matrix = alignment_matrix(
        [
            {
                "outcome": "LO1",
                "index": 0,
                "activities": ["A2", "A10"],
                "resources": [],
                "assessments": [{"id": "AS1", "kind": "quiz", "purpose": "formative"}],
            },
            {
                "outcome": "LO2",
                "index": 1,
                "activities": [],
                "resources": [],
                "assessments": [{"id": "AS2", "kind": "project", "purpose": "summative"}],
            },
        ]
    )
    assert matrix["activities"] == ["A2", "A10"]  # natural order, not A10 before A2
    assert [r["untaught"] for r in matrix["rows"]] == [False, True]
    assert [r["unassessed"] for r in matrix["rows"]] == [True, False]
    assert matrix["rows"][0]["assessments"] == ["formative", None]


def _finding_ids(html: str) -> set[str]:
    return {c for found in re.findall(r'data-check="([A-Z0-9 ]+)"', html) for c in found.split()}


def test_editor_shows_the_saved_drafts_report(client, make_user, make_design, login_as):
    owner = make_user()
    doc = example_document()
    doc["outcomes"][0]["text"] = "Understand how sessions and bounce rate describe visitors."
    design_id = make_design(owner, doc)
    login_as(owner)
    html = client.get(f"/designs/{design_id}/edit").get_data(as_text=True)
    assert "Check my draft" in html and "Scored: <strong>the version saved " in html
    assert "(revision 1)</strong>" in html
    assert "O02" in _finding_ids(html)
    assert 'href="#outcomes-0-text"' in html
    assert "Alignment matrix" in html and '<svg class="bloom-chart"' in html


def test_check_scores_unsaved_form_and_stores_nothing(app, client, make_user, make_design, login_as):
    owner = make_user()
    design_id = make_design(owner)
    login_as(owner)
    editor = client.get(f"/designs/{design_id}/edit").get_data(as_text=True)
    assert "O02" not in _finding_ids(editor)
    pairs = [
        (k, "Know the measurement funnel." if k == "outcomes-0-text" else v) for k, v in form_pairs(editor)
    ]
    response = client.post(f"/designs/{design_id}/edit", data=as_multidict(pairs + [("op", "check")]))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "O02" in _finding_ids(html) and "what is on screen now, which is not saved" in html
    with app.app_context():
        from designer.extensions import db
        from designer.models import Design

        assert db.session.get(Design, design_id).latest_revision == 1


def test_incomplete_new_draft_is_checked_without_crashing(client, make_user, login_as):
    owner = make_user()
    login_as(owner)
    response = client.post("/designs/new", data={"title": "Half", "op": "check", "base_revision": "0"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert {"C03", "C06", "N01"} <= _finding_ids(html)
    assert "Does not meet the standard" in html


def test_links_point_past_a_blank_outcome_row_to_the_outcome_they_are_about(client, make_user, login_as):
    """A blank outcome row above two vague ones: O01/O02 must link to the vague rows, not to the blank."""
    owner = make_user()
    login_as(owner)
    pairs = [
        ("title", "Vague outcomes"),
        ("base_revision", "0"),
        ("outcomes-0-id", "LO1"),
        ("outcomes-0-text", ""),
        ("outcomes-1-id", "LO2"),
        ("outcomes-1-text", "Understand web analytics."),
        ("outcomes-2-id", "LO3"),
        ("outcomes-2-text", "Know the funnel."),
        ("op", "check"),
    ]
    html = client.post("/designs/new", data=as_multidict(pairs)).get_data(as_text=True)
    links = re.findall(r'<a href="#([^"]+)" data-path="outcomes\[(\d)\]\.text">', html)
    assert links, "the vague outcomes are found"
    for anchor, index in links:
        assert anchor == f"outcomes-{int(index) + 1}-text"  # document row 0 is the form's row 1
    assert 'href="#outcomes-1-text">LO2</a>' in html  # the alignment matrix, too
    assert 'id="outcomes-1-text"' in html


def test_checking_does_not_import_the_designs_package():
    """designs uses checking (the editor's panel); checking asks nothing of designs, so no import cycle."""
    import ast
    from pathlib import Path

    import designer.checking

    for path in Path(designer.checking.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
        names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [n for n in names if n.startswith("designer.designs")], path.name


def test_footer_states_the_rubrics_hours_per_credit(app, make_app, tmp_path):
    (tmp_path / "quarter-hours.toml").write_text(
        'extends = "institution-default"\nid = "quarter-hours"\ntitle = "Local"\nversion = "1"\n'
        "date = 2026-01-15\n[params]\nnlh_per_credit = 25\n",
        encoding="utf-8",
    )
    assert "1 credit = 30 notional learning hours" in app.test_client().get("/login").text
    local = make_app(RUBRICS_DIR=str(tmp_path), DEFAULT_RUBRIC="quarter-hours")
    assert "1 credit = 25 notional learning hours" in local.test_client().get("/login").text


def test_a_blank_design_lists_each_finding_once_with_its_fields():
    """A blank design gave 35 findings with repeats (N01, N02 and N03 all said "no credits"; N06 five
    times "not ready for the ABC"): one line per check, repeated sentences joined, every field linked."""
    import rubrics
    from designer.checking.services import group_findings

    blank = {"schema_version": "1.0", "title": "x"}
    report = rubrics.evaluate(rubrics.load_rubric("institution-default"), blank)
    findings = sum(len(r.findings) for r in report.criteria if r.status.value == "fail")
    lines = [line for group in group_findings(report) for line in group.lines]
    assert len(lines) < findings
    messages = [m for line in lines for m in line.messages]
    assert len(messages) == len(set(messages)), "no sentence is shown twice"
    credits = next(line for line in lines if any("how many credits" in m for m in line.messages))
    assert credits.checks == ["N01", "N02", "N03"] and credits.paths == ["credits"]
    abc = next(line for line in lines if line.checks == ["N06"])
    assert len(abc.messages) == 1 and abc.messages[0].count("is missing") == 5
    assert abc.paths == ["code", "awarding_body", "credits", "level", "grading"]


def test_field_labels_name_the_fields_findings_are_about():
    from designer.designs.catalogue import field_label

    assert field_label("awarding_body") == "Awarding body"
    assert field_label("outcomes[2].text") == "Outcome 3"
    assert field_label("outcomes") == "Learning outcomes"
    assert field_label("quality_assurance") == "Approving body"
    assert field_label("level") == "Level"
    assert field_label("") == "The design"


def test_a_blank_draft_says_it_scored_the_unsaved_screen(client, make_user, login_as):
    login_as(make_user())
    html = client.get("/designs/new").get_data(as_text=True)
    assert "Scored: <strong>what is on screen now, which is not saved</strong>" in html
    assert "last saved version" not in html


def test_the_editors_credits_hint_states_the_rubrics_hours_per_credit(app, make_app, make_user, tmp_path):
    from tests.conftest import login

    (tmp_path / "quarter-hours.toml").write_text(
        'extends = "institution-default"\nid = "quarter-hours"\ntitle = "Local"\nversion = "1"\n'
        "date = 2026-01-15\n[params]\nnlh_per_credit = 25\n",
        encoding="utf-8",
    )
    faculty = make_user("faculty")
    local = make_app(RUBRICS_DIR=str(tmp_path), DEFAULT_RUBRIC="quarter-hours")
    client = local.test_client()
    login(client, faculty)
    page = client.get("/designs/new").text
    assert 'id="credits-help">1 credit = 25 notional learning hours, e.g. 2.' in page
    assert "1 credit = 30" not in page
