"""The editor's "Check my draft" panel and the paths-to-fields mapping."""

import re

import pytest

from designer.checking.services import alignment_matrix, field_anchor
from tests.conftest import example_document
from tests.designer.designs.formdata import as_multidict, form_pairs


@pytest.mark.parametrize(
    "path, anchor",
    [
        ("outcomes[2].text", "outcomes-2-text"),
        ("assessments[1].weight", "assessments-1-weight"),
        ("activities[0]", "activities-0"),
        ("credits", "credits"),
        ("level.value", "level"),
        ("level", "level"),
        ("quality_assurance.approving_body", "approving_body"),
        ("quality_assurance.process", "qa_process"),
        ("awarding_body.country", "awarding_country"),
        ("stackability.target", "stack_target"),
        ("grading.pass_mark", "pass_mark"),
        ("", "top"),
    ],
)
def test_field_anchor(path, anchor):
    assert field_anchor(path) == anchor


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
    return set(re.findall(r'data-check="([A-Z]\d\d)"', html))


def test_editor_shows_the_saved_drafts_report(client, make_user, make_design, login_as):
    owner = make_user()
    doc = example_document()
    doc["outcomes"][0]["text"] = "Understand how sessions and bounce rate describe visitors."
    design_id = make_design(owner, doc)
    login_as(owner)
    html = client.get(f"/designs/{design_id}/edit").get_data(as_text=True)
    assert "Check my draft" in html and "last saved version" in html
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
    assert "O02" in _finding_ids(html) and "not saved yet" in html
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
