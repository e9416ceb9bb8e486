"""Properties over many generated designs: scoring never fails, stays in range and round-trips."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from paths import SCHEMA_PATH
from strategies import designs, drafts, json_values

from rubrics import Report, Status, WeightClass, evaluate, load_rubric

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
RUBRICS = (load_rubric("institution-default"), load_rubric("eu-standard-elements"))
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_report(design: Any) -> None:
    for rubric in RUBRICS:
        report = evaluate(rubric, design)
        assert 0 <= report.score <= 100
        assert 0 <= report.points_earned <= report.points_possible
        if report.meets:
            assert not report.essential_failures and report.score >= rubric.pass_threshold
        assert all(c.status is not Status.FAIL or c.findings for c in report.criteria)
        assert all(
            c.weight is WeightClass.INFO or c.status is not Status.FAIL or c.points_earned == 0
            for c in report.criteria
        )
        assert Report.from_dict(report.to_dict()) == report
        text = report.to_json()
        assert Report.from_json(text) == report
        assert text == evaluate(rubric, design).to_json()


@FAST
@given(designs())
def test_generated_designs_are_schema_valid(design: dict[str, Any]) -> None:
    """The strategy really produces what the schema allows."""
    errors = sorted(VALIDATOR.iter_errors(design), key=str)
    assert not errors, errors[0].message


@FAST
@given(designs())
def test_valid_designs_score_and_round_trip(design: dict[str, Any]) -> None:
    """Any schema-valid design is scored without error, in range, with a report that round-trips."""
    _check_report(design)


@FAST
@given(drafts())
def test_drafts_score_and_round_trip(design: dict[str, Any]) -> None:
    """Half-filled drafts (missing keys, None, empty, wrong types, partial rows) are scored too."""
    _check_report(design)


@FAST
@given(
    st.one_of(
        json_values,
        st.dictionaries(
            st.sampled_from(
                ["outcomes", "activities", "assessments", "level", "credits", "translations", "nsqf", "title"]
            ),
            json_values,
        ),
    )
)
def test_any_json_is_scored(value: Any) -> None:
    """Even arbitrary JSON (including non-objects and NaN) yields a report."""
    _check_report(value)
