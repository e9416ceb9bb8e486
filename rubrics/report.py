"""The result of scoring one design against one rubric, as frozen dataclasses and plain JSON.

Why plain data: the web page, the PDF, the CLI and the database all render or store the same
object, and a stored report must read back identically years later.  ``to_dict`` gives JSON-ready
values only (strings, numbers, booleans, lists, dicts); ``to_json`` sorts keys so the same report
always gives byte-identical JSON; ``from_dict`` rebuilds an equal report.

Shape of ``Report.to_dict()``::

    {"report_format": 1,
     "rubric": {"id", "title", "version", "date", "pass_threshold"},
     "score": 93.8, "meets": false, "points": {"earned": 45, "possible": 48},
     "criteria": [{"id", "title", "area", "weight", "rubric_weight", "status", "points_earned",
                   "points_possible", "source", "note",
                   "findings": [{"path", "message", "fix", "severity"}]}],
     "manual": [{"id", "title", "guidance", "weight"}],
     "figures": {...}}   # see rubrics.figures.Figures for the keys
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .enums import Status, WeightClass
from .figures import Figures
from .records import fast_init
from .rubric import ManualCriterion

REPORT_FORMAT = 1


@fast_init
@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: where in the design, what is wrong, how to fix it, and how much it weighs."""

    path: str  # e.g. "outcomes[2].text"; a top-level key when the whole thing is missing; "" = whole design
    message: str
    fix: str
    severity: WeightClass

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"path": self.path, "message": self.message, "fix": self.fix, "severity": self.severity.label}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Inverse of :meth:`to_dict`."""
        return cls(data["path"], data["message"], data["fix"], WeightClass.from_label(data["severity"]))


@fast_init
@dataclass(frozen=True, slots=True)
class CriterionResult:
    """How one automated criterion came out for this design."""

    id: str
    title: str
    area: str
    weight: WeightClass  # effective weight for this design (a failed advisory part weighs as advisory)
    rubric_weight: WeightClass  # the weight the rubric gives the criterion
    status: Status
    points_earned: int
    points_possible: int  # 0 when not applicable or info
    source: str
    note: str
    findings: tuple[Finding, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "id": self.id,
            "title": self.title,
            "area": self.area,
            "weight": self.weight.label,
            "rubric_weight": self.rubric_weight.label,
            "status": self.status.value,
            "points_earned": self.points_earned,
            "points_possible": self.points_possible,
            "source": self.source,
            "note": self.note,
            "findings": [f.to_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CriterionResult:
        """Inverse of :meth:`to_dict`."""
        return cls(
            data["id"],
            data["title"],
            data["area"],
            WeightClass.from_label(data["weight"]),
            WeightClass.from_label(data["rubric_weight"]),
            Status(data["status"]),
            data["points_earned"],
            data["points_possible"],
            data["source"],
            data["note"],
            tuple(Finding.from_dict(f) for f in data["findings"]),
        )


@fast_init
@dataclass(frozen=True, slots=True)
class Report:
    """Scores, verdict, per-criterion results and figures for one design under one rubric."""

    rubric_id: str
    rubric_title: str
    rubric_version: str
    rubric_date: str
    pass_threshold: float
    score: float  # percent, 0-100, one decimal
    meets: bool  # every applicable essential criterion passes and score >= pass_threshold
    points_earned: int
    points_possible: int
    criteria: tuple[CriterionResult, ...]
    manual: tuple[ManualCriterion, ...]
    figures: Figures

    @property
    def failures(self) -> tuple[CriterionResult, ...]:
        """Failed criteria, in rubric order."""
        return tuple(c for c in self.criteria if c.status is Status.FAIL)

    @property
    def essential_failures(self) -> tuple[CriterionResult, ...]:
        """Failed criteria whose effective weight is essential (each one blocks approval)."""
        return tuple(c for c in self.failures if c.weight is WeightClass.ESSENTIAL)

    def result(self, check_id: str) -> CriterionResult | None:
        """The result of one criterion by check ID."""
        return next((c for c in self.criteria if c.id == check_id), None)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (see the module docstring for its shape)."""
        return {
            "report_format": REPORT_FORMAT,
            "rubric": {
                "id": self.rubric_id,
                "title": self.rubric_title,
                "version": self.rubric_version,
                "date": self.rubric_date,
                "pass_threshold": self.pass_threshold,
            },
            "score": self.score,
            "meets": self.meets,
            "points": {"earned": self.points_earned, "possible": self.points_possible},
            "criteria": [c.to_dict() for c in self.criteria],
            "manual": [m.to_dict() for m in self.manual],
            "figures": self.figures.to_dict(),
        }

    def to_json(self, indent: int | None = 2) -> str:
        """Deterministic JSON: sorted keys, stable list order, UTF-8 text kept as is."""
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """Rebuild a report from :meth:`to_dict` output (or its JSON, parsed)."""
        rubric, points = data["rubric"], data["points"]
        return cls(
            rubric_id=rubric["id"],
            rubric_title=rubric["title"],
            rubric_version=rubric["version"],
            rubric_date=rubric["date"],
            pass_threshold=rubric["pass_threshold"],
            score=data["score"],
            meets=data["meets"],
            points_earned=points["earned"],
            points_possible=points["possible"],
            criteria=tuple(CriterionResult.from_dict(c) for c in data["criteria"]),
            manual=tuple(ManualCriterion.from_dict(m) for m in data["manual"]),
            figures=Figures.from_dict(data["figures"]),
        )

    @classmethod
    def from_json(cls, text: str) -> Report:
        """Rebuild a report from :meth:`to_json` output."""
        return cls.from_dict(json.loads(text))
