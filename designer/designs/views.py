"""Design pages: my designs, the editor, the design page, import/export, clone, delete, sharing.

Views are thin: validate, call a service, flash, redirect; the request commits once (designer.transaction).
"""

import json

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

import rubrics
from designer.auth.services import find_user
from designer.auth.views import role_required
from designer.checking.services import app_rubric, check_panel, score_document
from designer.designs import autosave, catalogue, kept_posts, permissions, services
from designer.designs.document import form_to_document
from designer.designs.editor import (
    attach_problems,
    form_for,
    iter_errors,
    kept_rows,
    rework_rows,
    section_for,
)
from designer.designs.fields import choices
from designer.designs.forms import CoauthorForm, DesignForm, EmptyForm, ImportForm
from designer.designs.progress import section_statuses
from designer.designs.services import DesignError, EditConflict, InvalidDocument
from designer.designs.transfer import ImportRejected, dumps, export_document, import_files
from designer.designs.validation import parse_json, revision_number
from designer.designs.workload import workload
from designer.extensions import csrf, db
from designer.inputs import page_number
from designer.institution.departments import names as department_names
from designer.institution.display import local_clock, local_datetime
from designer.institution.profile import new_design_document
from designer.models import Design
from designer.review import workflow
from designer.transaction import attempt, keep_on_error

bp = Blueprint("designs", __name__)


def get_design(design_id: int, *, edit: bool = False) -> Design:
    """The design, or 404 if it does not exist or 403 if the user may not see (or edit) it."""
    design = db.get_or_404(Design, design_id)
    if design.deleted_at is not None:  # in the owner's "Recently deleted", nowhere else
        abort(404)
    if not permissions.can_view(current_user, design):
        abort(403)
    if edit and not permissions.is_author(current_user, design):
        abort(403)
    return design


