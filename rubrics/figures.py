"""Computed figures shown beside the verdict: hours, credits, ECTS, Bloom levels, alignment matrix.

Why a separate record: the web page draws a workload bar, a Bloom chart and an alignment matrix,
and the PDF prints the credit calculation (what-users-ask.md: "shows the calculation").  These are
information, not verdicts (checks.md N04 is an info criterion), and they are always computed, so
every rubric's report carries them.  Numbers are rounded to 2 decimals; nested values are plain
lists and dicts so that ``to_dict``/``from_dict`` round-trip exactly.

Keys of ``Figures.to_dict()``:
- ``nlh_total``, ``nlh_activities``, ``nlh_assessments``: notional learning hours;
  ``nlh_by_kind``: activity kind -> hours (assessment hours are ``nlh_assessments``);
- ``credits_claimed`` (None when missing), ``nlh_per_credit``, ``credits_from_nlh`` (NLH / 30),
  ``credit_points`` (credits x level; None without both), ``contact_credits`` (N02 estimate);
- ``ects`` (NLH / 27.5) and ``ects_range`` ([NLH / 30, NLH / 25]);
- ``weekly_hours`` (NLH / duration_weeks; None without a duration);
- ``level``: {"framework", "value"} or None; ``level_expectation``: {"max_level", "min_bloom",
  "min_bloom_name", "max_lower_order_percent"} or None;
- ``outcomes``: one entry per outcome in order: {"id", "index", "verb", "level", "level_name",
  "highest_level", "highest_level_name", "likely_level", "likely_level_name", "ambiguous"} where
  level is the lowest plausible Bloom level (None when there is no performance verb), highest_level
  the highest and likely_level the level in context (the one A04 judges);
- ``bloom_distribution``: [{"level", "name", "count"}] for levels 1-6 (by lowest level), and
  ``unclassified_outcomes``; ``lower_order_share``: percent of classified outcomes at
  Remember/Understand (None when none is classified);
- ``swayam``: {"e_tutorial", "e_content", "discussion_forum", "self_assessment": bool} and
  ``swayam_quadrants_present`` (how many of the four);
- ``alignment``: one row per outcome: {"outcome", "index", "activities": [ids],
  "assessments": [{"id", "kind", "purpose"}], "resources": [{"index", "title"}]}.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from .context import Context
from .design import Design
from .records import fast_init


@fast_init
@dataclass(frozen=True, slots=True)
class Figures:
    """Figures for the web page and the PDF (see the module docstring for each key)."""

    nlh_total: float
    nlh_activities: float
    nlh_assessments: float
    nlh_by_kind: dict[str, float]
    credits_claimed: float | None
    nlh_per_credit: float
    credits_from_nlh: float
    credit_points: float | None
    contact_credits: float
    ects: float
    ects_range: list[float]
    weekly_hours: float | None
    level: dict[str, Any] | None
    level_expectation: dict[str, Any] | None
    outcomes: list[dict[str, Any]]
    bloom_distribution: list[dict[str, Any]]
    unclassified_outcomes: int
    lower_order_share: float | None
    swayam: dict[str, bool]
    swayam_quadrants_present: int
    alignment: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (a deep copy)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Figures:
        """Inverse of :meth:`to_dict`; unknown keys (from newer report formats) are ignored."""
        return cls(**{f.name: data[f.name] for f in fields(cls)})


def _r(value: float) -> float:
    return round(value, 2)


def _r_opt(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def compute_figures(design: Design, ctx: Context) -> Figures:
    """Compute every figure for ``design`` from the shared evaluation context."""
    params, lex = ctx.params, ctx.lexicon
    nlh = ctx.nlh_total
    level = design.level
    level_value = level.value if level else None
    credits = design.credits
    row = ctx.level_row
    # level_names has int keys only, so .get(None) gives "unclassified" just like lex.level_name;
    # reading the dict directly saves two method calls per outcome.
    names = lex.level_names
    outcomes = []
    classified = []
    for o, a in zip(design.outcomes, ctx.analyses, strict=True):
        levels = a.levels
        low, high = (levels[0], levels[-1]) if levels else (None, None)
        if low is not None:
            classified.append(low)
        outcomes.append(
            {
                "id": o.id,
                "index": o.index,
                "verb": a.verb,
                "level": low,
                "level_name": names.get(low, "unclassified"),
                "highest_level": high,
                "highest_level_name": names.get(high, "unclassified"),
                "likely_level": a.likely,  # in context ("write a query": Apply); A04 judges this one
                "likely_level_name": names.get(a.likely, "unclassified"),
                "ambiguous": len(levels) > 1,
            }
        )
    top = params["lower_order_max_bloom"]
    weeks = design.duration_weeks
    kinds_present = {act.kind for act in design.activities}
    swayam = {quadrant: bool(kinds & kinds_present) for quadrant, kinds in params["swayam_quadrants"].items()}
    swayam["self_assessment"] = any(
        a.purpose == "formative" and a.kind in params["swayam_self_assessment_kinds"]
        for a in design.assessments
    )
    return Figures(
        nlh_total=_r(nlh),
        nlh_activities=_r(ctx.nlh_activities),
        nlh_assessments=_r(ctx.nlh_assessments),
        nlh_by_kind={(k or "unspecified"): _r(v) for k, v in ctx.hours_by_kind.items()},
        credits_claimed=credits,
        nlh_per_credit=params["nlh_per_credit"],
        credits_from_nlh=_r(nlh / params["nlh_per_credit"]),
        credit_points=_r_opt(
            credits * level_value if credits is not None and level_value is not None else None
        ),
        contact_credits=_r(ctx.contact_credits),
        ects=_r(nlh / params["ects_hours_per_credit"]),
        ects_range=[_r(nlh / params["ects_hours_max"]), _r(nlh / params["ects_hours_min"])],
        weekly_hours=_r(nlh / weeks) if weeks is not None and weeks > 0 else None,
        level={"framework": level.framework, "value": level.value} if level else None,
        level_expectation=None
        if row is None
        else {
            "max_level": row.max_level,
            "min_bloom": row.min_bloom,
            "min_bloom_name": lex.level_name(row.min_bloom),
            "max_lower_order_percent": row.max_lower_order_percent,
        },
        outcomes=outcomes,
        bloom_distribution=[
            {"level": n, "name": names[n], "count": classified.count(n)} for n in sorted(names)
        ],
        unclassified_outcomes=len(ctx.analyses) - len(classified),
        lower_order_share=_r(100 * sum(1 for n in classified if n <= top) / len(classified))
        if classified
        else None,
        swayam=swayam,
        swayam_quadrants_present=sum(swayam.values()),
        alignment=[_alignment_row(o.id, o.index, ctx) for o in design.outcomes],
    )


def _alignment_row(outcome_id: str, index: int, ctx: Context) -> dict[str, Any]:
    """Which activities, assessments and resources point at one outcome."""
    if not outcome_id:
        return {"outcome": "", "index": index, "activities": [], "assessments": [], "resources": []}
    activities = ctx.activities_for.get(outcome_id)
    assessments = ctx.assessments_for.get(outcome_id)
    resources = ctx.resources_for.get(outcome_id)
    # An outcome nothing points at is common in drafts; skip the comprehensions for it.
    return {
        "outcome": outcome_id,
        "index": index,
        "activities": [a.id for a in activities] if activities else [],
        "assessments": [{"id": a.id, "kind": a.kind, "purpose": a.purpose} for a in assessments]
        if assessments
        else [],
        "resources": [{"index": r.index, "title": r.title} for r in resources] if resources else [],
    }
