"""Scoring rules: points, not-applicable, info criteria, the pass rule, crashes, report round trip."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from rubrics import Design, Report, Rubric, Status, WeightClass, evaluate
from rubrics.checks import REGISTRY, CheckSpec


def _rubric_with(rubric: Rubric, **weights: WeightClass) -> Rubric:
    """The rubric with some criteria re-weighted."""
    criteria = tuple(replace(c, weight=weights.get(c.id, c.weight)) for c in rubric.criteria)
    return replace(rubric, criteria=criteria)


def test_score_is_passed_points_over_applicable_points(
    example: dict[str, Any], default_rubric: Rubric
) -> None:
    """Score = earned / possible x 100 over applicable criteria; N/A and info carry no points."""
    report = evaluate(default_rubric, example)
    possible = sum(c.weight.points for c in report.criteria if c.status is not Status.NOT_APPLICABLE)
    earned = sum(c.weight.points for c in report.criteria if c.status is Status.PASS)
    assert (report.points_possible, report.points_earned) == (possible, earned)
    assert report.score == round(100 * earned / possible, 1)
    n04 = report.result("N04")
    assert n04 is not None and n04.points_possible == 0 and n04.weight is WeightClass.INFO


def test_meets_needs_threshold_and_essentials(example: dict[str, Any], default_rubric: Rubric) -> None:
    """An essential failure blocks approval even with a high score; a low score blocks it too."""
    example["integrity"] = ""  # S06, advisory: still meets
    assert evaluate(default_rubric, example).meets
    example["delivery_mode"] = ""  # C07, essential
    report = evaluate(default_rubric, example)
    assert report.score > default_rubric.pass_threshold and not report.meets
    strict = replace(default_rubric, pass_threshold=99.5)
    example["delivery_mode"] = "online"
    report = evaluate(strict, example)
    assert not report.essential_failures and report.score < 99.5 and not report.meets


def test_info_criterion_never_fails(example: dict[str, Any], default_rubric: Rubric) -> None:
    """A check configured as info keeps its findings (at info severity) but passes with 0 points."""
    example["assessments"][1]["outcomes"].remove("LO1")  # LO1 only in the formative quiz: A02 finds it
    rubric = _rubric_with(default_rubric, A02=WeightClass.INFO)
    result = evaluate(rubric, example).result("A02")
    assert result is not None
    assert result.status is Status.PASS and result.points_possible == 0
    assert result.findings and all(f.severity is WeightClass.INFO for f in result.findings)
    assert evaluate(rubric, example).meets


def test_crashing_check_becomes_a_failed_finding(
    monkeypatch: pytest.MonkeyPatch, example: dict[str, Any], default_rubric: Rubric
) -> None:
    """A check that raises fails its criterion with a message naming the error; the rest still runs."""

    def broken(design: Design, params: Any, ctx: Any) -> Any:
        raise KeyError("x")

    monkeypatch.setitem(REGISTRY, "C07", CheckSpec("C07", broken, REGISTRY["C07"].params))
    report = evaluate(default_rubric, example)
    result = report.result("C07")
    assert result is not None and result.status is Status.FAIL
    assert result.findings[0].message == "The check could not run: KeyError 'x'."
    assert result.findings[0].path == ""
    assert len(report.criteria) == len(default_rubric.criteria)


def test_no_applicable_points_scores_zero(default_rubric: Rubric) -> None:
    """A rubric whose criteria all do not apply has nothing to approve the design on."""
    only_nsqf = replace(
        default_rubric, criteria=tuple(c for c in default_rubric.criteria if c.id in ("N07", "A06"))
    )
    report = evaluate(only_nsqf, {"level": {"framework": "NCrF", "value": 5}})
    assert report.points_possible == 0 and report.score == 0.0 and not report.meets


def test_evaluate_accepts_a_parsed_design(example: dict[str, Any], default_rubric: Rubric) -> None:
    """A Design object scores the same as its JSON."""
    assert evaluate(default_rubric, Design.from_mapping(example)) == evaluate(default_rubric, example)


def test_report_round_trips(example: dict[str, Any], default_rubric: Rubric) -> None:
    """from_dict(to_dict()) and from_json(to_json()) rebuild an equal report."""
    report = evaluate(default_rubric, example)
    assert Report.from_dict(report.to_dict()) == report
    assert Report.from_json(report.to_json()) == report
    assert Report.from_dict(json.loads(report.to_json(indent=None))) == report


def test_report_dict_shape(example: dict[str, Any], default_rubric: Rubric) -> None:
    """The documented keys are present and JSON-native."""
    example["assessments"][1]["outcomes"].remove("LO1")  # one A02 finding to look at
    data = evaluate(default_rubric, example).to_dict()
    assert set(data) == {
        "report_format",
        "rubric",
        "score",
        "meets",
        "points",
        "criteria",
        "manual",
        "figures",
    }
    assert data["rubric"] == {
        "id": "institution-default",
        "title": default_rubric.title,
        "version": "1.0.0",
        "date": "2026-01-15",
        "pass_threshold": 85.0,
    }
    assert set(data["criteria"][0]) == {
        "id",
        "title",
        "area",
        "weight",
        "rubric_weight",
        "status",
        "points_earned",
        "points_possible",
        "source",
        "note",
        "findings",
    }
    a02 = next(c for c in data["criteria"] if c["id"] == "A02")
    assert a02["findings"][0] == {
        "path": "outcomes[0]",
        "message": a02["findings"][0]["message"],
        "fix": a02["findings"][0]["fix"],
        "severity": "essential",
    }
    assert data["manual"][0]["id"] == "M01"
    assert json.loads(json.dumps(data)) == data