@bp.route("/")
def home():
    """Start page: "My tasks" (designer.home), or the login page."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return redirect(url_for("home.tasks"))


@bp.route("/designs")
@login_required
def index():
    """The designs I author or co-author."""
    search = request.args.get("q", "").strip()[:100]
    page = page_number(request.args.get("page"))
    per_page = current_app.config["DESIGNS_PER_PAGE"]
    rows, total = services.designs_for(db.session, current_user, search=search, page=page, per_page=per_page)
    return render_template(
        "designs/index.html",
        designs=rows,
        total=total,
        page=page,
        search=search,
        per_page=per_page,
        can_create=permissions.can_create(current_user),
        action_form=EmptyForm(),
    )


@bp.route("/designs/new", methods=["GET", "POST"])
@csrf.exempt  # checked in kept_posts.ended_session: a Save after the session ended is kept, not refused
def new():
    """The editor for a new design; the first save creates it."""
    ended = kept_posts.ended_session(None)
    if ended is not None:
        return ended
    if not permissions.can_create(current_user):
        abort(403)
    if request.method == "GET":
        document = new_design_document(db.session, current_user, services.new_document())
        stashed = kept_posts.take_back(None)
        if stashed is not None:  # it becomes my new-design copy, so leaving now loses nothing
            copy = autosave.keep_new(db.session, current_user, stashed.pairs)
            return _render_editor(None, autosave.as_form(copy.pairs), document, unsaved=False,
                                  notice=_taken_back(stashed))
        copy = autosave.new_autosave_for(db.session, current_user)
        if copy is not None and request.args.get("restore"):
            return _render_editor(None, autosave.as_form(copy.pairs), document, unsaved=False,
                                  notice=_restored(copy))
        form = form_for(document, base_revision=0, department=current_user.department)
        return _render_editor(None, form, document, unsaved=False, offer=copy)
    return _save(None, services.new_document())


@bp.route("/designs/<int:design_id>/edit", methods=["GET", "POST"])
@csrf.exempt  # checked in kept_posts.ended_session, as for new()
def edit(design_id: int):
    """The editor (GET) and saving it (POST)."""
    ended = kept_posts.ended_session(design_id)
    if ended is not None:
        return ended
    design = get_design(design_id, edit=True)
    if not permissions.can_edit(current_user, design):
        flash(workflow.refusal(workflow.Action.EDIT, design.status_enum), "info")
        return redirect(url_for("designs.show", design_id=design.id))
    latest = services.latest_revision(db.session, design)
    if request.method == "GET":
        return _open_editor(design, latest)
    return _save(design, latest.document)


def _open_editor(design: Design, latest):
    """The saved revision, or what was typed: taken back after a login, or restored from the autosave."""
    stashed = kept_posts.take_back(design.id)
    if stashed is not None:  # it becomes my autosaved copy, so leaving now loses nothing
        copy = autosave.keep(db.session, design, current_user, stashed.pairs)
        return _render_editor(design, autosave.as_form(copy.pairs), latest.document, unsaved=False,
                              notice=_taken_back(stashed))
    copy = autosave.autosave_for(db.session, design, current_user)
    if copy is not None and request.args.get("restore"):
        return _render_editor(design, autosave.as_form(copy.pairs), latest.document, unsaved=False,
                              notice=_restored(copy))
    form = form_for(latest.document, base_revision=latest.number, department=design.department)
    return _render_editor(design, form, latest.document, unsaved=False, offer=copy)


def _restored(copy) -> str:
    return (f"Restored what you were typing (saved {local_clock(copy.updated_at)}). It is not a revision "
            "yet: press Save draft to keep it.")


def _taken_back(stashed) -> str:
    return (f"Your session had ended when you pressed a button at {local_clock(stashed.created_at)}, so "
            "nothing was saved then. Everything you had typed is back below: check it and press Save draft.")


def _save(design: Design | None, previous: dict):
    op = request.form.get("op", "save")
    if op == "check":  # score what is on screen, store nothing
        form = DesignForm()
        offer_departments(form, design)
        form.validate()
        return _render_editor(design, form, previous, checked=True, **_keep_copy(design))
    if op != "save":
        reworked, message = rework_rows(request.form, op)
        return _render_editor(design, DesignForm(formdata=reworked), previous, notice=message,
                              **_keep_copy(design, reworked))
    form = DesignForm()
    offer_departments(form, design)  # a department not offered is refused at its field
    if not form.validate():
        return _render_editor(design, form, previous, status=400, **_keep_copy(design))
    document = form_to_document(form, previous)
    base = revision_number(form.base_revision.data or "0")
    if base is None:  # a tampered or broken page: say so instead of failing
        form.title.errors = [*form.title.errors, "The page was damaged (no revision number); reload the "
                             "editor and make your change again."]
        return _render_editor(design, form, previous, status=400)
    with attempt(DesignError, say=False) as outcome:
        if design is None:
            design = services.create_design(
                db.session, current_user, document, department=form.department.data or ""
            )
            number = 1
            autosave.discard_new(db.session, current_user)  # the design exists now: its slot is empty
        else:
            design.department = (form.department.data or "").strip()
            number = services.save_revision(
                db.session, design, document, current_user, base_revision=base
            ).number
            autosave.discard(db.session, design, current_user)
    if isinstance(outcome.error, InvalidDocument):
        return _render_editor(design, form, previous, status=400, problems=outcome.error.problems,
                              **_keep_copy(design))
    if outcome.refused:
        if isinstance(outcome.error, EditConflict):
            _keep_copy(design)  # my version stays restorable whatever I choose on the conflict page
        return _refused_save(outcome.error, design, document)
    # Shown in the save bar that stays on screen (category "saved", not the flashes above the page), and
    # the page returns to the part of the editor the person was in.
    flash(f"Saved: revision {number} of '{design.title}' is stored.", "saved")
    anchor = request.form.get("at", "")
    return redirect(url_for("designs.edit", design_id=design.id)
                    + "#" + (anchor if section_for(anchor) else "top"))


def _refused_save(error: DesignError, design: Design, mine: dict):
    """A refused save: the conflict page (mine beside theirs), or back to the design page saying why."""
    if isinstance(error, EditConflict):
        return _render_conflict(design, error, mine)
    flash(str(error), "error")
    return redirect(url_for("designs.show", design_id=design.id))


def _keep_copy(design: Design | None, formdata=None) -> dict:
    """Keep what the page shows next (`formdata`, else the post) as the autosaved copy: after a row
    button, a check, a refused save (kept although the answer is an error page); unless an older copy
    still waits to be restored or discarded (it is offered again). Returns the editor's extra arguments."""
    waiting = (autosave.new_autosave_for(db.session, current_user) if design is None
               else autosave.autosave_for(db.session, design, current_user))
    if waiting is not None and request.form.get("offer_pending"):
        return {"offer": waiting}
    try:
        pairs = autosave.form_pairs(request.form if formdata is None else formdata,
                                    max_bytes=current_app.config["AUTOSAVE_MAX_BYTES"])
    except autosave.TooLarge:
        return {}
    if design is None:  # the new-design editor: my one slot until the first save creates the design
        autosave.keep_new(db.session, current_user, pairs)
    else:
        autosave.keep(db.session, design, current_user, pairs)
    keep_on_error()
    return {}


