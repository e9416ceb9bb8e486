"""The workflow's building blocks: user-facing errors, the compare-and-set status change, closing a
submission, the audit row, and rating validation. services.py composes them into the workflow steps."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.designs.validation import Problem
from designer.models import AuditEvent, Design, Status, Submission, User, utcnow
from designer.review import workflow
from designer.review.workflow import Action

RATINGS = {3: "Met", 2: "Partly met", 1: "Not met"}
COMMENT_MAX = 4000


class ReviewError(Exception):
    """A user-facing reason why a workflow step was refused; nothing was changed."""


class TransitionRefused(ReviewError):
    """The transition table (or a concurrent change) does not allow this step now."""


class IncompleteDesign(ReviewError):
    """Submission needs a schema-complete design; `problems` says what is missing."""

    def __init__(self, problems: list[Problem]):
        super().__init__(
            f"The design is not complete yet: {len(problems)} problem(s) to fix before submitting."
        )
        self.problems = problems


class ReviewInvalid(ReviewError):
    """Field-level problems with a review or decision: {field name: message}."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def move_status(
    session: Session, design: Design, action: Action, *, values: dict | None = None, where: list | None = None
) -> tuple[Status, Status]:
    """Compare-and-set the status: one UPDATE that only matches while the status is still the expected one."""
    current = design.status_enum
    to = workflow.target(action, current)
    if to is None:
        raise TransitionRefused(workflow.refusal(action, current))
    changes = {"status": to.value, "updated_at": utcnow()} | (values or {})
    result = session.execute(
        sa.update(Design)
        .where(Design.id == design.id, Design.status == current.value, *(where or []))
        .values(**changes)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.refresh(design)
        if design.status_enum != current:
            raise TransitionRefused(
                f"Someone else changed this design meanwhile (it is now "
                f"{design.status_enum.label.lower()}). " + workflow.refusal(action, design.status_enum)
            )
        raise TransitionRefused(
            "The design was saved again while you were submitting it; reload and try again. "
            "Nothing was changed."
        )
    session.expire(
        design, list(changes) + (["approved_revision"] if "approved_revision_id" in changes else [])
    )
    return current, to


def hold_status(session: Session, design: Design, status: Status) -> None:
    """Write-lock the design row while checking it is still `status`, so a concurrent decision cannot slip
    between our check and our write (it waits for us, or we see its result)."""
    result = session.execute(
        sa.update(Design)
        .where(Design.id == design.id, Design.status == status.value)
        .values(status=status.value)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.refresh(design)
        raise TransitionRefused(workflow.refusal(Action.APPROVE, design.status_enum))


def close_submission(
    session: Session, submission: Submission, actor: User, outcome: str, comment: str
) -> None:
    """Close an open submission (compare-and-set on its outcome), recording who and why."""
    result = session.execute(
        sa.update(Submission)
        .where(Submission.id == submission.id, Submission.outcome == "open")
        .values(outcome=outcome, closed_at=utcnow(), closed_by_id=actor.id, decision_comment=comment or "")
        .execution_options(synchronize_session=False)
    )
    if (
        result.rowcount != 1
    ):  # cannot happen while the design's status CAS holds; refuse rather than double-close
        raise TransitionRefused("This submission was already closed. Nothing was changed.")
    session.expire(submission)


def audit(
    session: Session,
    design: Design,
    actor: User,
    action: str,
    before: Status,
    after: Status,
    submission: Submission | None,
    revision_number: int | None,
    comment: str = "",
) -> AuditEvent:
    """Append one audit row (the actor's name is copied so the trail survives account changes)."""
    event = AuditEvent(
        design_id=design.id,
        submission_id=submission.id if submission else None,
        actor_id=actor.id,
        actor_name=actor.name,
        action=action,
        from_status=before.value,
        to_status=after.value,
        revision_number=revision_number,
        comment=comment or "",
        created_at=utcnow(),
    )
    session.add(event)
    session.flush()
    return event


def rating_errors(submission: Submission, ratings: dict, private_note: str,
                  finding_comments: dict | None = None) -> dict[str, str]:
    """Field-level problems of a review: {form field name: message}; empty when it can be stored."""
    errors = {}
    failed = set(failed_checks(submission))
    for cid, comment in (finding_comments or {}).items():
        if cid not in failed:
            errors[f"finding_{cid}"] = f"{cid} is not a failed check of this submission's report."
        elif len(comment or "") > COMMENT_MAX:
            errors[f"finding_{cid}"] = f"{cid}: keep the comment under {COMMENT_MAX} characters."
    known = {c["id"]: c["title"] for c in submission.manual_criteria}
    for cid, title in known.items():
        rating, comment = ratings.get(cid, (None, ""))
        if _as_int(rating) not in RATINGS:
            errors[f"rating_{cid}"] = f"{title}: choose met, partly met or not met."
        elif len(comment or "") > COMMENT_MAX:
            errors[f"comment_{cid}"] = f"{title}: keep the comment under {COMMENT_MAX} characters."
    for cid in ratings:
        if cid not in known:
            errors[f"rating_{cid}"] = f"{cid} is not a criterion of this submission's rubric."
    if len(private_note or "") > COMMENT_MAX:
        errors["private_note"] = f"Keep the committee note under {COMMENT_MAX} characters."
    return errors


def failed_checks(submission: Submission) -> dict[str, str]:
    """{check id: title} of the checks the frozen report failed: the ones reviewers may comment on."""
    criteria = (submission.report or {}).get("criteria") or []
    return {str(c.get("id")): str(c.get("title", c.get("id"))) for c in criteria if c.get("status") == "fail"}


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
