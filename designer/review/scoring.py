"""The adapter between the pure scoring engine (`rubrics`) and the review workflow.

The workflow stores reports as plain JSON (Report.to_dict()) beside the rubric id and version, and
everything the pages show is read back from that JSON through the small views below, so a stored report
stays readable after the engine or the rubric changes.
"""

from dataclasses import dataclass, field

import rubrics


@dataclass(frozen=True)
class Scored:
    """A document scored with one rubric version, ready to store on a Submission."""

    rubric_id: str
    rubric_version: str
    report: dict
    score: float | None
    meets: bool
    manual_criteria: list[dict]


@dataclass(frozen=True)
class FindingView:
    criterion_id: str
    path: str
    message: str
    fix: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.criterion_id, self.path, self.message)


@dataclass(frozen=True)
class CriterionView:
    id: str
    title: str
    status: str
    weight: str
    findings: list[FindingView] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "fail"


def score(rubric, document: dict) -> Scored:
    """Run the engine on a document and keep what a submission must remember."""
    report = rubrics.evaluate(rubric, document).to_dict()
    return Scored(
        rubric_id=rubric.id,
        rubric_version=str(rubric.version),
        report=report,
        score=report.get("score"),
        meets=bool(report.get("meets")),
        manual_criteria=[m.to_dict() for m in rubric.manual],
    )


def criteria(report: dict) -> list[CriterionView]:
    """The automated criteria of a stored report, in report order."""
    views = []
    for item in report.get("criteria") or []:
        cid = str(item.get("id", ""))
        findings = [
            FindingView(cid, str(f.get("path", "")), str(f.get("message", "")), str(f.get("fix") or ""))
            for f in item.get("findings") or []
        ]
        views.append(
            CriterionView(
                cid,
                str(item.get("title", cid)),
                str(item.get("status", "")),
                str(item.get("weight", "")),
                findings,
            )
        )
    return views


@dataclass(frozen=True)
class CriterionMove:
    """How one criterion's status moved between two reports."""

    id: str
    title: str
    before: str
    after: str


@dataclass
class ReportDiff:
    score_before: float | None
    score_after: float | None
    meets_before: bool
    meets_after: bool
    moves: list[CriterionMove]
    resolved: list[FindingView]
    new: list[FindingView]

    @property
    def score_change(self) -> float | None:
        if self.score_before is None or self.score_after is None:
            return None
        return round(self.score_after - self.score_before, 1)


def compare_reports(before: dict, after: dict) -> ReportDiff:
    """Criterion status moves and resolved/new findings between two reports (findings matched by
    criterion, field path and message)."""
    old = {c.id: c for c in criteria(before)}
    new = {c.id: c for c in criteria(after)}
    moves = [
        CriterionMove(
            cid,
            (new.get(cid) or old[cid]).title,
            old[cid].status if cid in old else "(not checked)",
            new[cid].status if cid in new else "(not checked)",
        )
        for cid in list(old) + [k for k in new if k not in old]
        if (old.get(cid) and old[cid].status) != (new.get(cid) and new[cid].status)
    ]
    old_findings = {f.key: f for c in old.values() for f in c.findings}
    new_findings = {f.key: f for c in new.values() for f in c.findings}
    return ReportDiff(
        before.get("score"),
        after.get("score"),
        bool(before.get("meets")),
        bool(after.get("meets")),
        moves,
        [f for k, f in old_findings.items() if k not in new_findings],
        [f for k, f in new_findings.items() if k not in old_findings],
    )


@dataclass(frozen=True)
class ComparedReport:
    """The report one side of a history comparison uses, and where it comes from."""

    number: int  # the revision
    report: dict
    frozen_round: int | None  # the submission round whose frozen report it is; None: scored now
    rubric_id: str
    rubric_version: str


def history_reports(left, right, submitted: dict, rubric) -> tuple[ComparedReport, ComparedReport]:
    """The two revisions' reports for the history page.

    When both revisions were submitted (`submitted`: revision id -> its latest submission), the reports
    frozen then, as the review page compares them, so the same pair shows the same movement on both
    pages; otherwise both scored now with `rubric` (one frozen and one fresh report could be of
    different rubric versions, and their difference would not be the authors' doing).
    """
    sides = (left, right)
    frozen = [submitted.get(revision.id) for revision in sides]
    if all(frozen):
        return tuple(
            ComparedReport(r.number, s.report, s.round, s.rubric_id, s.rubric_version)
            for r, s in zip(sides, frozen, strict=True)
        )
    now = [score(rubric, r.document).report for r in sides]
    return tuple(
        ComparedReport(r.number, report, None, rubric.id, str(rubric.version))
        for r, report in zip(sides, now, strict=True)
    )
