"""The workload table and the alignment matrix are built once: the printed syllabus shows the rows the
editor's panels show, in the same order, from the same builder."""

import rubrics
from designer.checking.services import alignment_matrix
from designer.designs.workload import workload
from designer.exports.figures import syllabus_figures
from designer.template_helpers import fmt_number
from tests.conftest import example_document


def _scored(document):
    rubric = rubrics.load_rubric("institution-default")
    return rubric, rubrics.evaluate(rubric, document)


def test_the_syllabus_workload_rows_are_the_editors_in_its_order():
    document = example_document()
    rubric, report = _scored(document)
    editor = workload(report, rubric)["rows"]
    printed = syllabus_figures(report.to_dict(), document)["workload"]["rows"]
    assert [r["label"] for r in printed] == [r["label"] for r in editor]
    assert [r["hours"] for r in printed] == [fmt_number(r["hours"], "-") for r in editor]
    hours = [r["hours"] for r in editor]
    assert hours == sorted(hours, reverse=True) and "Assessment" in [r["label"] for r in printed]


def test_the_syllabus_matrix_is_the_check_panels_with_the_designs_assessment_columns():
    document = example_document()
    document["assessments"].append({**document["assessments"][0], "id": "A9", "outcomes": []})
    _rubric, report = _scored(document)
    printed = syllabus_figures(report.to_dict(), document)["matrix"]
    panel = alignment_matrix(report.figures.alignment)
    assert printed["assessments"] == [a["id"] for a in document["assessments"]]  # A9 assesses nothing
    assert "A9" not in panel["assessments"]
    for mine, theirs in zip(printed["rows"], panel["rows"], strict=True):
        assert mine["outcome"] == theirs["outcome"]
        assert mine["assessments"][: len(theirs["assessments"])] == theirs["assessments"]
        assert mine["assessments"][-1] is None


def test_a_report_without_figures_prints_empty_tables():
    figures = syllabus_figures(None, example_document())
    assert figures["matrix"]["rows"] == [] and figures["workload"]["rows"] == []
