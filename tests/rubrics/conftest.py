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
from paths import EXAMPLE_PATH

from rubrics import Rubric, load_rubric

_EXAMPLE: dict[str, Any] = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))


def example_design() -> dict[str, Any]:
    """A fresh deep copy of the shared example design."""
    return copy.deepcopy(_EXAMPLE)


@pytest.fixture
def example_path() -> Path:
    """Path of the shared example design file."""
    return EXAMPLE_PATH


@pytest.fixture
def example() -> dict[str, Any]:
    """The shared example design, as published."""
    return example_design()


@pytest.fixture(scope="session")
def default_rubric() -> Rubric:
    """The shipped institution default rubric."""
    return load_rubric("institution-default")


@pytest.fixture(scope="session")
def eu_rubric() -> Rubric:
    """The shipped EU standard-elements rubric."""
    return load_rubric("eu-standard-elements")
