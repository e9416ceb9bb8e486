"""Admin pages of the institution profile and departments; the logo as an image anyone may load."""

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from designer.admin.forms import ConfirmForm
from designer.auth.services import AccountError
from designer.auth.views import role_required
from designer.extensions import db
from designer.institution import departments, rubric_store
from designer.institution import profile as profiles
from designer.institution.forms import DepartmentForm, ProfileForm
from designer.institution.logo import LogoError, check_logo
from designer.institution.models import InstitutionProfile
from designer.models import Role
from designer.sso.settings import settings
from designer.transaction import attempt

bp = Blueprint("institution", __name__)
admin_only = role_required(Role.ADMIN)


def _rubrics():
    return rubric_store.available(current_app.config)


@bp.route("/admin/institution", methods=["GET", "POST"])
@admin_only
def profile_page():
    profile = profiles.get_profile(db.session, current_user.institution)
    form = ProfileForm(data={key: getattr(profile, key) for key in profiles.EDITABLE})
    form.set_rubric_choices(_rubrics())
    if settings(current_app.config) is None:
        del form.password_login  # only single sign-on can replace passwords
    if form.validate_on_submit():
        logo = None
        if isinstance(form.logo.data, FileStorage) and form.logo.data:
            data = form.logo.data.read()
            try:
                logo = (data, check_logo(data))
            except LogoError as exc:
                form.logo.errors.append(str(exc))
        if not form.errors:
            values = {key: form[key].data for key in profiles.EDITABLE if key in form}
            values["approving_bodies"] = list(values["approving_bodies"] or [])
            changed = profiles.update_profile(db.session, current_user, profile, values, logo)
            flash(
                "Saved: " + ", ".join(form[c].label.text for c in changed) if changed else "Nothing changed.",
                "success",
            )
            return redirect(url_for("institution.profile_page"))
    stale = profiles.designs_with_old_values(db.session, profile)
    return render_template(
        "institution/profile.html", form=form, profile=profile, stale=stale, labels=PATH_LABELS
    ), 400 if form.errors else 200


PATH_LABELS = {
    "awarding_body.name": "Awarding body",
    "awarding_body.country": "Country",
    "awarding_body.region": "Region",
    "awarding_body.abc_id": "ABC id",
    "awarding_body.aishe_code": "AISHE code",
    "grading.scheme": "Grading scheme",
    "grading.pass_mark": "Pass mark",
    "quality_assurance.approving_body": "Approving body",
    "quality_assurance.process": "QA process",
    "quality_assurance.review_cycle_months": "Review cycle",
}


@bp.get("/institution/<int:profile_id>/logo")
def logo(profile_id: int):
    profile = db.session.get(InstitutionProfile, profile_id)
    if profile is None or not profile.logo:
        abort(404)
    # An SVG opened on its own must not run anything, whatever slipped past the upload check.
    return Response(
        profile.logo,
        mimetype=profile.logo_mime,
        headers={
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "max-age=300",
        },
    )


@bp.route("/admin/departments", methods=["GET", "POST"])
@admin_only
def departments_page():
    form = DepartmentForm()
    if form.validate_on_submit():
        with attempt(AccountError, field=form.name) as outcome:
            departments.add(db.session, current_user, form.name.data)
        if not outcome.refused:
            flash(f"Added {form.name.data}.", "success")
            return redirect(url_for("institution.departments_page"))
    rows = departments.listed(db.session, current_user.institution, include_retired=True)
    return render_template(
        "institution/departments.html", form=form, departments=rows, confirm=ConfirmForm()
    ), 400 if form.errors else 200


def _department(department_id: int):
    return departments.get(db.session, current_user, department_id) or abort(404)


@bp.route("/admin/departments/<int:department_id>", methods=["GET", "POST"])
@admin_only
def department_page(department_id: int):
    department = _department(department_id)
    form = DepartmentForm(obj=department)
    if form.validate_on_submit():
        with attempt(AccountError, field=form.name) as outcome:
            departments.rename(db.session, current_user, department, form.name.data)
        if not outcome.refused:
            flash(f"Renamed to {department.name}; designs and people of the department follow.", "success")
            return redirect(url_for("institution.departments_page"))
    return render_template(
        "institution/department.html", form=form, department=department, confirm=ConfirmForm()
    ), 400 if form.errors else 200


@bp.post("/admin/departments/<int:department_id>/<any(retire, restore):action>")
@admin_only
def department_state(department_id: int, action: str):
    department = _department(department_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    departments.set_active(db.session, current_user, department, action == "restore")
    flash(f"{department.name} is {'offered again' if department.active else 'retired'}.", "success")
    return redirect(url_for("institution.departments_page"))
