"""The start page: "My tasks", by role (a person with several roles sees each part)."""

from datetime import UTC, datetime

from flask import Blueprint, current_app, render_template
from flask_login import current_user, login_required

from designer.designs import permissions
from designer.extensions import db
from designer.home import queries
from designer.models import Role

bp = Blueprint("home", __name__)


@bp.route("/tasks")
@login_required
def tasks():
    """What to do next: drafts to finish and comments to answer, reviews waiting, approved syllabi."""
    now = datetime.now(UTC)
    author = queries.author_tasks(db.session, current_user, current_app.config) \
        if permissions.can_create(current_user) else None
    reviews = queries.reviewer_tasks(db.session, current_user, current_app.config["REVIEW_DUE_DAYS"], now) \
        if current_user.has_role(Role.REVIEWER) else None
    organiser = queries.organiser_tasks(db.session, current_user) \
        if current_user.has_role(Role.ORGANISER) else None
    return render_template("home/tasks.html", author=author, reviews=reviews, organiser=organiser,
                           due_days=current_app.config["REVIEW_DUE_DAYS"])
