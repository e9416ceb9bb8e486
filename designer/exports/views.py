"""Exports pages: syllabus PDF, draft preview, Open Badges JSON, the approved catalogue and packs.

Views are thin: permission, call a service, respond; the request commits once (designer.transaction).
"""

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user, login_required

from designer.designs import permissions
from designer.exports import catalogue, formats, jobs, public, syllabus
from designer.exports.badge_image import badge_png, badge_svg
from designer.exports.forms import CatalogueFilterForm, PackForm, form_errors
from designer.exports.models import PackJob, PackStatus
from designer.exports.packs import PackError
from designer.extensions import db
from designer.models import Design, Role
from designer.transaction import attempt

bp = Blueprint("exports", __name__)
PACK_ROLES = (Role.ORGANISER, Role.REVIEWER, Role.ADMIN)


def _design(design_id: int, *, approved: bool) -> Design:
    """The design if the user may export it (approved) or preview its working copy; else 403."""
    design = db.get_or_404(Design, design_id)
    # The draft preview shows the working copy: only for people who may see work in progress
    # (organisers and outsiders see the approved revision only).
    allowed = permissions.can_view_approved if approved else permissions.sees_working_copy
    if not allowed(current_user, design):
        if approved and design.approved_revision_id is None and permissions.can_view(current_user, design):
            raise syllabus.NotApproved(design)
        abort(403)
    return design


@bp.errorhandler(syllabus.NotApproved)
def not_approved(error: syllabus.NotApproved):
    """Exporting a design that has no approved revision: explain on the design page."""
    flash(str(error), "error")
    return redirect(url_for("designs.show", design_id=error.design_id))


def _pdf(data: bytes, filename: str, *, inline: bool = True) -> Response:
    disposition = "inline" if inline else "attachment"
    return Response(data, mimetype="application/pdf",
                    headers={"Content-Disposition": f'{disposition}; filename="{filename}"'})


@bp.get("/designs/<int:design_id>/syllabus.pdf")
@login_required
def syllabus_pdf(design_id: int):
    """The approved syllabus (rendered once per revision, then from the cache)."""
    design = _design(design_id, approved=True)
    data = syllabus.approved_pdf(db.session, design, current_app.config)
    revision = syllabus.approved_revision(db.session, design)
    return _pdf(data, syllabus.pdf_filename(design, revision))


@bp.get("/designs/<int:design_id>/preview.pdf")
@login_required
def preview_pdf(design_id: int):
    """The working copy as a PDF with a "DRAFT - not approved" watermark."""
    design = _design(design_id, approved=False)
    data = syllabus.preview_pdf(db.session, design, current_app.config)
    return _pdf(data, f"design-{design.id}-r{design.latest_revision}-draft.pdf")


@bp.get("/designs/<int:design_id>/badge.json")
@login_required
def badge_json(design_id: int):
    """The approved revision as an Open Badges 3.0 Achievement."""
    return export_download(design_id, "ob3")


@bp.get("/designs/<int:design_id>/export/<fmt>")
@login_required
def export_file(design_id: int, fmt: str):
    """The approved revision in one of the credential formats (ob3, ob3-credential, ctdl, elm)."""
    if fmt not in formats.FORMATS or fmt.startswith("pdf"):
        abort(404)
    return export_download(design_id, fmt)


