"""Design storage: create, save a revision (optimistic concurrency), clone, delete, share, list.

Every function takes the session and the acting user explicitly and only flushes: the request (or CLI
command) that called it commits once, so a failure leaves nothing half-written.
"""

import copy
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from designer.designs import permissions
from designer.designs.validation import Problem, validate_document
from designer.models import Design, DesignRevision, DesignTag, Status, User, utcnow
from designer.review import workflow
from designer.review.records import audit

SCHEMA_VERSION = "1"
# A deleted draft can be restored for this long; `purge_deleted` removes it for good afterwards.
RESTORE_DAYS = 30


class DesignError(Exception):
    """A user-facing reason why a design operation was refused."""


class InvalidDocument(DesignError):
    """The document has problems; nothing was stored."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class EditConflict(DesignError):
    """The design was saved elsewhere after `base_revision`; `latest` is what is stored now."""

    base_revision: int
    latest: DesignRevision

    def __str__(self) -> str:
        return (f"This design was saved by someone else (revision {self.latest.number}) after you opened "
                f"revision {self.base_revision}.")


def new_document(title: str = "") -> dict:
    """The smallest draft document."""
    return {"schema_version": SCHEMA_VERSION, "title": title}


def create_design(session: Session, owner: User, document: dict, *, department: str = "",
                  note: str = "Created", complete: bool = False, validated: bool = False) -> Design:
    """Store a new design with its first revision.

    Args:
        validated: the caller has just validated `document` at this strength (an import checks the
            whole batch before storing any of it), so it is not validated a second time.
    Raises:
        InvalidDocument: the document has problems (drafts may be incomplete unless `complete`).
    """
    if not validated:
        _check(document, complete=complete)
    design = Design(owner_id=owner.id, institution=owner.institution,
                    department=department or owner.department, status=Status.DRAFT.value)
    session.add(design)
    session.flush()
    design.contributors.append(owner)
    _append_revision(session, design, document, owner, base_revision=0, note=note)
    return design


def save_revision(session: Session, design: Design, document: dict, author: User, *,
                  base_revision: int, note: str = "Saved") -> DesignRevision:
    """Append a revision, unless someone saved after `base_revision`.

    The document is validated here, once per save. The workflow's EDIT
    transition decides whether the status allows it and what the status becomes; the compare-and-set
    runs as one UPDATE ... WHERE latest_revision = base AND status = current, so two simultaneous saves
    (or a save and a submission) cannot both win, on SQLite or PostgreSQL.

    Raises:
        InvalidDocument: the document has problems.
        DesignError: the workflow does not allow editing in the design's current status.
        EditConflict: someone else saved first.
    """
    _check(document, complete=False)
    return _append_revision(session, design, document, author, base_revision=base_revision, note=note)


def _append_revision(session: Session, design: Design, document: dict, author: User, *,
                     base_revision: int, note: str) -> DesignRevision:
    current = design.status_enum
    to = workflow.target(workflow.Action.EDIT, current)
    if to is None:
        raise DesignError(workflow.refusal(workflow.Action.EDIT, current))
    number = base_revision + 1
    values = list_columns(document) | {"latest_revision": number, "updated_at": utcnow(), "status": to.value}
    result = session.execute(
        sa.update(Design)
        .where(Design.id == design.id, Design.latest_revision == base_revision,
               Design.status == current.value)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.refresh(design)
        if design.status_enum != current and not workflow.can_edit(design.status_enum):
            raise DesignError(workflow.refusal(workflow.Action.EDIT, design.status_enum))
        raise EditConflict(base_revision, latest_revision(session, design))
    for key, value in values.items():  # already written by the UPDATE: mirror without marking dirty
        set_committed_value(design, key, value)
    if to != current:  # a state change (approved -> draft): on the audit trail like every other
        audit(session, design, author, workflow.Action.EDIT.value, current, to, None, number, note)
    revision = DesignRevision(design_id=design.id, number=number, document=copy.deepcopy(document),
                              author_id=author.id, note=note[:300])
    session.add(revision)
    _sync_tags(session, design, document)
    session.flush()
    return revision


def latest_revision(session: Session, design: Design) -> DesignRevision:
    """The newest revision of a design."""
    return session.scalars(
        sa.select(DesignRevision).where(DesignRevision.design_id == design.id)
        .order_by(DesignRevision.number.desc()).limit(1)
    ).one()


def get_revision(session: Session, design: Design, number: int) -> DesignRevision | None:
    """Revision `number` of a design, if it exists."""
    return session.scalar(sa.select(DesignRevision).where(
        DesignRevision.design_id == design.id, DesignRevision.number == number))


def clone_design(session: Session, source: Design, user: User, revision=None) -> Design:
    """A new draft owned by `user`, starting from `revision` of the source (default: its latest): same
    department, a title that says it is a copy, and a course code not yet used in the institution.

    Callers pass the revision the user may see: someone who is not an author clones the approved one.
    """
    document = copy.deepcopy((revision or latest_revision(session, source)).document)
    document["title"] = f"Copy of {document.get('title', '')}".strip()[:200]
    if document.get("code"):
        document["code"] = suggest_code(session, user.institution, str(document["code"]))
    design = create_design(session, user, document, department=source.department,
                           note=f"Cloned from design {source.id}")
    design.cloned_from_id = source.id
    return design


def suggest_code(session: Session, institution: str, code: str) -> str:
    """`code` if unused in the institution, else the next free one: DMA-101 -> DMA-102, MKT -> MKT-2."""
    used = set(session.scalars(sa.select(Design.code).where(Design.institution == institution,
                                                            Design.deleted_at.is_(None))))
    if code not in used:
        return code
    match = re.match(r"^(.*?)(\d+)$", code)
    stem, number, width = (match.group(1), int(match.group(2)), len(match.group(2))) if match else \
        (f"{code}-", 1, 1)
    while True:
        number += 1
        candidate = f"{stem}{number:0{width}d}"[:40]
        if candidate not in used:
            return candidate


def same_code(session: Session, design: Design) -> list[Design]:
    """Other live designs of the institution with this design's course code (codes should be unique)."""
    if not design.code:
        return []
    return list(session.scalars(sa.select(Design).where(
        Design.institution == design.institution, Design.code == design.code, Design.id != design.id,
        Design.deleted_at.is_(None)).order_by(Design.id)))


