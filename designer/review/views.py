"""Author-side review pages: submit, withdraw, the review status, history with diffs, the audit log, and
notifications. The committee's pages are in committee_views.py (same blueprint).

Views are thin: check access, call one service, flash, redirect; the request commits once
(designer.transaction).
"""

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from designer.checking.services import app_rubric
from designer.designs import permissions
from designer.designs.compare import describe, diff_documents
from designer.designs.editor import form_for
from designer.designs.forms import EmptyForm
from designer.designs.services import get_revision, latest_revision
from designer.designs.views import duplicate_code_notice
from designer.extensions import db
from designer.institution.display import local_date
from designer.models import Design, EmailPreference
from designer.review import notifications, queries, revising, scoring, services, visibility, workflow
from designer.review.forms import CompareForm, NotificationSettingsForm, SubmitForm, WithdrawForm
from designer.review.problems import plain_problems
from designer.transaction import attempt

bp = Blueprint("review", __name__)


def load_design(design_id: int, allowed) -> Design:
    """The design, 404 if missing (or deleted: 403 then), 403 unless `allowed(user, design)`."""
    design = db.get_or_404(Design, design_id)
    if design.deleted_at is not None or not allowed(current_user, design):
        abort(403)
    return design


def _back(design: Design):
    return redirect(url_for("designs.show", design_id=design.id), 303)


@bp.post("/designs/<int:design_id>/submit")
@login_required
def submit(design_id: int):
    """Submit the latest revision to the committee (the design must be complete)."""
    design = load_design(design_id, permissions.can_submit)
    form = SubmitForm()
    if not form.validate():
        abort(400)
    base = int(form.base_revision.data) if (form.base_revision.data or "").isdigit() else None
    with attempt(services.ReviewError, say=False) as outcome:
        services.submit(
            db.session,
            design,
            current_user,
            app_rubric(current_app.config, design.institution),
            base_revision=base,
            comment=form.comment.data or "",
        )
    if isinstance(outcome.error, services.IncompleteDesign):
        latest = latest_revision(db.session, design)
        editor = form_for(latest.document, base_revision=latest.number, department=design.department)
        return render_template("review/incomplete.html", design=design,
                               problems=plain_problems(outcome.error.problems, editor)), 400
    if outcome.refused:
        flash(str(outcome.error), "error")
        return _back(design)
    flash(
        "Submitted. The committee will review this revision; you will be notified of their decision.",
        "success",
    )
    duplicate = duplicate_code_notice(design)
    if duplicate:
        flash(duplicate, "warning")
    return _back(design)


@bp.post("/designs/<int:design_id>/withdraw")
@login_required
def withdraw(design_id: int):
    """Take the submission back to draft."""
    design = load_design(design_id, permissions.can_submit)
    form = WithdrawForm()
    if not form.validate():
        abort(400)
    with attempt(services.ReviewError):
        services.withdraw(db.session, design, current_user, form.comment.data or "")
        flash("Withdrawn: the design is a draft again and can be edited.", "success")
    return _back(design)


@bp.get("/designs/<int:design_id>/review-status")
@login_required
def status(design_id: int):
    """The author's view: status, the committee's comments per criterion, the required changes."""
    design = load_design(design_id, permissions.can_view_review)
    rounds = queries.submissions_of(db.session, design)
    return render_template(
        "review/status.html",
        design=design,
        rounds=rounds,
        hidden=visibility.hidden_submission_ids(current_user, design, rounds),
        feedback=queries.feedback,
        criteria=scoring.criteria,
        rating_label=queries.rating_label,
        events=visibility.visible_audit_trail(db.session, design, current_user),
        show_notes=permissions.can_see_committee_notes(current_user, design),
        can_edit=permissions.can_edit(current_user, design),
    )


