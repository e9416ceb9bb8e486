"""Editing an institution's approval route (admins): stages in order, each with its committee, chair,
number of reviews and whether it scores the manual criteria. Every change is an admin audit event."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.admin import audit
from designer.approval.models import ApprovalStage
from designer.approval.stages import REMOVED_STAGE
from designer.auth.services import AccountError
from designer.institution.profile import get_profile
from designer.models import Design, Role, Submission, User
from designer.review import workflow

RESTART_MODES = ("first", "asking")


class RouteError(AccountError):
    """Why the route cannot be changed like that (shown beside the form)."""


def committee_candidates(session: Session, institution: str) -> list[User]:
    """Active reviewers of the institution: who may sit on a stage's committee."""
    people = session.scalars(
        sa.select(User).where(User.institution == institution, User.active.is_(True)).order_by(User.name)
    )
    return [p for p in people if p.has_role(Role.REVIEWER)]


def _members(session: Session, institution: str, member_ids, chair_id) -> tuple[list[User], User | None]:
    candidates = {u.id: u for u in committee_candidates(session, institution)}
    members = [candidates[i] for i in member_ids if i in candidates]
    if len(members) != len(set(member_ids)):
        raise RouteError("Committee members must be active reviewers of the institution.")
    if not members:
        raise RouteError("A stage needs at least one committee member.")
    chair = candidates.get(chair_id) if chair_id else None
    if chair_id and chair not in members:
        raise RouteError("The chair must be one of the stage's committee members.")
    return members, chair


def _check(name: str, reviews_required: int, members: list[User]) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise RouteError("Name the stage, e.g. Board of Studies.")
    if not 1 <= reviews_required <= len(members):
        raise RouteError(
            f"The stage needs between 1 and {len(members)} reviews (its committee has "
            f"{len(members)} member{'s' if len(members) != 1 else ''})."
        )
    return name


def add_stage(
    session: Session,
    actor: User,
    *,
    name: str,
    reviews_required: int,
    scores_manual: bool,
    member_ids,
    chair_id: int | None,
) -> ApprovalStage:
    """Append a stage at the end of the actor's institution's route."""
    members, chair = _members(session, actor.institution, member_ids, chair_id)
    name = _check(name, reviews_required, members)
    last = (
        session.scalar(
            sa.select(sa.func.max(ApprovalStage.position)).where(
                ApprovalStage.institution == actor.institution
            )
        )
        or 0
    )
    stage = ApprovalStage(
        institution=actor.institution,
        position=last + 1,
        name=name,
        reviews_required=reviews_required,
        scores_manual=scores_manual,
        chair=chair,
        members=members,
    )
    session.add(stage)
    session.flush()
    audit.record(session, actor, "add approval stage", name, _describe(stage))
    return stage


def update_stage(
    session: Session,
    actor: User,
    stage: ApprovalStage,
    *,
    name: str,
    reviews_required: int,
    scores_manual: bool,
    member_ids,
    chair_id: int | None,
) -> None:
    members, chair = _members(session, stage.institution, member_ids, chair_id)
    stage.name = _check(name, reviews_required, members)
    stage.reviews_required, stage.scores_manual = reviews_required, scores_manual
    stage.members, stage.chair = members, chair
    session.flush()
    audit.record(session, actor, "change approval stage", stage.name, _describe(stage))


def _open_at(session: Session, institution: str, position: int) -> int:
    return session.scalar(
        sa.select(sa.func.count())
        .select_from(Submission)
        .join(Design)
        .where(
            Design.institution == institution,
            Submission.outcome == "open",
            Submission.stage == position,
            Design.status.in_([s.value for s in workflow.WAITING]),
        )
    )