def offer_departments(form: DesignForm, design: Design | None) -> None:
    """The department choices: the institution's managed departments, plus the design's own if it is no
    longer listed (retired), so saving never changes it behind the author's back."""
    institution = design.institution if design is not None else current_user.institution
    current = design.department if design is not None else ""
    listed = department_names(db.session, institution)
    extra = [(current, f"{current} (no longer listed)")] if current and current not in listed else []
    form.department.choices = choices([("", "No department"), *((n, n) for n in listed), *extra])


def _render_editor(design, form, document, *, status=200, problems=(), notice=None, checked=False,
                   unsaved=True, offer=None):
    offer_departments(form, design)
    preview = form_to_document(form, document) if form.title.data is not None else document
    problems = attach_problems(form, list(problems))
    rubric = app_rubric(current_app.config, design.institution if design is not None else None)
    report = rubrics.evaluate(rubric, preview)
    if design is not None and not notice:
        notice = duplicate_code_notice(design)
    return render_template(
        "designs/edit.html",
        design=design,
        form=form,
        errors=list(iter_errors(form)),
        problems=problems,
        notice=notice,
        workload=workload(report, rubric),
        check=check_panel(report, rubric, scored=what_was_scored(design, preview, document)),
        kept_rows=kept_rows(form),
        sections=catalogue.SECTIONS,
        progress=section_statuses(preview, report, kept_rows(form)),
        # "Check my draft" opens right after the section the person was in (the side column otherwise).
        check_section=section_for(request.form.get("at")) if checked else None,
        unsaved=unsaved,
        offer=offer,
        at=request.form.get("at", "") if section_for(request.form.get("at")) else "",
    ), status


def what_was_scored(design: Design | None, preview: dict, saved: dict) -> str:
    """What the check panel scored: the saved revision when the screen still shows it, else the screen."""
    if design is not None and preview == saved:
        return (f"the version saved {local_datetime(design.updated_at)} (revision {design.latest_revision})")
    return "what is on screen now, which is not saved"


def duplicate_code_notice(design: Design) -> str | None:
    """A warning when another design of the institution already has this course code."""
    others = services.same_code(db.session, design)
    if not others:
        return None
    names = ", ".join(f"'{d.title or 'Untitled design'}' (design {d.id})" for d in others[:3])
    return (f"The course code {design.code} is also used by {names}. Course codes should be unique in the "
            "institution: change it unless they are the same course.")


def _render_conflict(design: Design, conflict: EditConflict, mine: dict):
    return render_template(
        "designs/conflict.html",
        design=design,
        conflict=conflict,
        theirs=conflict.latest,
        mine=mine,
        mine_json=json.dumps(mine, ensure_ascii=False),
        form=EmptyForm(),
    ), 409


@bp.post("/designs/<int:design_id>/resolve")
@login_required
def resolve(design_id: int):
    """After a conflict: save my version on top of theirs (theirs stays in the history)."""
    design = get_design(design_id, edit=True)
    if not EmptyForm().validate():
        abort(400)
    try:
        mine = parse_json(request.form.get("document", ""))
    except ValueError:
        abort(400)
    base = revision_number(request.form.get("base_revision"))
    if base is None:
        abort(400)
    if not isinstance(mine, dict):
        abort(400)
    with attempt(DesignError, say=False) as outcome:
        revision = services.save_revision(
            db.session, design, mine, current_user, base_revision=base, note="Saved over a concurrent edit"
        )
        autosave.discard(db.session, design, current_user)
    if isinstance(outcome.error, InvalidDocument):
        abort(400)
    if outcome.refused:
        return _refused_save(outcome.error, design, mine)
    flash(
        f"Your version is saved as revision {revision.number}; the other version stays in the history.",
        "success",
    )
    return redirect(url_for("designs.edit", design_id=design.id))


