"""A01-A06: constructive alignment of outcomes, activities, assessments and resources.

Facts: standards.md §6.1 (QM alignment standards 2.1, 3.1, 4.1, 5.1), §4.4 (ETF: document how
teaching, learning and assessment link to the outcomes), §1.1 (credit only after assessment),
§3.3 (NOS describe workplace performance, so they need performance evidence), §7.1 (Bloom levels;
A04 takes an ambiguous verb at its likely level in context, see rubrics.reading).
An item points at an outcome by listing the outcome's id in its ``outcomes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import params as p
from ..context import Context
from ..design import Assessment, Design, Outcome
from .base import (
    NSQF_ONLY,
    CheckResult,
    Issue,
    check,
    either,
    name,
    not_applicable,
    outcome_of,
    shared_not_applicable,
)

# Fixed "not applicable" results, shared by every design (see base.SHARED).
_NO_NOS = shared_not_applicable("No outcome is mapped to a National Occupational Standard (see N07).")
_NO_ASSESSMENTS = shared_not_applicable("The design has no assessments (see C06).")
_NO_OUTCOMES = shared_not_applicable("The design has no outcomes to align (see C03).")


def _unidentified(outcome: Outcome) -> Issue:
    label = name("Outcome", "", outcome.index)
    return Issue(
        f"outcomes[{outcome.index}].id",
        f"{label} has no id, so no activity or assessment can point at it.",
        f"Give it a short id, e.g. LO{outcome.index + 1}, and list that id where it is "
        "practised and assessed.",
    )


def _first_summative(ctx: Context) -> Assessment | None:
    return next((a for a in ctx.summative if a.id), None)


@check("A01")
def practised(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """A01: every outcome is practised by at least one activity."""
    if not design.outcomes:
        return _NO_OUTCOMES
    example = next((a for a in design.activities if a.id), None)
    target = f"e.g. to activity {example.id} '{example.title}'" if example else "e.g. a guided lab"
    issues = []
    for o in design.outcomes:
        if not o.id:
            issues.append(_unidentified(o))
        elif o.id not in ctx.activities_for:
            issues.append(
                Issue(
                    f"outcomes[{o.index}]",
                    f"Outcome {o.id} is not practised by any learning activity.",
                    f"Add {o.id} to the outcomes of an activity where learners practise it, {target}.",
                )
            )
    return outcome_of(issues)


@check("A02", formative_only_weight=p.weight)
def assessed_summatively(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """A02: every outcome is assessed by at least one summative assessment.

    An outcome with no assessment at all fails at the criterion's weight (essential). One assessed only
    formatively fails at `formative_only_weight` (essential in the default rubric, as checks.md says): a
    formative result is not certified by the credential. An institution that accepts formative evidence
    can lower the weight in its own rubric.
    """
    if not design.outcomes:
        return _NO_OUTCOMES
    example = _first_summative(ctx)
    target = f"e.g. to {example.id} '{example.title}'" if example else "e.g. to a graded project"
    issues = []
    for o in design.outcomes:
        if not o.id:
            issues.append(_unidentified(o))
        elif o.id not in ctx.summative_for:
            only = [a.id for a in ctx.assessments_for.get(o.id, ()) if a.id]
            why = f" (only by {', '.join(only)}, which is not graded)" if only else ""
            issues.append(
                Issue(
                    f"outcomes[{o.index}]",
                    f"Outcome {o.id} is not assessed by any summative "
                    f"assessment{why}, so the credential cannot show it was achieved.",
                    f"Add {o.id} to the outcomes of a summative assessment, {target}.",
                    params["formative_only_weight"] if only else None,
                )
            )
    return outcome_of(issues)


@check("A03")
def assessments_mapped(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """A03: every assessment maps to at least one (existing) outcome."""
    if not design.assessments:
        return _NO_ASSESSMENTS
    issues = []
    for a in design.assessments:
        if any(o in ctx.outcome_ids for o in a.outcomes):
            continue
        label = name("Assessment", a.id, a.index)
        unknown = ", ".join(a.outcomes)
        message = (
            f"{label} points only at outcomes that do not exist ({unknown})."
            if unknown
            else f"{label} does not assess any outcome."
        )
        example = next(iter(sorted(ctx.outcome_ids)), "LO1")
        issues.append(
            Issue(
                f"assessments[{a.index}].outcomes",
                message,
                f"List the outcomes it assesses by their ids, e.g. {example}.",
            )
        )
    return outcome_of(issues)


@check("A04", min_bloom=p.bloom_level, evidence_kinds=p.kinds(p.ASSESSMENT_KINDS))
def assessment_fits_level(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """A04: Evaluate/Create outcomes are assessed by a kind that can evidence them (not quizzes alone)."""
    lex, kinds = ctx.lexicon, params["evidence_kinds"]
    # The likely level in context, not the highest the verb could have (issue 10 family 6): an MCQ is
    # not condemned for "Determine the pH of a buffer", which it can test.
    high = [
        (o, a)
        for o, a in zip(design.outcomes, ctx.analyses, strict=True)
        if o.id and a.likely is not None and a.likely >= params["min_bloom"]
    ]
    if not high:
        return not_applicable(f"No outcome is at {lex.level_name(params['min_bloom'])} level or above.")
    issues = []
    for o, analysis in high:
        summative = ctx.summative_for.get(o.id, ())
        if not summative or any(a.kind in kinds for a in summative):
            continue  # unassessed outcomes are A02's finding
        used = ", ".join(
            f"{a.id or '#' + str(a.index + 1)} ({a.kind.replace('_', ' ') or 'no kind'})" for a in summative
        )
        issues.append(
            Issue(
                f"outcomes[{o.index}]",
                f"Outcome {o.id} is at {lex.level_name(analysis.likely)} level ('{analysis.verb}') but is "
                f"assessed only by {used}, which cannot show that level.",
                f"Assess it with a task where learners show their judgement or product ({either(kinds)}), "
                "e.g. a project "
                "whose brief asks for a justified recommendation.",
            )
        )
    return outcome_of(issues)


@check("A05")
def resourced(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """A05: every outcome has at least one resource."""
    if not design.outcomes:
        return _NO_OUTCOMES
    return outcome_of(
        Issue(
            f"outcomes[{o.index}]",
            f"Outcome {o.id} has no learning resource.",
            f"Add {o.id} to the outcomes of a resource that supports it, e.g. a reading, video or data set.",
        )
        for o in design.outcomes
        if o.id and o.id not in ctx.resources_for
    )


@check("A06", practical_kinds=p.kinds(p.ASSESSMENT_KINDS))
def nos_performance_evidence(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """A06 [NSQF only]: outcomes mapped to a NOS are assessed by a practical, project or portfolio."""
    if not design.is_nsqf:
        return NSQF_ONLY
    mapped = [o for o in design.outcomes if o.nos and o.id]
    if not mapped:
        return _NO_NOS
    kinds = params["practical_kinds"]
    allowed = either(kinds)
    return outcome_of(
        Issue(
            f"outcomes[{o.index}]",
            f"Outcome {o.id} is mapped to {', '.join(o.nos)} but is not assessed by a practical task, so "
            "workplace performance is not shown.",
            f"Add {o.id} to a summative {allowed} assessment, e.g. an observed practical at a partner "
            "workplace.",
        )
        for o in mapped
        if not any(a.kind in kinds for a in ctx.summative_for.get(o.id, ()))
    )
