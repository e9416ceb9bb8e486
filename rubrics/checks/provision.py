"""C06-C10: does the design say how it is assessed, delivered, quality-assured and justified?

The second half of the completeness area (C01-C05 are in :mod:`rubrics.checks.completeness`).
Facts: standards.md §4.2 (EU Annex I elements 9-11), §5.1 (NZQA: evidence of need, purpose
statement, annual review), §4.4 (ETF: review at least annually), §3.2 (NSQF: industry engagement).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import params as p
from ..context import Context
from ..design import Design
from .base import PASS, CheckResult, Issue, check, either, fail, fmt, outcome_of


@check("C06")
def has_assessment(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """C06: at least one assessment."""
    if design.assessments:
        return PASS
    return fail(
        "assessments",
        "The design has no assessment, so achievement of the outcomes cannot be shown.",
        "Add an assessment linked to the outcomes, e.g. a capstone project marked against a rubric.",
    )


@check("C07", modes=p.kinds(p.DELIVERY_MODES))
def delivery_mode(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """C07: form of participation (delivery mode) stated."""
    if design.delivery_mode in params["modes"]:
        return PASS
    modes = ", ".join(sorted(params["modes"]))
    if not design.delivery_mode:
        return fail(
            "delivery_mode",
            "The design does not say how learners take part (online, onsite, ...).",
            f"Choose a delivery mode ({modes}), e.g. online.",
        )
    return fail(
        "delivery_mode",
        f"The delivery mode '{design.delivery_mode}' is not one of the accepted modes.",
        f"Choose one of: {modes}.",
    )


@check("C08")
def quality_assurance(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """C08: quality assurance: approving body and review process stated."""
    qa = design.quality_assurance
    if qa is None:
        return fail(
            "quality_assurance",
            "The design does not say how its quality is assured.",
            "Name the approving body and the review process, e.g. 'Board of Studies; internal review "
            "against the micro-credential rubric'.",
        )
    issues = []
    if not qa.approving_body:
        issues.append(
            Issue(
                "quality_assurance.approving_body",
                "The body that approves the design is not named.",
                "Name it, e.g. 'Board of Studies, School of Commerce; ratified by the Academic Council'.",
            )
        )
    if not qa.process:
        issues.append(
            Issue(
                "quality_assurance.process",
                "The quality review process is not described.",
                "Describe it in a sentence, e.g. 'Internal review against the rubric; external "
                "review by the IQAC every cycle'.",
            )
        )
    return outcome_of(issues)


@check("C09", evidence_kinds=p.kinds(p.NEED_EVIDENCE_KINDS), nsqf_weight=p.weight)
def purpose_and_need(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """C09: purpose and need evidence from employers, industry or community (essential for NSQF)."""
    weight = params["nsqf_weight"] if design.is_nsqf else None
    issues = []
    if not design.purpose:
        issues.append(
            Issue(
                "purpose",
                "The design does not state its purpose: the need it answers and who it serves.",
                "Add a purpose, e.g. 'Local employers report that graduates cannot "
                "measure campaigns; this credential teaches those skills.'",
            )
        )
    if not any(e.kind in params["evidence_kinds"] and e.description for e in design.need_evidence):
        kinds = either(params["evidence_kinds"])
        issues.append(
            Issue(
                "need_evidence",
                "The design gives no evidence of need from employers, industry or the community.",
                f"Add at least one piece of evidence ({kinds}), e.g. an "
                "industry survey of 42 local firms naming the skills gap.",
            )
        )
    return outcome_of(issues, weight=weight)


@check("C10", max_months=p.positive)
def review_cycle(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """C10: review cycle stated and at most 12 months."""
    qa = design.quality_assurance
    months = qa.review_cycle_months if qa else None
    path = "quality_assurance.review_cycle_months" if qa else "quality_assurance"
    if months is None:
        return fail(
            path,
            "The design does not say how often it will be reviewed.",
            f"State a review cycle of at most {fmt(params['max_months'])} months, e.g. 12.",
        )
    if months > params["max_months"]:
        return fail(
            path,
            f"The design is reviewed every {fmt(months)} months; it should be reviewed at least "
            f"every {fmt(params['max_months'])} months.",
            f"Shorten the review cycle to {fmt(params['max_months'])} months or less.",
        )
    return PASS