@bp.post("/designs/<int:design_id>/autosave")
def keep_copy(design_id: int):
    """Keep a copy of what the editor has on screen (static/js/editor.js, after a few idle seconds of
    typing): JSON for the page's status line; never a revision. CSRF is checked as for every post."""
    if not current_user.is_authenticated:  # a JSON answer, not the login page, for the script to show
        return {"saved": False, "message": "Your session has ended, so no copy was kept. What you typed is "
                "still on this page: press Save draft and log in, and it is brought back."}, 401
    design = get_design(design_id, edit=True)
    if not permissions.can_edit(current_user, design):
        return {"saved": False, "message": workflow.refusal(workflow.Action.EDIT, design.status_enum)}, 409
    try:
        pairs = autosave.form_pairs(request.form, max_bytes=current_app.config["AUTOSAVE_MAX_BYTES"])
    except autosave.TooLarge:
        return {"saved": False, "message": "This is too much text to keep a copy of automatically; "
                "press Save draft to save it."}, 413
    copy = autosave.keep(db.session, design, current_user, pairs)
    return {"saved": True, "message": f"A copy of what you typed was kept at {local_clock(copy.updated_at)} "
            "(not saved as a revision yet)."}


@bp.post("/designs/new/autosave")
def keep_new_copy():
    """As keep_copy, for the editor of a design not saved yet (one slot per person, which the first
    save empties); only for people who may start designs."""
    if not current_user.is_authenticated:
        return {"saved": False, "message": "Your session has ended, so no copy was kept. What you typed is "
                "still on this page: press Save draft and log in, and it is brought back."}, 401
    if not permissions.can_create(current_user):
        abort(403)
    try:
        pairs = autosave.form_pairs(request.form, max_bytes=current_app.config["AUTOSAVE_MAX_BYTES"])
    except autosave.TooLarge:
        return {"saved": False, "message": "This is too much text to keep a copy of automatically; "
                "press Save draft to save it."}, 413
    copy = autosave.keep_new(db.session, current_user, pairs)
    return {"saved": True, "message": f"A copy of what you typed was kept at {local_clock(copy.updated_at)} "
            "(the design is not saved yet)."}


@bp.post("/designs/new/autosave/discard")
@login_required
def discard_new_copy():
    """Forget my copy of the new-design editor; it opens empty again."""
    if not permissions.can_create(current_user):
        abort(403)
    if not EmptyForm().validate():
        abort(400)
    autosave.discard_new(db.session, current_user)
    flash("Discarded what you had typed for a new design.", "success")
    return redirect(url_for("designs.new"), 303)


@bp.post("/designs/<int:design_id>/autosave/discard")
@login_required
def discard_copy(design_id: int):
    """Forget my autosaved copy of this design; the editor shows the last saved revision."""
    design = get_design(design_id, edit=True)
    if not EmptyForm().validate():
        abort(400)
    autosave.discard(db.session, design, current_user)
    flash("Discarded what you had typed; the editor shows the last saved revision.", "success")
    return redirect(url_for("designs.edit", design_id=design.id), 303)


@bp.route("/designs/<int:design_id>")
@login_required
def show(design_id: int):
    """A design's page: summary, authors, revisions and actions."""
    design = get_design(design_id)
    latest = _visible_revision(design)
    return render_template(
        "designs/show.html",
        design=design,
        document=latest.document,
        latest=latest,
        working_copy=latest.number == design.latest_revision,
        can_edit=permissions.can_edit(current_user, design),
        is_owner=design.owner_id == current_user.id,
        can_delete=permissions.can_delete(current_user, design),
        can_clone=permissions.can_create(current_user),
        action_form=EmptyForm(),
        coauthor_form=CoauthorForm(),
        workload=workload(
            score_document(current_app.config, latest.document, design.institution),
            app_rubric(current_app.config, design.institution),
        ),
    )


def _visible_revision(design: Design):
    # Organisers (and anyone else who sees a design only because it was approved) get the approved
    # revision, never the authors' work in progress that may have followed it.
    if permissions.sees_working_copy(current_user, design):
        return services.latest_revision(db.session, design)
    return design.approved_revision


