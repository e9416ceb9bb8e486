"""``@record`` behaves like a frozen dataclass (only its ``__init__`` is faster)."""

from __future__ import annotations

import dataclasses

import pytest

from rubrics.design import Activity
from rubrics.records import record


def test_record_is_a_frozen_dataclass() -> None:
    """Defaults, equality, hashing, replace() and immutability all work as for a dataclass."""
    a = Activity(0, "A1", hours=2.0)
    assert a == Activity(0, "A1", "", "", 2.0, None, ()) and hash(a) == hash(Activity(0, "A1", hours=2.0))
    assert dataclasses.replace(a, hours=3.0).hours == 3.0 and a.hours == 2.0
    assert [f.name for f in dataclasses.fields(a)][:3] == ["index", "id", "title"]
    assert repr(a).startswith("Activity(index=0, id='A1'")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.hours = 5.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        Activity()  # type: ignore[call-arg]


def test_record_refuses_what_it_cannot_do() -> None:
    """default_factory and __post_init__ are refused rather than silently ignored."""
    with pytest.raises(TypeError, match="default_factory"):

        @record
        class WithFactory:
            items: list[int] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="__post_init__"):

        @record
        class WithPostInit:
            x: int

            def __post_init__(self) -> None:
                pass
