"""S01-S07: is the assessment transparent, graded, varied, honest and verifiable?

Facts: standards.md §4.1 (assessed against transparent, clearly defined criteria), §4.2 (type of
assessment; optional element 2: supervision and identity verification), §5.2 (NMF: assessment
required), §6.1 (QM SRS 3.2 grading policy, 3.3 evaluation criteria, 3.4 varied, 3.5 multiple
chances to check progress, 7th ed. SRS 3.6 academic integrity), §2.3 (SWAYAM proctored exam).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import params as p
from ..context import Context
from ..design import Design
from .base import PASS, CheckResult, Issue, check, fail, fmt, name, outcome_of, shared_not_applicable

# Fixed "not applicable" results, shared by every design (see base.SHARED).
_NO_CREDIT = shared_not_applicable("The design claims no credit.")
_NO_SUMMATIVE = shared_not_applicable("The design has no summative assessment (see N05).")


@check("S01")
def marking_criteria(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """S01: every summative assessment has marking criteria."""
    summative = ctx.summative
    if not summative:
        return _NO_SUMMATIVE
    return outcome_of(
        Issue(
            f"assessments[{a.index}].criteria",
            f"{name('Assessment', a.id, a.index)} has no marking criteria, "
            "so learners cannot know how it will be judged.",
            "Summarise the criteria and their weights, e.g. 'Analysis of channel data (40%), quality of "
            "evidence (30%), feasibility of the recommendation (30%)'.",
        )
        for a in summative
        if not a.criteria
    )


@check("S02", total=p.positive, tolerance=p.number)
def weights_total(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """S02: summative weights add up to 100, within the rubric's rounding tolerance (default 0.05).

    Three thirds written as 33.33 add up to 99.99: that is rounding, not a grading mistake (issue 10
    family 10). The comparison allows for binary floating point (33.33 * 3 is 99.99000000000001).
    """
    summative = ctx.summative
    if not summative:
        return _NO_SUMMATIVE
    missing = [a for a in summative if a.weight is None]
    total = params["total"]
    issues = [
        Issue(
            f"assessments[{a.index}].weight",
            f"{name('Assessment', a.id, a.index)} is summative but has no weight in the final grade.",
            f"Give it a percentage so the summative weights add up to {fmt(total)}, e.g. 40.",
        )
        for a in missing
    ]
    given = sum(a.weight for a in summative if a.weight is not None)
    if not missing and abs(given - total) > params["tolerance"] + 1e-9:
        last = summative[-1]
        issues.append(
            Issue(
                f"assessments[{last.index}].weight",
                f"The summative weights add up to {fmt(given)}%, not {fmt(total)}%.",
                f"Adjust them to total {fmt(total)}, e.g. 40 for the practical and 60 for the project.",
            )
        )
    return outcome_of(issues)


@check("S03")
def pass_mark(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """S03: pass mark stated."""
    if design.grading is not None and design.grading.pass_mark is not None:
        return PASS
    return fail(
        "grading.pass_mark" if design.grading else "grading",
        "The pass mark is not stated.",
        "State the minimum overall percentage to pass, e.g. 40.",
    )


@check("S04", min_kinds=p.count)
def assessment_variety(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """S04: at least two kinds of assessment."""
    kinds = {a.kind for a in design.assessments if a.kind}
    if len(kinds) >= params["min_kinds"]:
        return PASS
    have = f"only {', '.join(sorted(kinds)).replace('_', ' ')} assessment" if kinds else "no assessment kinds"
    return fail(
        "assessments",
        f"The design uses {have}; a mix of at least {params['min_kinds']} kinds gives "
        "learners more than one way to show what they can do.",
        "Add a different kind of task, e.g. a short practical alongside the project.",
    )


@check("S05", min_formative=p.count)
def formative_present(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """S05: at least one formative assessment."""
    n = sum(1 for a in design.assessments if a.purpose == "formative")
    if n >= params["min_formative"]:
        return PASS
    return fail(
        "assessments",
        "No assessment is formative, so learners get no practice feedback before being graded.",
        "Add an ungraded check of progress, e.g. weekly self-check quizzes.",
    )


@check("S06")
def integrity_statement(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """S06: academic-integrity statement present."""
    if design.integrity:
        return PASS
    return fail(
        "integrity",
        "The design has no academic-integrity statement.",
        "Say how integrity rules apply, e.g. 'The university's integrity policy applies; learners "
        "declare any AI-tool use in the project.'",
    )


@check("S07", explanation_keywords=p.words)
def identity_verification(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """S07: a credit-bearing design has an identity-verified summative assessment, or says why not."""
    if design.credits is None or design.credits <= 0:
        return _NO_CREDIT
    summative = ctx.summative
    if any(a.supervision == "supervised_id_verified" for a in summative):
        return PASS
    integrity = design.integrity.lower()
    if integrity and any(word in integrity for word in params["explanation_keywords"]):
        return PASS  # the integrity statement explains how (or why not) identity is verified
    path = f"assessments[{summative[0].index}].supervision" if summative else "assessments"
    return fail(
        path,
        "No summative assessment verifies the learner's identity, and the design does not say "
        "why, so others cannot trust who earned the credit.",
        "Mark a summative task as supervised with identity verification (e.g. a proctored practical), "
        "or explain in the integrity statement why identity is not checked.",
    )
