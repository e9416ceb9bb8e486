"""The engine's value types are plain frozen, slotted dataclasses (issue 9 item 10)."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from rubrics.checks.base import CheckResult, Issue
from rubrics.context import Context
from rubrics.design import Activity, Design, Outcome
from rubrics.figures import Figures
from rubrics.lexicon import OutcomeAnalysis
from rubrics.records import fast_init
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


def test_fast_init_keeps_the_dataclass_signature() -> None:
    """fast_init (issue 10) gives the same parameters, defaults and keyword use as the generated __init__."""
    params = inspect.signature(Activity).parameters
    assert list(params) == [f.name for f in dataclasses.fields(Activity)]
    assert params["hours"].default is None and params["index"].default is inspect.Parameter.empty
    assert Activity(index=1, outcomes=("LO1",)) == Activity(1, "", "", "", None, None, ("LO1",))
    with pytest.raises(TypeError):
        Activity()  # type: ignore[call-arg]


def test_fast_init_refuses_what_it_cannot_copy() -> None:
    """A mutable class, or a field with a default factory, is refused rather than built wrongly."""

    @dataclasses.dataclass(slots=True)
    class Mutable:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Factory:
        a: list[int] = dataclasses.field(default_factory=list)

    for cls in (Mutable, Factory):
        with pytest.raises(TypeError):
            fast_init(cls)
