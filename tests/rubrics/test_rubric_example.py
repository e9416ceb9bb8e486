"""The shared example design against the shipped rubrics, and the figures computed for it.

The brief says the example must meet the default rubric with no essential or important failure. Every
outcome, LO1 included, is assessed by a summative assessment (LO1 by the practical AS2 as well as the
formative quiz AS1), so it passes every applicable criterion of the institution default.
"""

from __future__ import annotations

from typing import Any

import pytest

from rubrics import Rubric, Status, WeightClass, evaluate


def test_shared_example_meets_default_rubric_with_full_score(
    example: dict[str, Any], default_rubric: Rubric
) -> None:
    """The brief's expectation: the shared example meets the institution default, here with no failure."""
    report = evaluate(default_rubric, example)
    assert report.meets
    assert report.score == 100.0
    assert report.failures == ()
    assert {c.id for c in report.criteria if c.status is Status.NOT_APPLICABLE} == {"N07", "A06"}


def test_formative_only_outcome_is_an_essential_a02_failure(
    example: dict[str, Any], default_rubric: Rubric
) -> None:
    """Issue 10 item 11: an outcome assessed only formatively is not certified, so A02 fails as essential."""
    example["assessments"][1]["outcomes"].remove("LO1")
    report = evaluate(default_rubric, example)
    assert [c.id for c in report.failures] == ["A02"]
    finding = report.failures[0].findings[0]
    assert finding.path == "outcomes[0]"
    assert finding.severity is WeightClass.ESSENTIAL
    assert "LO1" in finding.message and "AS1" in finding.message
    assert not report.meets


def test_example_meets_eu_profile(example: dict[str, Any], eu_rubric: Rubric) -> None:
    """The EU standard-elements profile has no alignment checks, so the example meets it as published."""
    report = evaluate(eu_rubric, example)
    assert report.meets and report.score == 100.0
    assert len(report.criteria) == 11
    assert all(c.weight is WeightClass.ESSENTIAL for c in report.criteria)


def test_example_figures(example: dict[str, Any], default_rubric: Rubric) -> None:
    """Hours, credits, ECTS, Bloom levels, SWAYAM and alignment figures for the example."""
    f = evaluate(default_rubric, example).figures
    assert (f.nlh_total, f.nlh_activities, f.nlh_assessments) == (60, 52, 8)
    assert f.nlh_by_kind == {
        "e_tutorial": 12,
        "e_content": 8,
        "discussion_forum": 4,
        "lab": 12,
        "project": 10,
        "self_study": 6,
    }
    assert (f.credits_claimed, f.credits_from_nlh, f.credit_points) == (2, 2, 10)
    assert f.ects == 2.18 and f.ects_range == [2.0, 2.4]
    assert f.contact_credits == pytest.approx(1.53)  # 12/15 + 12/30 + 10/30
    assert f.weekly_hours == 10
    assert f.level == {"framework": "NCrF", "value": 5}
    assert f.level_expectation == {
        "max_level": 5,
        "min_bloom": 3,
        "min_bloom_name": "Apply",
        "max_lower_order_percent": 50,
    }
    assert [(o["id"], o["verb"], o["level"], o["level_name"]) for o in f.outcomes] == [
        ("LO1", "explain", 2, "Understand"),
        ("LO2", "configure", 3, "Apply"),
        ("LO3", "analyse", 4, "Analyse"),
        ("LO4", "recommend", 5, "Evaluate"),
    ]
    assert [b["count"] for b in f.bloom_distribution] == [0, 1, 1, 1, 1, 0]
    assert f.lower_order_share == 25 and f.unclassified_outcomes == 0
    assert f.swayam == {
        "e_tutorial": True,
        "e_content": True,
        "discussion_forum": True,
        "self_assessment": True,
    }
    assert f.swayam_quadrants_present == 4
    lo3 = f.alignment[2]
    assert lo3["outcome"] == "LO3" and lo3["activities"] == ["A3", "A4", "A5"]
    assert lo3["assessments"] == [
        {"id": "AS2", "kind": "practical", "purpose": "summative"},
        {"id": "AS3", "kind": "project", "purpose": "summative"},
    ]
    assert lo3["resources"] == [{"index": 1, "title": "Sample e-commerce analytics dataset"}]


def test_report_json_is_deterministic(example: dict[str, Any], default_rubric: Rubric) -> None:
    """Scoring the same design twice gives byte-identical JSON."""
    first = evaluate(default_rubric, example).to_json()
    assert evaluate(default_rubric, example).to_json() == first
    assert '"rubric"' in first and '"figures"' in first
