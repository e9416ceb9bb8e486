"""Admin pages of the rubrics: every rubric with its version and criteria, the default, uploads."""

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

import rubrics
from designer.admin.forms import ConfirmForm
from designer.auth.views import role_required
from designer.extensions import db
from designer.institution import rubric_store
from designer.institution.forms import RubricUploadForm
from designer.institution.models import RubricUpload
from designer.institution.profile import get_profile
from designer.models import Role
from designer.transaction import after_commit, attempt

bp = Blueprint("rubric_admin", __name__, url_prefix="/admin/rubrics")
admin_only = role_required(Role.ADMIN)


def _page(form, status=200):
    config = current_app.config
    try:
        listed, problem = rubric_store.available(config), ""
    except rubrics.RubricError as exc:  # a broken file in RUBRICS_DIR: say so rather than fail the page
        listed, problem = [], str(exc)
    return render_template(
        "institution/rubrics.html",
        rubrics=listed,
        problem=problem,
        form=form,
        default_id=rubric_store.default_rubric_id(config),
        confirm=ConfirmForm(),
        uploads=rubric_store.versions(db.session),
    ), status


@bp.route("", methods=["GET", "POST"])
@admin_only
def rubrics_page():
    form = RubricUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        with attempt(rubric_store.RubricUploadError, field=form.file) as outcome:
            rubric, source = rubric_store.check_upload(
                current_app.config, upload.read(), upload.filename or ""
            )
            rubric_store.store_upload(db.session, current_user, rubric, source)
        if not outcome.refused:
            after_commit(rubric_store.write_store, db.session, current_app.config)
            flash(f"Stored {rubric.title}, version {rubric.version}; it is in use from now on.", "success")
            return redirect(url_for("rubric_admin.rubric_page", rubric_id=rubric.id))
    return _page(form, 400 if form.errors else 200)


@bp.get("/<rubric_id>")
@admin_only
def rubric_page(rubric_id: str):
    try:
        rubric = rubrics.load_rubric(rubric_id, rubric_store.rubric_dirs(current_app.config))
    except rubrics.RubricError:
        abort(404)
    return render_template(
        "institution/rubric.html",
        rubric=rubric,
        confirm=ConfirmForm(),
        default_id=rubric_store.default_rubric_id(current_app.config),
        uploads=rubric_store.versions(db.session, rubric_id),
    )


@bp.post("/<rubric_id>/default")
@admin_only
def make_default(rubric_id: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    # Each institution's profile holds its own default (see rubric_store.default_rubric_id).
    profile = get_profile(db.session, current_user.institution)
    try:
        rubric_store.choose_default(db.session, current_user, profile, rubric_id)
    except rubrics.RubricError:
        abort(404)
    flash(f"{rubric_id} now scores every draft and new submission of {current_user.institution}.", "success")
    return redirect(url_for("rubric_admin.rubrics_page"))


@bp.get("/versions/<int:upload_id>.toml")
@admin_only
def download_version(upload_id: int):
    upload = db.session.get(RubricUpload, upload_id) or abort(404)
    name = f"{upload.rubric_id}-{upload.version}.toml"
    return Response(
        upload.source,
        mimetype="application/toml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
