"""The approved catalogue behind the pack pages: filter choices, filtering, saved selections, my jobs."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.designs.fields import choices
from designer.exports.models import PackJob, SavedSelection
from designer.exports.packs import PackError, find_approved
from designer.institution.departments import filter_options
from designer.models import Design, DesignRevision, User
from designer.template_helpers import fmt_number


def fill_filter_choices(session: Session, filters, user: User) -> None:
    """Departments that have approved designs, and the user's saved selections."""
    departments = session.scalars(sa.select(Design.department).distinct().where(
        Design.approved_revision_id.is_not(None), Design.department != "").order_by(Design.department))
    # Every institution's departments: organisers see approved designs of all of them.
    departments = filter_options(session, None, departments)
    filters.department.choices = choices([("", "Any department")] + [(d, d) for d in departments])
    saved = [(str(s.id), s.name) for s in selections_of(session, user)]
    filters.selection.choices = choices([("", "None")] + saved)


def is_filtered(filters) -> bool:
    return any(f.data for f in (filters.q, filters.department, filters.level, filters.tag, filters.selection))


def filtered(session: Session, filters, user: User) -> tuple[list[Design], list[int]]:
    """Approved designs matching the filters, and the ids to tick (those of a chosen saved selection)."""
    if not filters.validate():
        return [], []
    ids = None
    if filters.selection.data:
        selection = session.get(SavedSelection, int(filters.selection.data))
        ids = list(selection.design_ids) if selection and selection.owner_id == user.id else []
    level = float(filters.level.data) if filters.level.data else None
    designs = find_approved(session, search=(filters.q.data or "").strip(),
                            department=filters.department.data or "", level=level,
                            tag=(filters.tag.data or "").strip(), ids=ids)
    return designs, [d.id for d in designs] if ids is not None else []


def all_approved(session: Session) -> list[Design]:
    return find_approved(session)


def design_choices(session: Session, designs: list[Design]):
    """Checkbox options: title, code, level, credits and department, so organisers can tell them apart.

    Read from the approved revisions: the list columns follow the working copy, which pack roles
    (organisers, reviewers of other institutions) may not see.
    """
    documents = dict(session.execute(sa.select(DesignRevision.id, DesignRevision.document).where(
        DesignRevision.id.in_([d.approved_revision_id for d in designs]))).all()) if designs else {}

    def describe(d: Design) -> str:
        document = documents.get(d.approved_revision_id) or {}
        level_value = (document.get("level") or {}).get("value") if isinstance(document.get("level"), dict) \
            else None
        level = f"level {fmt_number(level_value)}" if isinstance(level_value, int | float) else ""
        credit_value = document.get("credits")
        credits = f"{fmt_number(credit_value)} credits" if isinstance(credit_value, int | float) else ""
        details = " · ".join(str(x) for x in (document.get("code", ""), level, credits, d.department) if x)
        title = str(document.get("title") or "Untitled design")
        return f"{title} ({details})" if details else title

    return choices([(d.id, describe(d)) for d in designs])


def save_selection(session: Session, user: User, form) -> SavedSelection:
    """Store the ticked designs under a name; flushes only."""
    name = (form.selection_name.data or "").strip()
    if not name:
        raise PackError("Give the selection a name, e.g. Pune workshop modules.", field="selection_name")
    ids = [int(i) for i in form.designs.data or []]
    if not ids:
        raise PackError("Tick at least one design to save in the selection.")
    selection = SavedSelection(owner_id=user.id, name=name[:120], design_ids=ids)
    session.add(selection)
    session.flush()
    return selection


def selections_of(session: Session, user: User) -> list[SavedSelection]:
    return list(session.scalars(sa.select(SavedSelection).where(SavedSelection.owner_id == user.id)
                                .order_by(SavedSelection.name)))


def jobs_of(session: Session, user: User, limit: int = 50) -> list[PackJob]:
    return list(session.scalars(sa.select(PackJob).where(PackJob.owner_id == user.id, PackJob.kind == "pack")
                                .order_by(PackJob.created_at.desc(), PackJob.id.desc()).limit(limit)))