def delete_design(session: Session, design: Design, user: User) -> None:
    """Move a draft that was never approved to "Recently deleted" (restorable for RESTORE_DAYS days)."""
    if not permissions.can_delete(user, design):
        raise DesignError("Only the owner can delete a design, and only while it is a draft that was "
                          "never approved.")
    design.deleted_at = utcnow()
    _audit(session, design, user, "delete", f"Moved to Recently deleted; restorable for {RESTORE_DAYS} days")
    session.flush()


def restore_design(session: Session, design: Design, user: User, now: datetime | None = None) -> None:
    """Bring a deleted draft back to My designs, unchanged."""
    if design.owner_id != user.id or design.deleted_at is None:
        raise DesignError("Only the owner can restore a deleted design.")
    if restore_deadline(design) < (now or utcnow()):
        raise DesignError(f"This design was deleted more than {RESTORE_DAYS} days ago and cannot be "
                          "restored.")
    design.deleted_at = None
    _audit(session, design, user, "restore", "Restored from Recently deleted")
    session.flush()


def restore_deadline(design: Design) -> datetime:
    """Until when a deleted design can be restored."""
    return design.deleted_at + timedelta(days=RESTORE_DAYS)


def deleted_designs_for(session: Session, user: User) -> list[Design]:
    """The person's deleted designs that can still be restored, most recently deleted first."""
    since = utcnow() - timedelta(days=RESTORE_DAYS)
    return list(session.scalars(
        sa.select(Design).where(Design.owner_id == user.id, Design.deleted_at.is_not(None),
                                Design.deleted_at >= since)
        .order_by(Design.deleted_at.desc())))


def purge_deleted(session: Session, now: datetime | None = None) -> int:
    """Remove for good the designs deleted more than RESTORE_DAYS days before `now`; returns how many."""
    cutoff = (now or utcnow()) - timedelta(days=RESTORE_DAYS)
    doomed = list(session.scalars(sa.select(Design).where(Design.deleted_at.is_not(None),
                                                           Design.deleted_at < cutoff)))
    for design in doomed:
        session.delete(design)
    session.flush()
    return len(doomed)


