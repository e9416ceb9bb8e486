"""Per-evaluation facts shared by the checks and the figures.

Why: several checks need the same derived numbers (notional hours, the Bloom reading of each
outcome, which activities practise which outcome).  Computing them once per evaluation keeps the
checks short, keeps them consistent with the figures the web page shows, and keeps scoring fast.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from .design import Activity, Assessment, Design, Outcome, Resource
from .lexicon import Lexicon, OutcomeAnalysis
from .reading import read_outcome
from .records import fast_init
from .rubric import LevelRow, Rubric

_Item = TypeVar("_Item", Activity, Assessment, Resource)


@fast_init
@dataclass(frozen=True, slots=True)
class Context:
    """Derived facts about one design under one rubric."""

    rubric: Rubric
    analyses: tuple[OutcomeAnalysis, ...]  # one per design.outcomes item, same order
    written: tuple[tuple[Outcome, OutcomeAnalysis], ...]  # the outcomes that have text, with analysis
    nlh_activities: float
    nlh_assessments: float
    hours_by_kind: Mapping[str, float]  # activity kind -> hours, in first-seen order
    contact_credits: float  # N02 estimate: scheduled hours / hours-per-credit of their kind
    outcome_ids: frozenset[str]
    activities_for: Mapping[str, tuple[Activity, ...]]  # outcome id -> activities that practise it
    assessments_for: Mapping[str, tuple[Assessment, ...]]  # outcome id -> assessments of it
    summative: tuple[Assessment, ...]  # the summative assessments, in design order
    summative_for: Mapping[str, tuple[Assessment, ...]]  # outcome id -> summative assessments of it
    resources_for: Mapping[str, tuple[Resource, ...]]  # outcome id -> resources for it
    level_row: LevelRow | None  # level-table row for the design's level, when it has one

    @property
    def lexicon(self) -> Lexicon:
        """The rubric's compiled lexicon."""
        return self.rubric.lexicon

    @property
    def params(self) -> Mapping[str, Any]:
        """Rubric-wide parameters (NLH per credit, hours per credit by kind, ...)."""
        return self.rubric.params

    @property
    def nlh_total(self) -> float:
        """Notional learning hours: activity hours plus assessment hours."""
        return self.nlh_activities + self.nlh_assessments

    @classmethod
    def build(cls, design: Design, rubric: Rubric) -> Context:
        """Derive the shared facts for ``design``."""
        by_kind: dict[str, float] = {}
        for act in design.activities:
            if act.hours is not None and act.hours > 0:
                by_kind[act.kind] = by_kind.get(act.kind, 0.0) + act.hours
        per_credit: Mapping[str, float] = rubric.params["hours_per_credit"]
        contact = sum(h / per_credit[k] for k, h in by_kind.items() if k in per_credit)
        nlh_assess = sum(a.hours for a in design.assessments if a.hours is not None and a.hours > 0)
        level = design.level.value if design.level and design.level.framework in ("NCrF", "NSQF") else None
        lexicon = rubric.lexicon
        summative = tuple(a for a in design.assessments if a.purpose == "summative")
        # read_outcome is what Lexicon.analyse calls; called directly, as this is once per outcome
        analyses = tuple([read_outcome(lexicon, o.text) for o in design.outcomes])
        return cls(
            rubric=rubric,
            analyses=analyses,
            written=tuple([(o, a) for o, a in zip(design.outcomes, analyses, strict=True) if o.text]),
            nlh_activities=sum(by_kind.values()),
            nlh_assessments=nlh_assess,
            hours_by_kind=by_kind,
            contact_credits=contact,
            outcome_ids=frozenset(o.id for o in design.outcomes if o.id),
            activities_for=_index(design.activities),
            assessments_for=_index(design.assessments),
            summative=summative,
            summative_for=_index(summative),
            resources_for=_index(design.resources),
            level_row=rubric.level_row(level),
        )


def _index(items: tuple[_Item, ...]) -> dict[str, tuple[_Item, ...]]:
    """Outcome id -> the items that point at it (each item once per outcome)."""
    result: dict[str, list[_Item]] = {}
    for item in items:
        for outcome_id in item.outcomes:
            found = result.get(outcome_id)
            if found is None:
                result[outcome_id] = [item]
            elif found[-1] is not item:  # an id listed twice by the same item counts once
                found.append(item)
    return {k: tuple(v) for k, v in result.items()}