@bp.get("/designs/<int:design_id>/history")
@login_required
def history(design_id: int):
    """Every revision, and a field-level diff with score movement between any two of them."""
    design = load_design(design_id, permissions.can_view_review)
    revisions = queries.revisions_of(db.session, design)
    form = CompareForm(request.args)
    options = [(str(r.number), f"Revision {r.number} ({local_date(r.created_at)})") for r in revisions]
    form.left.choices = form.right.choices = options
    pair = queries.default_pair(db.session, design)
    if request.args.get("left") and request.args.get("right") and form.validate():
        pair = (int(form.left.data), int(form.right.data))
    elif pair:
        form.left.data, form.right.data = str(pair[0]), str(pair[1])
    rounds = queries.submissions_of(db.session, design, details=False)
    marks = {}
    for submission in rounds:  # newest first: a revision shows its last round
        marks.setdefault(submission.revision_id, submission)
    comparison = None
    if pair:
        left, right = get_revision(db.session, design, pair[0]), get_revision(db.session, design, pair[1])
        reports = scoring.history_reports(left, right, marks,
                                          app_rubric(current_app.config, design.institution))
        comparison = {
            "left": left,
            "right": right,
            "changes": diff_documents(left.document, right.document),
            "report": scoring.compare_reports(reports[0].report, reports[1].report),
            "sources": reports,
        }
    reviewed = next((s.revision for s in rounds if s.outcome in queries.DECIDED), None)
    return render_template(
        "review/history.html",
        design=design,
        revisions=revisions,
        form=form,
        comparison=comparison,
        reviewed=reviewed,
        marks=marks,
    ), 400 if form.errors else 200


@bp.get("/designs/<int:design_id>/audit.csv")
@login_required
def audit_csv(design_id: int):
    """Download the audit trail as CSV."""
    design = load_design(design_id, permissions.can_view_review)
    body = queries.audit_csv(visibility.visible_audit_trail(db.session, design, current_user))
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="design-{design.id}-audit.csv"'},
    )


@bp.get("/notifications")
@login_required
def notifications_page():
    """My notifications, newest first. Reading them changes nothing (a GET may be prefetched, crawled
    or opened by a link elsewhere); the "Mark all as read" button posts."""
    items = notifications.recent(db.session, current_user)
    unread = {n.id for n in items if n.read_at is None}
    return render_template("review/notifications.html", items=items, unread_ids=unread, form=EmptyForm(),
                           target=notifications.target)


@bp.post("/notifications/read")
@login_required
def notifications_read():
    """Mark every notification of mine as read."""
    if not EmptyForm().validate():
        abort(400)
    notifications.mark_all_read(db.session, current_user)
    return redirect(url_for("review.notifications_page"), 303)


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def notification_settings():
    """Choose immediate email, a daily digest or no email."""
    form = NotificationSettingsForm(email_preference=current_user.email_preference)
    if form.validate_on_submit():
        notifications.set_preference(db.session, current_user, form.email_preference.data)
        flash("Saved: " + EmailPreference(form.email_preference.data).label.lower() + ".", "success")
        return redirect(url_for("review.notification_settings"), 303)
    status = 400 if form.errors else 200
    return render_template("review/notification_settings.html", form=form), status


def review_panel(design: Design) -> dict:
    """What the design page shows about the review: status actions, latest round, audit trail.

    Built once per request: the page's actions and its review log both ask for it.
    """
    built = g.setdefault("review_panels", {})
    if design.id not in built:
        built[design.id] = _review_panel(design)
    return built[design.id]


def _review_panel(design: Design) -> dict:
    user = current_user
    can_trail = permissions.can_view_review(user, design)
    rounds = queries.submissions_of(db.session, design, details=False) if can_trail else None
    open_submission = (
        next((s for s in rounds if s.outcome == "open"), None)
        if rounds is not None
        else services.open_submission(db.session, design)
    )
    return {
        "can_trail": can_trail,
        "can_submit": permissions.can_submit(user, design)
        and workflow.target(workflow.Action.SUBMIT, design.status_enum) is not None,
        "can_withdraw": permissions.can_submit(user, design)
        and workflow.target(workflow.Action.WITHDRAW, design.status_enum) is not None,
        "can_review": permissions.can_review(user, design) and open_submission is not None,
        "submission": open_submission,
        # The column is the latest revision's number (kept by the save's compare-and-set).
        "submit_form": SubmitForm(base_revision=design.latest_revision),
        "withdraw_form": WithdrawForm(),
        "events": visibility.visible_audit_trail(db.session, design, user, rounds) if can_trail else [],
    }


@bp.app_context_processor
def inject_helpers() -> dict:
    def unread_notifications() -> int:
        return notifications.unread_count(db.session, current_user) if current_user.is_authenticated else 0

    return {
        "review_panel": review_panel,
        "unread_notifications": unread_notifications,
        "describe_document": describe,
        # The editor shows them while revising (designs/edit.html asks; designs never imports review).
        "committee_comments": lambda design: revising.committee_comments(db.session, design),
    }


from designer.review import committee_views  # noqa: E402,F401  (registers the committee routes on bp)
