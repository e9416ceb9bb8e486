"""The approval route at work: where a submission starts, who may review it at its stage, how many
reviews the stage needs, and passing an approved stage on to the next one.

Called from designer.review.services at four points (submit, the reviewer check, decide's review count,
decide's approval). With no stages stored for the institution every answer is today's single stage.
"""

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from designer.approval.models import ApprovalStage, stage_members
from designer.institution.models import InstitutionProfile
from designer.models import Design, Submission, User, utcnow
from designer.review import workflow
from designer.review.records import audit, close_submission, move_status

ADVANCED = workflow.Action.ADVANCE.value
# The position past submissions of a removed stage are given (route.remove_stage): it names no stage, so the
# approval record says "a stage since removed" instead of lending them the name of the stage moved up.
REMOVED_STAGE = 0


def route(session: Session, institution: str) -> list[ApprovalStage]:
    return list(
        session.scalars(
            sa.select(ApprovalStage)
            .where(ApprovalStage.institution == institution)
            .order_by(ApprovalStage.position)
        )
    )


def stage_of(session: Session, design: Design, submission: Submission) -> ApprovalStage | None:
    """The stored stage a submission is at, or None on the default route."""
    return session.scalar(
        sa.select(ApprovalStage).where(
            ApprovalStage.institution == design.institution, ApprovalStage.position == submission.stage
        )
    )


def _restart_at_asking_stage(session: Session, institution: str) -> bool:
    mode = session.scalar(
        sa.select(InstitutionProfile.changes_restart).where(InstitutionProfile.name == institution)
    )
    return mode == "asking"


def on_submit(session: Session, design: Design, submission: Submission) -> None:
    """Place a new submission at its starting stage: the first, or (if so configured) the stage whose
    committee asked for the changes this resubmission answers."""
    stages = route(session, design.institution)
    if not stages:
        return
    start = stages[0].position
    if _restart_at_asking_stage(session, design.institution):
        last = session.scalar(
            sa.select(Submission)
            .where(Submission.design_id == design.id, Submission.id != submission.id)
            .order_by(Submission.round.desc())
            .limit(1)
        )
        if last is not None and last.outcome == workflow.Action.REQUEST_CHANGES.value:
            start = next((s.position for s in stages if s.position == last.stage), start)
    submission.stage = start
    _fit_criteria(session, design, submission)
    session.flush()


def _fit_criteria(session: Session, design: Design, submission: Submission) -> None:
    """A stage that only decides asks its reviewers for no ratings; a scoring stage asks for the rubric's
    manual criteria as frozen with the revision's first round."""
    stage = stage_of(session, design, submission)
    if stage is not None and not stage.scores_manual:
        submission.manual_criteria = []
        return
    if not submission.manual_criteria:
        earlier = session.scalars(
            sa.select(Submission.manual_criteria).where(
                Submission.design_id == design.id, Submission.revision_id == submission.revision_id
            )
        )
        frozen = next((c for c in earlier if c), None)
        if frozen is None:  # the first rounds only decided: the institution's rubric as it is now
            from designer.checking.services import app_rubric

            frozen = [c.to_dict() for c in app_rubric(current_app.config, design.institution).manual]
        submission.manual_criteria = frozen


def refusal_for_reviewer(session: Session, actor: User, design: Design, submission: Submission | None) -> str:
    """Why `actor` may not review at the submission's stage ("" when they may): only its committee."""
    if submission is None:
        return ""
    stage = stage_of(session, design, submission)
    if stage is None:
        return ""
    member = session.scalar(
        sa.select(stage_members.c.user_id).where(
            stage_members.c.stage_id == stage.id, stage_members.c.user_id == actor.id
        )
    )
    if member is None:
        return f"This design is at the {stage.name} stage; only that committee's members review it now."
    return ""


def reviews_required(session: Session, design: Design, submission: Submission, default: int) -> int:
    stage = stage_of(session, design, submission)
    return stage.reviews_required if stage is not None else default


def next_stage(session: Session, design: Design, submission: Submission) -> ApprovalStage | None:
    return session.scalar(
        sa.select(ApprovalStage)
        .where(ApprovalStage.institution == design.institution, ApprovalStage.position > submission.stage)
        .order_by(ApprovalStage.position)
        .limit(1)
    )


def advance(
    session: Session, design: Design, actor: User, submission: Submission, nxt: ApprovalStage, comment: str
) -> Submission:
    """This stage approved: close its round and open the next stage's round on the same revision."""
    current = stage_of(session, design, submission)
    before, after = move_status(session, design, workflow.Action.ADVANCE)
    note = f"{current.name if current else 'Stage ' + str(submission.stage)} approved; next: {nxt.name}."
    close_submission(session, submission, actor, ADVANCED, comment)
    session.refresh(submission)
    audit(
        session,
        design,
        actor,
        ADVANCED,
        before,
        after,
        submission,
        submission.revision.number,
        (note + " " + comment).strip(),
    )
    following = Submission(
        design_id=design.id,
        revision_id=submission.revision_id,
        round=submission.round + 1,
        submitted_by_id=submission.submitted_by_id,
        submitted_at=utcnow(),
        rubric_id=submission.rubric_id,
        rubric_version=submission.rubric_version,
        report=submission.report,
        score=submission.score,
        meets=submission.meets,
        manual_criteria=list(submission.manual_criteria),
        decision_comment="",
        stage=nxt.position,
    )
    session.add(following)
    session.flush()
    _fit_criteria(session, design, following)
    session.flush()
    return following


def passed_message(session: Session, design: Design, following: Submission) -> str:
    """What the approving reviewer reads after a stage (not the last) approved: where it was approved and
    whose turn it is now, e.g. "Approved at Department committee; now with Board of Studies"."""
    previous = session.scalar(
        sa.select(Submission.stage).where(
            Submission.design_id == design.id, Submission.round == following.round - 1
        )
    )
    names = stage_names(session, design.institution)
    passed = names.get(previous, f"stage {previous}")
    return f"Approved at {passed}; now with {names.get(following.stage, f'stage {following.stage}')}."


def stage_names(session: Session, institution: str) -> dict[int, str]:
    return {s.position: s.name for s in route(session, institution)}
