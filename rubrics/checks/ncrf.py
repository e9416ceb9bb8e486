"""N01-N08: does the design fit the National Credit Framework (credits, hours, ABC, NSQF)?

Facts: standards.md §1.2 (1 credit = 30 NLH; credit points = credits x level, medium confidence),
§1.3 (what counts toward NLH), §1.4 (ABC), §2.1-2.2 (15/30/45 hours per credit: UGC semester rule,
medium confidence), §2.3 (SWAYAM four quadrants), §3.2-3.3 (NSQF QP/NOS), §4.5 (ECTS 25-30 h),
§9 caveats 1, 2 and 8 (two hour conventions; credit points as information; micro size bounds).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import params as p
from ..context import Context
from ..design import Design
from ..enums import Status
from .base import NSQF_ONLY, PASS, CheckResult, Issue, check, fail, fmt, outcome_of


def _no_credits(design: Design) -> CheckResult:
    return fail(
        "credits",
        "The design does not state how many credits it carries.",
        "Enter the NCrF credits, e.g. 2 credits for 60 notional learning hours.",
    )


@check("N01", tolerance=p.fraction)
def hours_match_credits(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """N01: NLH matches credits x 30 within 10%."""
    if design.credits is None or design.credits <= 0:
        return _no_credits(design)
    per_credit = ctx.params["nlh_per_credit"]
    expected, nlh = design.credits * per_credit, ctx.nlh_total
    if abs(nlh - expected) <= params["tolerance"] * expected + 1e-9:
        return PASS
    suggested = round(nlh / per_credit * 2) / 2
    if suggested <= 0:
        return fail(
            "activities" if design.activities else "credits",
            f"The design claims {fmt(design.credits)} credit(s), which means {fmt(expected)} notional "
            f"learning hours, but its activities and assessments state only {fmt(nlh)} hours.",
            f"Give each activity and assessment its hours so they add up to about {fmt(expected)}, e.g. "
            "12 hours of video lessons and 10 hours of project work.",
        )
    return fail(
        "credits",
        f"The design claims {fmt(design.credits)} credit(s), which means {fmt(expected)} "
        f"notional learning hours, but its activities and assessments add up to {fmt(nlh)} hours.",
        f"Either change the credits to match the hours (about {fmt(suggested)} credit(s) for "
        f"{fmt(nlh)} hours) or adjust the hours to about {fmt(expected)}; 1 credit is "
        f"{fmt(per_credit)} hours.",
    )


@check("N02", tolerance_credits=p.positive)
def contact_hours(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """N02: contact-hour estimate (15/30/45 h per credit by kind) within 0.5 credit of the claim."""
    if design.credits is None or design.credits <= 0:
        return _no_credits(design)
    estimate = ctx.contact_credits
    if abs(estimate - design.credits) <= params["tolerance_credits"] + 1e-9:
        return PASS
    groups: dict[float, list[str]] = {}
    for kind, hours in ctx.params["hours_per_credit"].items():
        groups.setdefault(hours, []).append(kind.replace("_", "-"))
    rates = "; ".join(f"{fmt(h)} h for {', '.join(k)}" for h, k in sorted(groups.items()))
    return fail(
        "activities",
        f"Counting scheduled hours at the UGC rates per credit ({rates}), the "
        f"activities are worth about {fmt(estimate)} credit(s), not the {fmt(design.credits)} claimed.",
        "Check the kind and hours of each activity, e.g. count a 30-hour lab as 1 credit and a "
        "15-hour lecture series as 1 credit.",
    )


@check("N03", step=p.positive)
def credit_step(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """N03: credits are a multiple of 0.5."""
    if design.credits is None or design.credits <= 0:
        return _no_credits(design)
    ratio = design.credits / params["step"]
    if abs(ratio - round(ratio)) < 1e-9:
        return PASS
    nearest = max(params["step"], round(ratio) * params["step"])
    return fail(
        "credits",
        f"{fmt(design.credits)} credits is not a multiple of {fmt(params['step'])}.",
        f"Round the credits to a multiple of {fmt(params['step'])}, e.g. {fmt(nearest)}.",
    )


@check("N04")
def credit_figures(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """N04 [info]: credit points, ECTS equivalent and SWAYAM quadrants (shown in figures)."""
    nlh = ctx.nlh_total
    ects = nlh / ctx.params["ects_hours_per_credit"]
    level = design.level.value if design.level else None
    points = design.credits * level if design.credits is not None and level is not None else None
    return CheckResult(
        Status.PASS,
        note=f"Credit points {fmt(points)}; ECTS equivalent {fmt(ects)} "
        f"({fmt(nlh / ctx.params['ects_hours_max'])} to {fmt(nlh / ctx.params['ects_hours_min'])}).",
    )


@check("N05")
def summative_present(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """N05: at least one summative assessment (credit is only given after assessment)."""
    if ctx.summative:
        return PASS
    path = "assessments" if not design.assessments else "assessments[0].purpose"
    return fail(
        path,
        "No assessment is summative, and credit can only be awarded after a graded assessment.",
        "Make at least one assessment summative, e.g. a capstone project worth 60% of the grade.",
    )


@check("N06")
def abc_ready(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """N06: ABC-ready: course code, institution's ABC id, credits, level and grading scheme."""
    body, grading, level = design.awarding_body, design.grading, design.level
    missing = [
        ("code", not design.code, "the course code", "e.g. MC-DMA-101"),
        (
            "awarding_body.abc_id" if body else "awarding_body",
            not (body and body.abc_id),
            "the institution's Academic Bank of Credits id",
            "e.g. ABC-ESOU-0001",
        ),
        ("credits", design.credits is None or design.credits <= 0, "the credits", "e.g. 2"),
        (
            "level.value" if level else "level",
            not (level and level.value is not None),
            "the level",
            "e.g. NCrF level 5",
        ),
        (
            "grading.scheme" if grading else "grading",
            not (grading and grading.scheme),
            "the grading scheme",
            "e.g. 'UGC 10-point letter grades'",
        ),
    ]
    return outcome_of(
        Issue(
            path,
            f"The design is not ready for the Academic Bank of Credits: {what} is missing.",
            f"Add {what}, {example}.",
        )
        for path, absent, what, example in missing
        if absent
    )


