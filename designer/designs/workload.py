"""The workload panel: notional learning hours by kind against credits x 30."""

from designer.designs.vocabulary import ACTIVITY_KINDS, label

HOURS_PER_CREDIT = 30


def _number(value) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def workload(document: dict) -> dict:
    """Hours by kind, total, target and the gap, for the editor's panel."""
    by_kind: dict[str, float] = {}
    for activity in document.get("activities") or []:
        kind = activity.get("kind") or "unspecified"
        by_kind[kind] = by_kind.get(kind, 0.0) + _number(activity.get("hours"))
    assessment_hours = sum(_number(a.get("hours")) for a in document.get("assessments") or [])
    if assessment_hours:
        by_kind["assessment"] = assessment_hours
    total = sum(by_kind.values())
    credits = _number(document.get("credits"))
    target = credits * HOURS_PER_CREDIT
    rows = [{"kind": k, "label": label(ACTIVITY_KINDS, k) if k != "assessment" else "Assessment", "hours": h}
            for k, h in sorted(by_kind.items(), key=lambda kv: -kv[1])]
    return {"rows": rows, "total": total, "credits": credits, "target": target,
            "within": bool(target) and abs(total - target) <= 0.1 * target, "per_credit": HOURS_PER_CREDIT}
