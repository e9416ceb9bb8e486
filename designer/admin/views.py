"""Admin pages for people and the admin audit log. Thin: forms in, services, then email once the request
committed (designer.transaction)."""

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from designer.admin import audit, bulk, people
from designer.admin.forms import BulkInviteForm, ConfirmForm, InviteForm, RolesForm
from designer.admin.mails import send_invitation
from designer.auth.services import AccountError
from designer.auth.views import role_required
from designer.extensions import db
from designer.inputs import page_number
from designer.models import Role, User
from designer.transaction import after_commit, attempt

bp = Blueprint("admin", __name__, url_prefix="/admin")
admin_only = role_required(Role.ADMIN)
AUDIT_PAGE = 100


def _person(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


@bp.get("/people")
@admin_only
def people_page():
    q = request.args.get("q", "").strip()[:200]
    query = sa.select(User).order_by(User.email)
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(
            sa.or_(sa.func.lower(User.email).like(pattern), sa.func.lower(User.name).like(pattern))
        )
    return render_template("admin/people.html", people=list(db.session.scalars(query)), q=q)


@bp.route("/people/invite", methods=["GET", "POST"])
@admin_only
def invite_page():
    form = InviteForm()
    if form.validate_on_submit() and (department := _managed_department(form)) is not None:
        with attempt(AccountError, field=form.email) as outcome:
            user, secret = people.invite(
                db.session,
                current_user,
                email=form.email.data,
                name=form.name.data,
                department=department,
                roles=form.roles.data,
                institution=current_user.institution,
            )
        if not outcome.refused:
            after_commit(send_invitation, user, secret, current_user)
            flash(f"Invitation sent to {user.email}.", "success")
            return redirect(url_for("admin.people_page"))
    return render_template("admin/invite.html", form=form), 400 if form.errors else 200


def _managed_department(form: InviteForm) -> str | None:
    """The department as the institution's list spells it ("" for none), or None with the field's message:
    the same rule as a bulk row."""
    with attempt(AccountError, field=form.department) as outcome:
        allowed = bulk.managed_departments(db.session, current_user.institution)
        department = bulk.department_of(form.department.data, allowed)
    return None if outcome.refused else department


@bp.route("/people/import", methods=["GET", "POST"])
@admin_only
def bulk_invite_page():
    form = BulkInviteForm()
    reports = None
    if form.validate_on_submit():
        with attempt(AccountError, field=form.file):
            text = bulk.decode(form.file.data.read())
            reports = bulk.bulk_invite(db.session, current_user, text, institution=current_user.institution)
            for report in reports:
                if report.ok:
                    after_commit(send_invitation, report.user, report.secret, current_user)
    status = 400 if form.errors else 200
    return render_template("admin/bulk_invite.html", form=form, reports=reports), status


@bp.route("/people/<int:user_id>", methods=["GET", "POST"])
@admin_only
def person_page(user_id: int):
    person = _person(user_id)
    form = RolesForm(data={"roles": sorted(person.roles)} if request.method == "GET" else None)
    if form.validate_on_submit():
        with attempt(AccountError, field=form.roles) as outcome:
            people.set_roles(db.session, current_user, person, form.roles.data)
        if not outcome.refused:
            flash(f"{person.email} now has the roles: {person.role}.", "success")
            return redirect(url_for("admin.person_page", user_id=person.id))
    return (
        render_template("admin/person.html", person=person, form=form, confirm=ConfirmForm()),
        400 if form.errors else 200,
    )


def _set_active(user_id: int, active: bool):
    person = _person(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with attempt(AccountError):
        people.set_active(db.session, current_user, person, active)
        flash(f"{person.email} is {'active again' if active else 'deactivated'}.", "success")
    return redirect(url_for("admin.person_page", user_id=person.id))


@bp.post("/people/<int:user_id>/deactivate")
@admin_only
def deactivate(user_id: int):
    return _set_active(user_id, False)


@bp.post("/people/<int:user_id>/reactivate")
@admin_only
def reactivate(user_id: int):
    return _set_active(user_id, True)


@bp.post("/people/<int:user_id>/invite-again")
@admin_only
def invite_again(user_id: int):
    person = _person(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with attempt(AccountError):
        user, secret = people.invite(
            db.session, current_user, email=person.email, roles=person.roles, institution=person.institution
        )
        after_commit(send_invitation, user, secret, current_user)
        flash(f"A new invitation was sent to {person.email}; earlier links no longer work.", "success")
    return redirect(url_for("admin.person_page", user_id=person.id))


@bp.get("/audit")
@admin_only
def audit_page():
    page = page_number(request.args.get("page"))
    total = audit.count(db.session)
    rows = audit.events(db.session, limit=AUDIT_PAGE, offset=(page - 1) * AUDIT_PAGE)
    return render_template("admin/audit.html", events=rows, page=page, total=total, per_page=AUDIT_PAGE)


@bp.get("/audit.csv")
@admin_only
def audit_csv():
    body = audit.events_csv(audit.events(db.session))
    name = current_app.config.get("INSTITUTION_SHORT_NAME", "admin")
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}-admin-audit.csv"'},
    )
