"""The workload panel: notional learning hours by kind against the credits, from the rubric engine's figures.

The hours-per-credit and the tolerance come from the rubric (N01), so an institution that changes its
rubric file sees the panel follow.
"""

from collections.abc import Mapping

import rubrics
from designer.designs.vocabulary import ACTIVITY_KINDS, label


def workload_rows(nlh_by_kind: Mapping[str, float], nlh_assessments: float | None) -> list[dict]:
    """The workload table (kind, label, hours; most hours first, assessment as a kind of its own): the
    editor's panel and the printed syllabus both draw it from the engine's figures."""
    by_kind = dict(nlh_by_kind or {})
    if nlh_assessments:
        by_kind["assessment"] = nlh_assessments
    return [
        {"kind": k, "label": "Assessment" if k == "assessment" else label(ACTIVITY_KINDS, k), "hours": h}
        for k, h in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def workload(report: rubrics.Report, rubric: rubrics.Rubric) -> dict:
    """Hours by kind, total, target and whether they match, for the editor's panel."""
    figures = report.figures
    rows = workload_rows(figures.nlh_by_kind, figures.nlh_assessments)
    credits = figures.credits_claimed or 0
    n01 = report.result("N01")
    criterion = rubric.criterion("N01")
    tolerance = criterion.params.get("tolerance", 0.1) if criterion else 0.1
    return {
        "rows": rows,
        "total": figures.nlh_total,
        "credits": credits,
        "target": credits * figures.nlh_per_credit,
        "per_credit": figures.nlh_per_credit,
        "within": n01 is not None and n01.status.value == "pass",
        "tolerance": tolerance,
    }