def _audit(session: Session, design: Design, user: User, action: str, comment: str) -> None:
    audit(session, design, user, action, design.status_enum, design.status_enum, None, design.latest_revision,
          comment)


# While the committee has the design, its authors are fixed: otherwise an owner could take a reviewer
# out of the decision by making them co-author, or slip a reviewer's earlier work past them.
COAUTHORS_FROZEN = frozenset({Status.SUBMITTED, Status.IN_REVIEW})


def _require_coauthors_changeable(design: Design, owner: User, verb: str) -> None:
    if design.owner_id != owner.id:
        raise DesignError(f"Only the owner can {verb} co-authors.")
    if design.status_enum in COAUTHORS_FROZEN:
        raise DesignError(f"Co-authors cannot be changed while the design is "
                          f"{design.status_enum.label.lower()}; withdraw it first. Nothing was changed.")


def add_coauthor(session: Session, design: Design, owner: User, coauthor: User | None) -> None:
    """Share a design with a colleague as co-author (recorded for good as a contributor, and audited)."""
    _require_coauthors_changeable(design, owner, "add")
    if coauthor is None or not coauthor.has_role(*permissions.AUTHOR_ROLES):
        raise DesignError("There is no faculty account with that email.")
    if coauthor.id == owner.id or coauthor in design.coauthors:
        raise DesignError(f"{coauthor.email} is already an author of this design.")
    design.coauthors.append(coauthor)
    if coauthor not in design.contributors:
        design.contributors.append(coauthor)
    session.flush()
    audit(session, design, owner, "coauthor_added", design.status_enum, design.status_enum, None,
          design.latest_revision, f"{coauthor.name} <{coauthor.email}>")


def remove_coauthor(session: Session, design: Design, owner: User, coauthor_id: int) -> None:
    """Stop sharing a design with a co-author (audited; they stay a contributor, so never its reviewer)."""
    _require_coauthors_changeable(design, owner, "remove")
    removed = [c for c in design.coauthors if c.id == coauthor_id]
    if not removed:
        raise DesignError("That person is not a co-author of this design. Nothing was changed.")
    design.coauthors = [c for c in design.coauthors if c.id != coauthor_id]
    session.flush()
    audit(session, design, owner, "coauthor_removed", design.status_enum, design.status_enum, None,
          design.latest_revision, f"{removed[0].name} <{removed[0].email}>")


def designs_for(session: Session, user: User, *, search: str = "", page: int = 1, per_page: int = 25):
    """The designs a person works on, newest first, as (rows, total)."""
    query = sa.select(Design).where(permissions.authored_by(user), Design.deleted_at.is_(None))
    if search:
        like = f"%{search.lower()}%"
        query = query.where(sa.or_(sa.func.lower(Design.title).like(like),
                                   sa.func.lower(Design.code).like(like)))
    total = session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(Design.updated_at.desc(), Design.id.desc())
                           .offset((page - 1) * per_page).limit(per_page)).all()
    return rows, total


def _check(document: dict, *, complete: bool) -> None:
    problems = validate_document(document, complete=complete)
    if problems:
        raise InvalidDocument(problems)


def list_columns(document: dict) -> dict:
    """The values lists and filters read, as stored beside the design for its latest revision."""
    level = document.get("level") if isinstance(document.get("level"), dict) else {}
    return {
        "title": str(document.get("title", ""))[:200],
        "code": str(document.get("code", ""))[:40],
        "level": level.get("value"),
        "credits": document.get("credits"),
    }


def _sync_tags(session: Session, design: Design, document: dict) -> None:
    session.execute(sa.delete(DesignTag).where(DesignTag.design_id == design.id))
    session.add_all(DesignTag(design_id=design.id, tag=t) for t in sorted(document_tags(document)))


def document_tags(document: dict) -> set[str]:
    """The document's tags as lists and filters compare them: trimmed, lower case."""
    return {str(t).strip().lower()[:60] for t in document.get("tags") or [] if str(t).strip()}