def export_download(design_id: int, fmt: str, *, public: bool = False) -> Response:
    design = db.get_or_404(Design, design_id) if public else _design(design_id, approved=True)
    lang = request.args.get("lang") or None
    if lang is not None and lang not in (syllabus.approved(db.session, design).revision.document
                                         .get("translations") or {}):
        abort(404)
    data = formats.export_bytes(db.session, design, fmt, current_app.config, lang=lang)
    revision = syllabus.approved_revision(db.session, design)
    spec = formats.FORMATS[fmt]
    filename = f"{fmt}-{design.id}-r{revision.number}{'-' + lang if lang else ''}{spec.suffix}"
    return Response(data, mimetype=spec.mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/designs/<int:design_id>/badge.<any(svg, png):kind>")
@login_required
def badge_image(design_id: int, kind: str):
    """The badge image drawn from the approved revision."""
    design = _design(design_id, approved=True)
    return badge_image_response(design, kind)


def badge_image_response(design: Design, kind: str) -> Response:
    document = syllabus.approved_revision(db.session, design).document
    if kind == "svg":
        return Response(badge_svg(document), mimetype="image/svg+xml")
    return Response(badge_png(document), mimetype="image/png")


def _require_pack_role() -> None:
    if not current_user.has_role(*PACK_ROLES):
        abort(403)


@bp.route("/catalogue", methods=["GET", "POST"])
@login_required
def catalogue_page():
    """Approved designs, filtered; tick some to build a pack or save the selection.

    Faculty browse their institution's approved designs here (to avoid duplicates, and to open and
    clone a colleague's); packs are for organisers, reviewers and admins.
    """
    if not current_user.has_role(*PACK_ROLES):
        return _browse_approved()
    filters = CatalogueFilterForm(request.args)
    catalogue.fill_filter_choices(db.session, filters, current_user)
    designs, preselected = catalogue.filtered(db.session, filters, current_user)
    form = PackForm()
    form.designs.choices = catalogue.design_choices(db.session, designs if request.method == "GET" else
                                                    catalogue.all_approved(db.session))
    if request.method == "GET" and preselected:
        form.designs.data = [str(i) for i in preselected]
    if request.method == "POST" and form.validate():
        # The services check the request (title, designs, selection name); their refusal names its field.
        with attempt(PackError, say=False) as outcome:
            if request.form.get("action", "build") == "save":
                selection = catalogue.save_selection(db.session, current_user, form)
                flash(f"Saved the selection '{selection.name}'.", "success")
                return redirect(url_for("exports.catalogue_page", selection=selection.id))
            job = jobs.create_job(db.session, current_user, [int(i) for i in form.designs.data or []],
                                  title=form.title.data, duplex=form.duplex.data)
            return redirect(url_for("exports.pack_status", job_id=job.id), 303)  # queued once committed
        form[outcome.error.field].errors.append(str(outcome.error))
    status = 400 if request.method == "POST" else 200
    return render_template("exports/catalogue.html", filters=filters, form=form, designs=designs,
                           errors=form_errors(form), filtered=catalogue.is_filtered(filters)), status


def _browse_approved():
    if not current_user.has_role(Role.FACULTY) or request.method != "GET":
        abort(403)
    filters = CatalogueFilterForm(request.args)
    catalogue.fill_filter_choices(db.session, filters, current_user)
    # Read from the approved revisions (titles, levels, tags as approved), not the designs' working copies.
    entries = [e for e in public.approved_entries(db.session) if e.institution == current_user.institution]
    found = public.matching(entries, request.args) if filters.validate() else []
    return render_template("exports/browse.html", filters=filters, entries=found,
                           filtered=catalogue.is_filtered(filters))


@bp.get("/packs")
@login_required
def packs_page():
    """My syllabi packs and saved selections."""
    _require_pack_role()
    return render_template("exports/packs.html", jobs=catalogue.jobs_of(db.session, current_user),
                           selections=catalogue.selections_of(db.session, current_user))


def _job(job_id: int) -> PackJob:
    _require_pack_role()
    job = db.get_or_404(PackJob, job_id)
    if job.owner_id != current_user.id and not current_user.has_role(Role.ADMIN):
        abort(403)
    return job


@bp.get("/packs/<int:job_id>")
@login_required
def pack_status(job_id: int):
    """Progress of a pack build (refreshes itself until done), then the download link."""
    return render_template("exports/pack.html", job=_job(job_id))


@bp.get("/packs/<int:job_id>/status.json")
@login_required
def pack_status_json(job_id: int):
    """The same progress for the page's script."""
    job = _job(job_id)
    return {"status": job.status, "done": job.done, "total": job.total, "pages": job.pages,
            "finished": job.finished, "error": job.error, "note": job.note}


@bp.get("/packs/<int:job_id>/pack.pdf")
@login_required
def pack_download(job_id: int):
    """The finished pack."""
    job = _job(job_id)
    path = jobs.pack_file(current_app.config, job.id)
    if job.status != PackStatus.DONE.value or not path.is_file():
        abort(404)
    return send_file(path, mimetype="application/pdf", as_attachment=True,
                     download_name=f"syllabi-pack-{job.id}.pdf")


@bp.app_context_processor
def export_helpers():
    """`export_actions(design)`: the export links the current user may use on a design page."""

    def export_actions(design: Design) -> list[tuple[str, str]]:
        actions = []
        if current_user.is_authenticated and permissions.can_view_approved(current_user, design):
            actions.append(("Download approved PDF", url_for("exports.syllabus_pdf", design_id=design.id)))
            actions.append(("Open Badges JSON", url_for("exports.badge_json", design_id=design.id)))
            for fmt, name in (("ob3-credential", "Open Badges credential template"), ("ctdl", "CTDL JSON-LD"),
                              ("elm", "ELM JSON-LD")):
                actions.append((name, url_for("exports.export_file", design_id=design.id, fmt=fmt)))
        if current_user.is_authenticated and permissions.sees_working_copy(current_user, design):
            actions.append(("Draft PDF preview", url_for("exports.preview_pdf", design_id=design.id)))
        return actions

    return {"export_actions": export_actions}
