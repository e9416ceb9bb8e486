"""Scoring an exported revision with the rubric engine, and turning its figures into printable rows.

Nothing here computes a figure: NLH, credit points, ECTS, Bloom levels, the alignment matrix and
the workload breakdown all come from `rubrics` (report["figures"], see rubrics/figures.py), so the
PDF prints what the committee scored. This module only formats them.
"""

from designer.checking.services import alignment_matrix
from designer.designs.workload import workload_rows
from designer.template_helpers import fmt_number


def syllabus_figures(report: dict | None, document: dict) -> dict:
    """Printable figures: identity numbers, Bloom level per outcome, alignment matrix, workload rows."""
    figures = (report or {}).get("figures") or {}
    if not figures:
        return {"nlh": "", "credit_points": "", "ects": "", "bloom": {},
                "matrix": alignment_matrix([], []), "workload": {"rows": []}}
    per_credit = figures.get("nlh_per_credit")  # the rubric's parameter, recorded in its report
    credits = figures.get("credits_claimed")
    low, high = figures.get("ects_range") or (None, None)
    return {
        "nlh": f"{_n(figures.get('nlh_total'))} hours ({_n(figures.get('nlh_activities'))} in activities, "
               f"{_n(figures.get('nlh_assessments'))} in assessment)",
        "credit_points": (f"{_n(figures['credit_points'])} (credits x level)"
                          if figures.get("credit_points") is not None else ""),
        "ects": f"{_n(figures.get('ects'))} ECTS (range {_n(low)}-{_n(high)})" if figures.get("ects") else "",
        "bloom": {o["id"]: _bloom(o) for o in figures.get("outcomes") or [] if o.get("id")},
        "matrix": _matrix(figures.get("alignment") or [], document),
        "workload": _workload(figures, credits, per_credit),
    }


def _bloom(outcome: dict) -> str:
    if outcome.get("level") is None:
        return "Not classified"
    text = f"{outcome.get('level_name', '')} ({outcome['level']})"
    if outcome.get("ambiguous") and outcome.get("highest_level") != outcome.get("level"):
        text += f" to {outcome.get('highest_level_name', '')} ({outcome.get('highest_level')})"
    return text


def _matrix(alignment: list[dict], document: dict) -> dict:
    """Outcome rows x assessment columns, in the design's assessment order."""
    order = [a.get("id", "") for a in document.get("assessments") or [] if a.get("id")]
    return alignment_matrix(alignment, order)


def _workload(figures: dict, credits, per_credit) -> dict:
    rows = [dict(row, hours=_n(row["hours"]))
            for row in workload_rows(figures.get("nlh_by_kind") or {}, figures.get("nlh_assessments"))]
    target = (f"{_n(credits * per_credit)} ({_n(credits)} credits x {_n(per_credit)})"
              if credits and per_credit else "")
    return {"rows": rows, "total": _n(figures.get("nlh_total")), "target": target}


def _n(value) -> str:
    return fmt_number(value, "-")
