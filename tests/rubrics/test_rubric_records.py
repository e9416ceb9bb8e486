"""The engine's value types are plain frozen, slotted dataclasses (issue 9 item 10)."""

from __future__ import annotations

import dataclasses

import pytest

from rubrics.checks.base import CheckResult, Issue
from rubrics.context import Context
from rubrics.design import Activity, Design, Outcome
from rubrics.figures import Figures
from rubrics.lexicon import OutcomeAnalysis
from rubrics.report import CriterionResult, Finding, Report


@pytest.mark.parametrize(
    "cls",
    [
        Activity,
        Outcome,
        Design,
        Context,
        OutcomeAnalysis,
        Issue,
        CheckResult,
        Finding,
        CriterionResult,
        Report,
        Figures,
    ],
)
def test_value_types_are_frozen_slotted_dataclasses(cls: type) -> None:
    """No per-instance __dict__, and assigning a field raises."""
    assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert "__slots__" in vars(cls)


def test_a_design_row_behaves_as_a_dataclass() -> None:
    """Defaults, equality, hashing, replace() and immutability."""
    a = Activity(0, "A1", hours=2.0)
    assert a == Activity(0, "A1", "", "", 2.0, None, ()) and hash(a) == hash(Activity(0, "A1", hours=2.0))
    assert dataclasses.replace(a, hours=3.0).hours == 3.0 and a.hours == 2.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.hours = 5.0  # type: ignore[misc]
    assert not hasattr(a, "__dict__")
