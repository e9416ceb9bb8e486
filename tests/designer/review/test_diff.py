"""The revision diff in words (added/removed/changed outcomes, activities, assessments, other fields) and
how the criteria and score moved between two revisions."""

import copy

import rubrics
from designer.designs.compare import compare_documents, diff_documents
from designer.review import scoring
from tests.conftest import example_document


def sentences(before, after):
    return [c.sentence for c in diff_documents(before, after)]


def test_identical_documents_have_no_changes():
    assert diff_documents(example_document(), example_document()) == []


def test_added_removed_and_changed_rows_are_named_by_id():
    before = example_document()
    after = copy.deepcopy(before)
    after["outcomes"].append({"id": "LO9", "text": "Present a campaign report to a client."})
    removed = after["activities"].pop()
    after["assessments"][0]["hours"] = before["assessments"][0]["hours"] + 5
    after["outcomes"][0]["text"] = "Evaluate channel data to choose where to spend."
    changes = diff_documents(before, after)
    kinds = {(c.kind, c.label) for c in changes}
    assert ("added", "Outcome LO9") in kinds
    assert ("removed", f"Activity {removed['id']}") in kinds
    assert ("changed", f"Assessment {before['assessments'][0]['id']}") in kinds
    text = " | ".join(sentences(before, after))
    assert "Outcome LO9 added: Present a campaign report to a client." in text
    assert f"Activity {removed['id']} removed:" in text
    hours = before["assessments"][0]["hours"]
    assert f"Assessment AS1 changed: hours from “{hours:g}” to “{hours + 5:g}”" in text
    assert (
        f"Outcome {before['outcomes'][0]['id']} changed: text from “{before['outcomes'][0]['text']}”" in text
    )


def test_scalar_and_nested_fields_are_described_in_words():
    before = example_document()
    after = copy.deepcopy(before) | {"title": "Analytics for Marketers", "credits": before["credits"] + 1}
    after.pop("summary")
    text = sentences(before, after)
    assert f"Title changed from “{before['title']}” to “Analytics for Marketers”" in text
    assert any(s.startswith("Summary removed:") for s in text)
    assert any(s.startswith("Credits changed from") for s in text)
    assert all("{" not in s for s in text)  # words, not raw JSON


def test_existing_side_by_side_comparison_still_works():
    before = example_document()
    after = copy.deepcopy(before) | {"title": "Other"}
    rows = compare_documents(before, after)
    assert [r.label for r in rows if r.changed] == ["Title"]


def test_report_comparison_shows_resolved_and_new_findings():
    rubric = rubrics.load_rubric("institution-default")
    good = example_document()
    worse = copy.deepcopy(good)
    worse["assessments"] = [
        a | {"outcomes": []} for a in worse["assessments"]
    ]  # nothing assesses the outcomes
    before = scoring.score(rubric, good).report
    after = scoring.score(rubric, worse).report
    moved = scoring.compare_reports(before, after)
    assert any("AS2 does not assess any outcome" in f.message for f in moved.new)
    assert any(m.before == "pass" and m.after == "fail" for m in moved.moves)
    assert moved.score_after < moved.score_before and moved.score_change < 0
    back = scoring.compare_reports(after, before)  # fixing it resolves exactly what breaking it added
    assert {f.key for f in back.resolved} == {f.key for f in moved.new}
    assert {f.key for f in back.new} == {f.key for f in moved.resolved}
    assert scoring.compare_reports(before, before).moves == []
