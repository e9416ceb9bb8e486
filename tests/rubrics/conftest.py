"""Fixtures for the rubric engine tests: the shared example design and the shipped rubrics.

The shared example lives outside the project (``../shared`` from the project root), as every
developer and CI run has it there.  Tests get deep copies, so mutating one never leaks.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from rubrics import Rubric, load_rubric

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EXAMPLE_PATH = SHARED / "spec" / "examples" / "digital-marketing-analytics.json"
SCHEMA_PATH = SHARED / "spec" / "design.schema.json"

_EXAMPLE: dict[str, Any] = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))


def example_design() -> dict[str, Any]:
    """A fresh deep copy of the shared example design."""
    return copy.deepcopy(_EXAMPLE)


def fixed_example_design() -> dict[str, Any]:
    """The shared example with LO1 also assessed by the summative practical AS2.

    The shared example fails A02 (LO1 is only assessed by the formative quiz AS1); this copy is the
    smallest change that makes it pass every check, so check tests can start from a clean design.
    """
    design = example_design()
    design["assessments"][1]["outcomes"].insert(0, "LO1")
    return design


@pytest.fixture
def example_path() -> Path:
    """Path of the shared example design file."""
    return EXAMPLE_PATH


@pytest.fixture
def example() -> dict[str, Any]:
    """The shared example design, as published."""
    return example_design()


@pytest.fixture
def fixed_example() -> dict[str, Any]:
    """The shared example with its one A02 gap closed (see fixed_example_design)."""
    return fixed_example_design()


@pytest.fixture(scope="session")
def default_rubric() -> Rubric:
    """The shipped institution default rubric."""
    return load_rubric("institution-default")


@pytest.fixture(scope="session")
def eu_rubric() -> Rubric:
    """The shipped EU standard-elements rubric."""
    return load_rubric("eu-standard-elements")
