"""The approval route page (admins) and the reviewer assignment page (stage chairs and admins)."""

from datetime import UTC, datetime, time

import sqlalchemy as sa
from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_login import current_user, login_required

from designer.admin.forms import ConfirmForm
from designer.approval import assignments, route, stages
from designer.approval.forms import AssignForm, RestartForm, StageForm
from designer.approval.models import ApprovalStage
from designer.auth.views import role_required
from designer.designs import permissions
from designer.extensions import db
from designer.institution.profile import get_profile
from designer.models import Design, Role, Submission, User
from designer.review import services
from designer.review.records import ReviewError
from designer.transaction import after_commit, attempt

bp = Blueprint("approval", __name__)
admin_only = role_required(Role.ADMIN)


def _stage(stage_id: int) -> ApprovalStage:
    stage = db.session.get(ApprovalStage, stage_id)
    if stage is None or stage.institution != current_user.institution:
        abort(404)
    return stage


def _values(form: StageForm) -> dict:
    return {
        "name": form.name.data,
        "reviews_required": form.reviews_required.data,
        "scores_manual": form.scores_manual.data,
        "member_ids": [int(m) for m in form.members.data if m.isdigit()],
        "chair_id": form.chair.data or None,
    }


@bp.route("/admin/approval-route", methods=["GET", "POST"])
@admin_only
def route_page():
    form = StageForm()
    form.set_people(route.committee_candidates(db.session, current_user.institution))
    if form.validate_on_submit():
        with attempt(route.RouteError, field=form.name) as outcome:
            route.add_stage(db.session, current_user, **_values(form))
        if not outcome.refused:
            flash(f"Added the stage {form.name.data}.", "success")
            return redirect(url_for("approval.route_page"))
    return _route_page(form, 400 if form.errors else 200)


def _route_page(form: StageForm, status: int, refused: dict[int, str] | None = None):
    """The route page; `refused` holds a refusal shown beside one stage's buttons (stage id -> message)."""
    profile = get_profile(db.session, current_user.institution)
    restart = RestartForm(data={"restart": profile.changes_restart})
    return render_template(
        "approval/route.html",
        form=form,
        restart=restart,
        confirm=ConfirmForm(),
        stages=stages.route(db.session, current_user.institution),
        refused=refused or {},
    ), status


@bp.route("/admin/approval-route/<int:stage_id>", methods=["GET", "POST"])
@admin_only
def stage_page(stage_id: int):
    stage = _stage(stage_id)
    form = StageForm(
        data={
            "name": stage.name,
            "reviews_required": stage.reviews_required,
            "scores_manual": stage.scores_manual,
            "members": [str(m.id) for m in stage.members],
            "chair": stage.chair_id or 0,
        }
    )
    form.set_people(route.committee_candidates(db.session, stage.institution))
    if form.validate_on_submit():
        with attempt(route.RouteError, field=form.name) as outcome:
            route.update_stage(db.session, current_user, stage, **_values(form))
        if not outcome.refused:
            flash(f"Saved the stage {stage.name}.", "success")
            return redirect(url_for("approval.route_page"))
    return render_template("approval/stage.html", form=form, stage=stage), 400 if form.errors else 200


@bp.post("/admin/approval-route/<int:stage_id>/remove")
@admin_only
def remove_stage(stage_id: int):
    stage = _stage(stage_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    name = stage.name
    with attempt(route.RouteError, say=False) as outcome:
        route.remove_stage(db.session, current_user, stage)
    if outcome.refused:  # said beside the stage's Remove button, the page otherwise as it was
        form = StageForm(formdata=None)
        form.set_people(route.committee_candidates(db.session, current_user.institution))
        return _route_page(form, 400, {stage_id: str(outcome.error)})
    flash(f"Removed the stage {name}.", "success")
    return redirect(url_for("approval.route_page"))


@bp.post("/admin/approval-route/<int:stage_id>/move/<direction>")
@admin_only
def move_stage(stage_id: int, direction: str):
    stage = _stage(stage_id)
    if direction not in ("up", "down"):
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    other = route.move_stage(db.session, current_user, stage, direction)
    if other is None:
        flash(f"{stage.name} is already the {'first' if direction == 'up' else 'last'} stage.", "info")
    else:
        flash(f"{stage.name} is now stage {stage.position}, before {other.name}."
              if direction == "up" else f"{stage.name} is now stage {stage.position}, after {other.name}.",
              "success")
    return redirect(url_for("approval.route_page") + "#route-caption")


@bp.post("/admin/approval-route/restart")
@admin_only
def restart():
    form = RestartForm()
    if not form.validate_on_submit():
        abort(400)
    route.set_restart(db.session, current_user, form.restart.data)
    flash("Saved where resubmissions start.", "success")
    return redirect(url_for("approval.route_page"))


@bp.route("/review/designs/<int:design_id>/assign", methods=["GET", "POST"])
@login_required
def assign_page(design_id: int):
    design = db.session.get(Design, design_id) or abort(404)
    submission = services.open_submission(db.session, design)
    if submission is None or not assignments.may_assign(db.session, current_user, design, submission):
        abort(403)
    people = assignments.candidates(db.session, design, submission)
    form = AssignForm()
    form.reviewer.choices = [(p.id, p.name) for p in people]
    if form.validate_on_submit():
        reviewer = db.session.get(User, form.reviewer.data)
        due = datetime.combine(form.due.data, time(23, 59), tzinfo=UTC)
        with attempt(ReviewError, field=form.due) as outcome:
            assignment = assignments.assign(db.session, current_user, design, submission, reviewer, due)
        if not outcome.refused:
            after_commit(assignments.email_assignment, assignment, design)
            flash(f"Asked {reviewer.name} to review by {due:%d %B %Y}.", "success")
            return redirect(url_for("approval.assign_page", design_id=design.id))
    stage = stages.stage_of(db.session, design, submission)
    current = [a for a, d in assignments.open_assignments(db.session) if a.submission_id == submission.id]
    return render_template(
        "approval/assign.html", form=form, design=design, stage=stage, assigned=current
    ), 400 if form.errors else 200


def _open_stage(design) -> ApprovalStage | None:
    """The stage of the design's open submission (one query, once per request and design)."""
    cache = g.setdefault("approval_open_stage", {})
    if design.id not in cache:
        cache[design.id] = db.session.scalar(
            sa.select(ApprovalStage).join(Submission, sa.and_(Submission.stage == ApprovalStage.position,
                                                              Submission.design_id == design.id,
                                                              Submission.outcome == "open"))
            .where(ApprovalStage.institution == design.institution))
    return cache[design.id]


@bp.app_context_processor
def inject_assignments() -> dict:
    def my_due_reviews():
        if not current_user.is_authenticated or not current_user.has_role(Role.REVIEWER):
            return []
        return assignments.my_due(db.session, current_user)

    def can_assign_reviewers(design) -> bool:
        if not current_user.is_authenticated:
            return False
        stage = _open_stage(design)
        return (current_user.has_role(Role.ADMIN) and not permissions.is_author(current_user, design)) or (
            stage is not None and stage.chair_id == current_user.id)

    def approval_stage_name(design) -> str:
        stage = _open_stage(design)
        return f"Stage {stage.position}: {stage.name}" if stage else ""

    return {"my_due_reviews": my_due_reviews, "can_assign_reviewers": can_assign_reviewers,
            "approval_stage_name": approval_stage_name}
