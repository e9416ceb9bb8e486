"""Scoring: run every criterion of a rubric on a design and build the report.

Scoring model (checks.md, after the Quality Matters pass rule): a criterion is worth the points of
its weight class (essential 3, important 2, advisory 1, info 0); not-applicable criteria leave the
denominator; score = points of passed applicable criteria / points of applicable criteria x 100;
a design meets the standard when every applicable essential criterion passes and the score
reaches the rubric's threshold.  With no applicable points at all the score is 0 and the design
does not meet the standard (there is nothing to approve it on).

Effective weight (how split criteria such as C03, O02, W01, C05 and C09 weigh): a failed criterion
weighs as much as its heaviest finding, and each finding weighs what its part of the check weighs
(from the rubric's parameters; by default the criterion's weight).  So a design with nine outcomes
fails C03 as an advisory criterion (1 point, does not block approval) while a design with none
fails it as essential.  A passing criterion weighs its rubric weight, or what the check says it
weighs for this design (C09 weighs essential on NSQF designs).  Info criteria never fail: their
findings are kept, at info severity, and they carry no points.

A check that raises does not crash the evaluation: its criterion fails with a finding naming the
error, because a half-typed draft must always get a report.
"""

from __future__ import annotations

from collections.abc import Mapping

from .checks import REGISTRY, CheckResult, Issue
from .checks.base import PASS, SHARED
from .context import Context
from .design import Design
from .enums import Status, WeightClass
from .figures import compute_figures
from .report import CriterionResult, Finding, Report
from .rubric import Criterion, Rubric

# Module constants for the per-criterion loop: an enum member read through its class costs an
# attribute lookup each time, and ``.value`` of an IntEnum is a property call; the loop runs 48
# times per design.
_PASS, _FAIL, _NOT_APPLICABLE = Status.PASS, Status.FAIL, Status.NOT_APPLICABLE
_INFO, _ESSENTIAL = WeightClass.INFO, WeightClass.ESSENTIAL
_POINTS = {w: w.value for w in WeightClass}


def _crashed(exc: Exception) -> CheckResult:
    detail = f" {exc}" if str(exc) else ""
    return CheckResult(
        Status.FAIL,
        (
            Issue(
                "",
                f"The check could not run: {type(exc).__name__}{detail}.",
                "Report this to the toolkit's maintainers with the design attached; the other criteria "
                "are unaffected.",
            ),
        ),
    )


def _judge(criterion: Criterion, result: CheckResult) -> CriterionResult:
    """The report entry for a check result other than the shared plain :data:`PASS`."""
    rubric_weight = criterion.weight
    status = result.status
    weight = rubric_weight if result.weight is None else result.weight
    findings: tuple[Finding, ...] = ()
    if rubric_weight is _INFO:
        weight = _INFO
        if status is _FAIL:
            status = _PASS  # info criteria are figures shown to people, never a verdict
        findings = tuple([Finding(i.path, i.message, i.fix, weight) for i in result.issues])
    elif result.issues:
        findings = tuple(
            [
                Finding(i.path, i.message, i.fix, weight if i.weight is None else i.weight)
                for i in result.issues
            ]
        )
        if status is _FAIL:
            weight = max([f.severity for f in findings])
    possible = 0 if status is _NOT_APPLICABLE else _POINTS[weight]
    return CriterionResult(
        criterion.id,
        criterion.title,
        criterion.area,
        weight,
        rubric_weight,
        status,
        possible if status is _PASS else 0,
        possible,
        criterion.source,
        result.note,
        findings,
    )


def _judge_shared(criterion: Criterion, result: CheckResult) -> CriterionResult:
    """The report entry for a shared check result: judged once per criterion, then reused."""
    known = criterion.shared_results
    entry = known.get(id(result))
    if entry is None:
        entry = known[id(result)] = _judge(criterion, result)
    return entry


def evaluate(rubric: Rubric, design: Mapping[str, object] | Design) -> Report:
    """Score a design (the schema's JSON object, however incomplete) against a rubric.

    Never raises for a bad design: missing or malformed parts simply fail their checks.

    Args:
        rubric: a rubric from :func:`rubrics.load_rubric` or :func:`rubrics.load_rubric_file`.
        design: the design as parsed JSON (a mapping), or an already parsed :class:`Design`.

    Returns:
        The :class:`Report` with score, verdict, per-criterion results and figures.
    """
    parsed = design if isinstance(design, Design) else Design.from_mapping(design)
    ctx = Context.build(parsed, rubric)
    # One pass over the criteria both runs the checks and totals the points: the plain PASS (most
    # criteria) skips building a result, and no second walk over the results is needed.
    results = []
    append = results.append
    earned = possible = 0
    essentials_pass = True
    registry = REGISTRY
    for criterion in rubric.criteria:
        try:
            outcome = registry[criterion.id].fn(parsed, criterion.params, ctx)
        except Exception as exc:  # noqa: BLE001 - a faulty check must not stop the report
            outcome = _crashed(exc)
        if outcome is PASS:  # most criteria: full points at the rubric weight, never an essential failure
            result = criterion.passed
            append(result)
            earned += result.points_earned
            possible += result.points_possible
            continue
        result = _judge_shared(criterion, outcome) if id(outcome) in SHARED else _judge(criterion, outcome)
        append(result)
        earned += result.points_earned
        possible += result.points_possible
        if result.status is _FAIL and result.weight is _ESSENTIAL:
            essentials_pass = False
    score = round(100 * earned / possible, 1) if possible else 0.0
    return Report(
        rubric_id=rubric.id,
        rubric_title=rubric.title,
        rubric_version=rubric.version,
        rubric_date=rubric.date,
        pass_threshold=rubric.pass_threshold,
        score=score,
        meets=bool(possible) and essentials_pass and score >= rubric.pass_threshold,
        points_earned=earned,
        points_possible=possible,
        criteria=tuple(results),
        manual=rubric.manual,
        figures=compute_figures(parsed, ctx),
    )
