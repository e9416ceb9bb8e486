"""C01-C05: does the design say what the credential is (title, awarder, outcomes, workload, level)?

The completeness area (C01-C10) is split in two modules to keep each short; C06-C10 are in
:mod:`rubrics.checks.provision`.

Facts: standards.md §4.2 (EU Annex I mandatory elements), §5.1 (NZQA listing rules, reserved
title words, evidence of need, annual review), §1.2 (NCrF levels), §3.2 (NSQF levels), §4.4
(ETF: review at least annually).  Thresholds come from the rubric's parameters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .. import params as p
from ..context import Context
from ..design import Design
from .base import PASS, CheckResult, Issue, check, fail, fmt, outcome_of, plural

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@check("C01", min_chars=p.count, max_chars=p.count, reserved_words=p.words, reserved_word_weight=p.weight)
def title_length_and_words(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """C01: title is 5-120 characters and avoids words reserved for full qualifications."""
    title = design.title
    if not title:
        return fail(
            "title",
            "The design has no title.",
            "Add a short, descriptive title, e.g. 'Digital Marketing Analytics Essentials'.",
        )
    issues = []
    if not params["min_chars"] <= len(title) <= params["max_chars"]:
        issues.append(
            Issue(
                "title",
                f"The title is {len(title)} characters long; it should be {params['min_chars']} to "
                f"{params['max_chars']} characters.",
                "Rewrite the title to say what learners can do in a few words, e.g. 'Web Analytics for Small "
                "Businesses'.",
            )
        )
    found = [
        w
        for w in _WORD.findall(title.lower())
        if w.removesuffix("'s") in params["reserved_words"] or w.removesuffix("s") in params["reserved_words"]
    ]
    if found:
        issues.append(
            Issue(
                "title",
                f"The title uses '{found[0]}', a word reserved for full qualifications, so learners "
                "may mistake this micro-credential for one.",
                f"Remove '{found[0]}' from the title, e.g. 'Foundations of Data Analysis' instead of "
                "'Diploma in Data Analysis'.",
                params["reserved_word_weight"],
            )
        )
    return outcome_of(issues)


@check("C02")
def awarding_body(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """C02: awarding body named, with its country."""
    body = design.awarding_body
    if body is None:
        return fail(
            "awarding_body",
            "The design does not name its awarding body.",
            "Add the awarding institution and its country, e.g. 'Example State Open University', IN.",
        )
    issues = []
    if not body.name:
        issues.append(
            Issue(
                "awarding_body.name",
                "The awarding body has no name.",
                "Enter the institution's full name, e.g. 'Example State Open University'.",
            )
        )
    if not body.country:
        issues.append(
            Issue(
                "awarding_body.country",
                "The awarding body's country is not stated.",
                "Add the two-letter country code, e.g. IN for India.",
            )
        )
    elif not _COUNTRY.match(body.country):
        issues.append(
            Issue(
                "awarding_body.country",
                f"The awarding body's country '{body.country}' is not a two-letter country code.",
                "Use the ISO two-letter code in capitals, e.g. IN for India.",
            )
        )
    return outcome_of(issues)


@check(
    "C03",
    min_outcomes=p.count,
    soft_min=p.count,
    soft_max=p.count,
    max_per_credit=p.number,
    per_credit_floor=p.count,
    soft_weight=p.weight,
)
def outcome_count(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """C03: at least one outcome [essential]; 2-8 and at most 3 per credit [advisory part]."""
    n = len(ctx.written)  # the outcomes that have text
    if n < max(1, params["min_outcomes"]):
        return fail(
            "outcomes",
            "The design has no learning outcomes, so nobody can tell what a learner will be able to do.",
            "Add at least one outcome that starts with an action verb, e.g. 'Analyse campaign data "
            "to identify the channels that drive conversions.'",
        )
    soft = params["soft_weight"]
    allowed = params["soft_max"]
    if design.credits is not None and design.credits > 0:
        allowed = min(
            allowed, max(params["per_credit_floor"], int(design.credits * params["max_per_credit"]))
        )
    if n < params["soft_min"]:
        return fail(
            "outcomes",
            f"The design has only {plural(n, 'outcome')}; micro-credentials usually "
            f"state {params['soft_min']} to {params['soft_max']}.",
            "Add another outcome for a distinct skill learners practise, e.g. 'Configure a web "
            "analytics property with conversion goals.'",
            soft,
        )
    if n > allowed:
        size = (
            f"a {fmt(design.credits)}-credit design" if allowed < params["soft_max"] else "a micro-credential"
        )
        return fail(
            "outcomes",
            f"The design has {plural(n, 'outcome')}; {size} should have at most {allowed}.",
            "Merge overlapping outcomes or move detail into activities, e.g. fold 'List the "
            "metrics' into 'Explain how the metrics describe visitor behaviour'.",
            soft,
        )
    return PASS


@check("C04")
def workload_stated(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """C04: notional workload stated (NLH > 0)."""
    if ctx.nlh_total > 0:
        return PASS
    path = "activities" if not design.activities else "activities[0].hours"
    return fail(
        path,
        "The design states no learning hours, so its workload is unknown.",
        "Give each activity and assessment its hours of learner effort, e.g. 12 hours for the video lessons.",
    )


def _level_issue(design: Design, params: Mapping[str, Any]) -> Issue | None:
    level = design.level
    if level is None:
        return Issue(
            "level",
            "The design does not state its level.",
            "Choose the framework and level, e.g. NCrF level 5 for a second-year undergraduate course.",
        )
    if level.framework not in ("NCrF", "NSQF"):
        return Issue(
            "level.framework",
            "The level's framework is not stated as NCrF or NSQF.",
            "Choose NCrF for higher-education credit or NSQF for skills qualifications.",
        )
    value, step = level.value, params["step"]
    if value is None:
        return Issue("level.value", "The level has no value.", "Enter a level, e.g. 5 or 5.5.")
    on_step = abs(value / step - round(value / step)) < 1e-9
    if level.framework == "NSQF":
        if on_step and params["nsqf_min"] <= value <= params["nsqf_max"]:
            return None
        return Issue(
            "level.value",
            f"NSQF level {fmt(value)} does not exist.",
            f"Use an NSQF level from {fmt(params['nsqf_min'])} to {fmt(params['nsqf_max'])} in "
            f"steps of {fmt(step)}, e.g. 4.5.",
        )
    if on_step and params["ncrf_min"] <= value <= params["ncrf_max"]:
        return None
    if on_step and params["school_min"] <= value <= params["school_max"]:
        return Issue(
            "level.value",
            f"NCrF level {fmt(value)} is a school level, not a higher-education level.",
            f"Use a higher-education level from {fmt(params['ncrf_min'])} to "
            f"{fmt(params['ncrf_max'])}, e.g. 4.5 for first-year undergraduates.",
            params["school_level_weight"],
        )
    return Issue(
        "level.value",
        f"NCrF level {fmt(value)} does not exist.",
        f"Use a level from {fmt(params['ncrf_min'])} to {fmt(params['ncrf_max'])} in steps of "
        f"{fmt(step)}, e.g. 5.5.",
    )


@check(
    "C05",
    ncrf_min=p.number,
    ncrf_max=p.number,
    school_min=p.number,
    school_max=p.number,
    nsqf_min=p.number,
    nsqf_max=p.number,
    step=p.positive,
    school_level_weight=p.weight,
)
def level_valid(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """C05: level valid for its framework (school levels are an important, not essential, failure)."""
    issue = _level_issue(design, params)
    return outcome_of([issue] if issue else [])
