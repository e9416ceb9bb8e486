"""W01-W02: is the weekly load humane and is assessment time counted?

Facts: standards.md §1.2 (40 credits = 1,200 NLH a year, i.e. about 40 h a week in a 30-week
year), §2.3 (NPTEL minimum learner effort of about 4 h a week), §1.3 and §5.1 (assessment time
counts toward notional hours).  The 40 h and 12 h caps are heuristics (checks.md W01), kept as
parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import params as p
from ..context import Context
from ..design import Design
from .base import PASS, CheckResult, check, fail, fmt, plural


def _aimed_at_working_learners(design: Design, keywords: tuple[str, ...]) -> bool:
    text = design.target_learners.lower()
    return bool(text) and any(k in text for k in keywords)


@check(
    "W01",
    max_weekly_hours=p.positive,
    working_max_weekly_hours=p.positive,
    working_keywords=p.words,
    working_weight=p.weight,
    missing_duration_weight=p.weight,
)
def weekly_load(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """W01: weekly load at most 40 h [important]; at most 12 h for working learners [advisory]."""
    weeks = design.duration_weeks
    if weeks is None or weeks <= 0:
        return fail(
            "duration_weeks",
            "The design does not say how many weeks it runs, so its weekly load cannot be checked.",
            "State the duration in weeks, e.g. 6.",
            params["missing_duration_weight"],
        )
    weekly = ctx.nlh_total / weeks
    cap = params["max_weekly_hours"]
    if weekly > cap:
        return fail(
            "duration_weeks",
            f"The design asks for about {fmt(weekly)} hours a week ({fmt(ctx.nlh_total)} "
            f"hours over {plural(weeks, 'week')}), more than the {fmt(cap)}-hour maximum.",
            f"Spread it over at least {fmt(-(-ctx.nlh_total // cap))} weeks or reduce the hours.",
        )
    working_cap = params["working_max_weekly_hours"]
    if weekly > working_cap and _aimed_at_working_learners(design, params["working_keywords"]):
        return fail(
            "duration_weeks",
            f"The design is aimed at working learners but asks for about {fmt(weekly)} "
            f"hours a week, more than the {fmt(working_cap)} hours they can usually give.",
            f"Spread it over at least {fmt(-(-ctx.nlh_total // working_cap))} weeks, e.g. as a "
            "part-time schedule.",
            params["working_weight"],
        )
    return PASS


@check("W02")
def assessment_time(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """W02: assessment time counted: assessment hours > 0."""
    if ctx.nlh_assessments > 0:
        return PASS
    path = "assessments[0].hours" if design.assessments else "assessments"
    return fail(
        path,
        "No assessment has any hours, so the time learners spend preparing for and taking "
        "assessments is not counted in the workload.",
        "Give each assessment its learner hours, e.g. 4 hours for the capstone review.",
    )