@bp.get("/designs/<int:design_id>/export.json")
@login_required
def export_json(design_id: int):
    """Download the latest revision (the approved one for people who may not see work in progress) as JSON."""
    design = get_design(design_id)
    revision = _visible_revision(design)
    document = export_document(db.session, design, revision)
    filename = f"design-{design.id}-r{revision.number}.json"
    return Response(
        dumps(document),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/designs/import", methods=["GET", "POST"])
@role_required(*permissions.AUTHOR_ROLES)
def import_design():
    """Upload a JSON design file; invalid files are explained field by field and nothing is stored."""
    form, problems = ImportForm(), []
    if form.validate_on_submit():
        upload = form.file.data
        with attempt(ImportRejected, say=False) as outcome:
            [design] = import_files(db.session, [(upload.filename, upload.read())], current_user)
            flash(f"Imported '{design.title}'.", "success")
            return redirect(url_for("designs.show", design_id=design.id))
        problems = next(iter(outcome.error.problems.values()))
    status = 400 if form.errors or problems else 200
    return render_template("designs/import.html", form=form, problems=problems), status


@bp.post("/designs/<int:design_id>/clone")
@role_required(*permissions.AUTHOR_ROLES)
def clone(design_id: int):
    """Start a new draft from this design."""
    source = get_design(design_id)
    if not EmptyForm().validate():
        abort(400)
    design = services.clone_design(db.session, source, current_user, _visible_revision(source))
    code = f" Its course code is {design.code}; change it if you need another." if design.code else ""
    where = design.department or "no department"
    flash(f"This is your copy of '{source.title}' (design {source.id}), in {where}.{code} "
          "Change what you need and save.", "success")
    return redirect(url_for("designs.edit", design_id=design.id))


@bp.route("/designs/<int:design_id>/delete", methods=["GET", "POST"])
@login_required
def delete(design_id: int):
    """Ask (GET: a page of its own, so it works without JavaScript), then move the draft to Recently
    deleted (POST)."""
    design = get_design(design_id)
    if design.owner_id != current_user.id:
        abort(403)
    form = EmptyForm()
    if request.method == "GET" and permissions.can_delete(current_user, design):
        return render_template("designs/delete.html", design=design, form=form,
                               restore_days=services.RESTORE_DAYS)
    if request.method == "POST" and not form.validate():
        abort(400)
    title = design.title or "Untitled design"
    with attempt(DesignError) as outcome:  # a GET of a design that may not be deleted lands here too
        services.delete_design(db.session, design, current_user)
    if outcome.refused:
        return redirect(url_for("designs.show", design_id=design_id)), 303
    flash(f"Deleted '{title}'. You can restore it from Recently deleted for {services.RESTORE_DAYS} days.",
          "success")
    return redirect(url_for("designs.index"), 303)


@bp.get("/designs/deleted")
@login_required
def deleted():
    """My deleted drafts that can still be restored."""
    rows = services.deleted_designs_for(db.session, current_user)
    return render_template("designs/deleted.html", designs=rows, form=EmptyForm(),
                           deadline=services.restore_deadline, restore_days=services.RESTORE_DAYS)


@bp.post("/designs/<int:design_id>/restore")
@login_required
def restore(design_id: int):
    """Bring a deleted draft back."""
    design = db.get_or_404(Design, design_id)
    if design.owner_id != current_user.id:
        abort(404)
    if not EmptyForm().validate():
        abort(400)
    with attempt(DesignError) as outcome:
        services.restore_design(db.session, design, current_user)
    if outcome.refused:
        return redirect(url_for("designs.deleted"), 303)
    flash(f"Restored '{design.title or 'Untitled design'}'.", "success")
    return redirect(url_for("designs.show", design_id=design.id), 303)


@bp.post("/designs/<int:design_id>/coauthors")
@login_required
def add_coauthor(design_id: int):
    """Share with a colleague as co-author."""
    design = get_design(design_id, edit=True)
    if design.owner_id != current_user.id:
        abort(403)
    form = CoauthorForm()
    if form.validate_on_submit():
        with attempt(DesignError):
            colleague = find_user(db.session, form.email.data)
            services.add_coauthor(db.session, design, current_user, colleague)
            flash(f"{colleague.email} can now edit this design.", "success")
    else:
        flash("Enter a colleague's email address.", "error")
    return redirect(url_for("designs.show", design_id=design.id))


@bp.post("/designs/<int:design_id>/coauthors/<int:user_id>/remove")
@login_required
def remove_coauthor(design_id: int, user_id: int):
    """Stop sharing with a co-author."""
    design = get_design(design_id, edit=True)
    if design.owner_id != current_user.id:
        abort(403)
    if not EmptyForm().validate():
        abort(400)
    with attempt(DesignError):
        services.remove_coauthor(db.session, design, current_user, user_id)
        flash("Co-author removed.", "success")
    return redirect(url_for("designs.show", design_id=design.id))