@check("N07")
def nsqf_evidence(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """N07 [NSQF only]: QP code, at least one NOS, and every NOS mapped to an outcome."""
    if not design.is_nsqf:
        return NSQF_ONLY
    nsqf = design.nsqf
    if nsqf is None:
        return fail(
            "nsqf",
            "The NSQF-aligned design gives no Qualification Pack or National Occupational Standards.",
            "Add the QP code and the NOS it covers, e.g. QP RAS/Q0104 with NOS RAS/N0137.",
        )
    issues = []
    if not nsqf.qp_code:
        issues.append(
            Issue(
                "nsqf.qp_code",
                "The Qualification Pack code is missing.",
                "Enter the QP code from the National Qualification Register, e.g. RAS/Q0104.",
            )
        )
    if not any(n.code for n in nsqf.nos):
        issues.append(
            Issue(
                "nsqf.nos",
                "No National Occupational Standard is listed.",
                "List the NOS the design covers, e.g. RAS/N0137.",
            )
        )
    mapped = {code for o in design.outcomes for code in o.nos}
    for nos in nsqf.nos:
        if nos.code and nos.code not in mapped:
            issues.append(
                Issue(
                    f"nsqf.nos[{nos.index}].code",
                    f"NOS {nos.code} is not mapped to any outcome.",
                    f"Add {nos.code} to the NOS list of the outcome that covers it.",
                )
            )
    return outcome_of(issues)


@check("N08", min_nlh=p.positive, max_nlh=p.positive)
def micro_size(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """N08: size is micro: NLH at least 15 and at most 600."""
    nlh, low, high = ctx.nlh_total, params["min_nlh"], params["max_nlh"]
    if low <= nlh <= high:
        return PASS
    per_credit = ctx.params["nlh_per_credit"]
    if nlh < low:
        return fail(
            "activities",
            f"The design has {fmt(nlh)} notional learning hours, less than the "
            f"{fmt(low)} hours ({fmt(low / per_credit)} credit) of the smallest micro-credential.",
            f"Add learning and assessment time to reach at least {fmt(low)} hours, or offer it as a "
            "module of a larger credential.",
        )
    return fail(
        "activities",
        f"The design has {fmt(nlh)} notional learning hours, more than the {fmt(high)} "
        f"hours ({fmt(high / per_credit)} credits) a micro-credential may have.",
        "Split it into smaller stackable micro-credentials, e.g. two of 300 hours each.",
    )
