"""The approved artefact of a design: what exports print and publish, read through one function.

Exports never query review's tables themselves: the approved revision, the report the committee
decided on (frozen at submission, with that day's rubric version), and the decision (who, when,
round, comment) come from `approved_artefact`, so a change in how decisions are stored stays here.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.models import Design, DesignRevision, Submission, User


@dataclass(frozen=True)
class Decision:
    """The committee's approving decision, as recorded by the review workflow."""

    decided_by: str
    decided_at: datetime
    round: int
    rubric_id: str
    rubric_version: str
    score: float | None
    meets: bool
    comment: str
    pass_threshold: float | None
    # Every stage's decision on this revision, in order (stage name, who, when, comment): one row on the
    # default single-stage route, one per stage on a multi-stage route.
    stages: tuple[tuple[str, str, datetime, str], ...] = ()


@dataclass(frozen=True)
class ApprovedArtefact:
    """The approved revision, the report it was approved on, and the decision.

    `report` and `decision` are None for a revision approved without a recorded committee decision
    (e.g. imported from an older system): exporters then score the revision now and say so.
    """

    design: Design
    revision: DesignRevision
    report: dict | None
    decision: Decision | None

    @property
    def approved_on(self) -> datetime | None:
        return self.decision.decided_at if self.decision else None


def approved_artefact(session: Session, design: Design) -> ApprovedArtefact | None:
    """The design's approved artefact, or None when it has no approved revision."""
    if design.approved_revision_id is None:
        return None
    revision = session.get(DesignRevision, design.approved_revision_id)
    if revision is None:
        return None
    submission = session.scalar(
        sa.select(Submission)
        .where(Submission.revision_id == revision.id, Submission.outcome == "approved")
        .order_by(Submission.closed_at.desc())
        .limit(1)
    )
    if submission is None:
        return ApprovedArtefact(design, revision, None, None)
    return ApprovedArtefact(design, revision, submission.report or None, _decision(session, submission))


def _decision(session: Session, submission: Submission) -> Decision:
    person = session.get(User, submission.closed_by_id) if submission.closed_by_id else None
    rubric = (submission.report or {}).get("rubric") or {}
    threshold = rubric.get("pass_threshold") if isinstance(rubric, dict) else None
    return Decision(
        decided_by=person.name if person else "a committee member whose account was removed",
        decided_at=submission.closed_at,
        round=submission.round,
        rubric_id=submission.rubric_id,
        rubric_version=submission.rubric_version,
        score=submission.score,
        meets=bool(submission.meets),
        comment=submission.decision_comment or "",
        pass_threshold=threshold,
        stages=_stage_decisions(session, submission),
    )


def _stage_decisions(session: Session, submission: Submission) -> tuple:
    """The approving round and the stage approvals just before it on the same revision (the route's chain)."""
    from designer.approval.stages import REMOVED_STAGE, stage_names

    names = stage_names(session, submission.design.institution)
    earlier = session.scalars(
        sa.select(Submission)
        .where(
            Submission.design_id == submission.design_id,
            Submission.revision_id == submission.revision_id,
            Submission.round < submission.round,
        )
        .order_by(Submission.round.desc())
    )
    chain = [submission]
    for previous in earlier:
        if previous.outcome != "stage_approved" or previous.round != chain[-1].round - 1:
            break
        chain.append(previous)
    rows = []
    for closed in reversed(chain):
        person = session.get(User, closed.closed_by_id) if closed.closed_by_id else None
        rows.append(
            (
                names.get(closed.stage, "A stage since removed" if closed.stage == REMOVED_STAGE
                          else "Quality committee"),
                person.name if person else "a removed account",
                closed.closed_at,
                closed.decision_comment or "",
            )
        )
    return tuple(rows)
