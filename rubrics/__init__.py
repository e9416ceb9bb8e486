"""Pure rubric-scoring engine for micro-credential designs (no Flask, no database).

Why a separate package: the same scoring runs in the web app, the PDF export, the CLI and batch
re-scoring, and it must be testable and auditable on its own.  Rubrics are data (TOML files in
``data/rubrics``), checks are small registered functions (``rubrics.checks``), and the result is a
plain, serialisable :class:`Report`.

Public API::

    rubric = load_rubric("institution-default")          # or load_rubric_file(path)
    report = evaluate(rubric, design_dict)                 # never raises for a bad design
    report.score, report.meets, report.to_json()
"""

from __future__ import annotations

from .catalog import DEFAULT_RUBRIC, list_rubrics, load_rubric, load_rubric_file
from .design import Design
from .engine import evaluate
from .enums import Status, WeightClass
from .figures import Figures
from .report import CriterionResult, Finding, Report
from .rubric import Criterion, LevelRow, ManualCriterion, Rubric
from .tomlfile import RubricError

__all__ = [
    "DEFAULT_RUBRIC",
    "Criterion",
    "CriterionResult",
    "Design",
    "Figures",
    "Finding",
    "LevelRow",
    "ManualCriterion",
    "Report",
    "Rubric",
    "RubricError",
    "Status",
    "WeightClass",
    "evaluate",
    "list_rubrics",
    "load_rubric",
    "load_rubric_file",
]