def remove_stage(session: Session, actor: User, stage: ApprovalStage) -> None:
    """Remove a stage no design is waiting at (refused while one is: the admin decides where it goes, not
    this page); later stages move up one place and every submission of the institution's designs, open
    or closed, follows its stage, so a design waiting at a later stage stays there and past decisions
    keep their stage's name. Past decisions at the removed stage move to REMOVED_STAGE."""
    waiting = _open_at(session, stage.institution, stage.position)
    if waiting:
        raise RouteError(
            f"{waiting} design{'s are' if waiting != 1 else ' is'} waiting at the {stage.name} stage; "
            "remove it when they have moved on."
        )
    later = list(
        session.scalars(
            sa.select(ApprovalStage)
            .where(ApprovalStage.institution == stage.institution, ApprovalStage.position > stage.position)
            .order_by(ApprovalStage.position)
        )
    )
    institution, removed, name = stage.institution, stage.position, stage.name
    session.delete(stage)
    session.flush()
    past = _renumber(session, institution, {s: s.position - 1 for s in later}, {removed: REMOVED_STAGE})
    audit.record(session, actor, "remove approval stage", name,
                 f"was stage {removed}; {len(later)} later stage(s) moved up one place; "
                 f"{past} submission(s) renumbered")


def move_stage(session: Session, actor: User, stage: ApprovalStage, direction: str) -> ApprovalStage | None:
    """Swap the stage with its neighbour above ("up") or below ("down"); None when it is already first or
    last. Submissions (open and closed) follow their stage, so a design waiting at the Board of Studies is
    still there and past decisions keep their stage's name."""
    if direction not in ("up", "down"):
        raise RouteError("Move a stage up or down.")
    up = direction == "up"
    order = ApprovalStage.position.desc() if up else ApprovalStage.position
    beyond = ApprovalStage.position < stage.position if up else ApprovalStage.position > stage.position
    other = session.scalar(
        sa.select(ApprovalStage)
        .where(ApprovalStage.institution == stage.institution, beyond)
        .order_by(order)
        .limit(1)
    )
    if other is None:
        return None
    mine, theirs = stage.position, other.position
    _renumber(session, stage.institution, {stage: theirs, other: mine})
    audit.record(session, actor, "move approval stage", stage.name,
                 f"{direction} from stage {mine} to {theirs}; {other.name} is now stage {mine}")
    return other


def _renumber(
    session: Session, institution: str, moves: dict[ApprovalStage, int], vacated: dict[int, int] | None = None
) -> int:
    """Give stages new positions, carrying every submission of the institution's designs along (a
    submission names its stage by position), and move the submissions of a removed stage (`vacated`, old
    position -> new). Through a free position, so the unique (institution, position) holds at every step.
    Returns how many submissions were renumbered."""
    remap = {s.position: p for s, p in moves.items()} | (vacated or {})
    if not remap:
        return 0
    designs = sa.select(Design.id).where(Design.institution == institution).scalar_subquery()
    renumbered = session.execute(
        sa.update(Submission)
        .where(Submission.design_id.in_(designs), Submission.stage.in_(list(remap)))
        .values(stage=sa.case(remap, value=Submission.stage))
        .execution_options(synchronize_session=False)
    ).rowcount
    if moves:
        parked = -1 - max(abs(p) for p in [*moves.values(), *(s.position for s in moves)])
        for i, s in enumerate(moves):
            s.position = parked - i
            session.flush()
        for s, position in moves.items():
            s.position = position
            session.flush()
    session.expire_all()
    return renumbered


def set_restart(session: Session, actor: User, mode: str) -> None:
    if mode not in RESTART_MODES:
        raise RouteError("Choose the first stage or the stage that asked.")
    profile = get_profile(session, actor.institution)
    if profile.changes_restart == mode:
        return
    profile.changes_restart = mode
    session.add(profile)
    session.flush()
    audit.record(session, actor, "change approval restart", mode)


def _describe(stage: ApprovalStage) -> str:
    return (
        f"stage {stage.position}; {stage.reviews_required} review(s); "
        f"{'scores manual criteria' if stage.scores_manual else 'decides only'}; "
        f"committee: {', '.join(m.email for m in stage.members)}; "
        f"chair: {stage.chair.email if stage.chair else 'none'}"
    )
