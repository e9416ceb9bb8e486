"""Who may see and change which design. One place, so views, exports and tests agree.

- faculty: their own designs and those shared with them as co-author;
- reviewers: their own, plus submitted-and-later designs of their institution;
- organisers: designs that have an approved revision;
- admins: everything (they administer, they do not author other people's work).
"""

import sqlalchemy as sa

from designer.models import Design, Role, Status, User, design_coauthors, design_contributors
from designer.review import workflow

AUTHOR_ROLES = (Role.FACULTY, Role.REVIEWER, Role.ADMIN)


def is_author(user: User, design: Design) -> bool:
    """Owner or co-author."""
    return design.owner_id == user.id or any(c.id == user.id for c in design.coauthors)


def ever_authored(user: User, design: Design) -> bool:
    """Owner or co-author now, or at any time before (design_contributors keeps them all)."""
    return is_author(user, design) or any(c.id == user.id for c in design.contributors)


def can_view(user: User, design: Design) -> bool:
    """May `user` open the design (read-only at least)?"""
    # Any one role that allows it is enough: an account may hold several (the union of their rights).
    if user.has_role(Role.ADMIN) or is_author(user, design):
        return True
    if (user.has_role(Role.REVIEWER) and design.institution == user.institution
            and design.status != Status.DRAFT.value):
        return True
    if design.approved_revision_id is None:
        return False
    # Organisers see every approved design; faculty their institution's, to avoid duplicates and to
    # clone a colleague's (the approved revision only: see sees_working_copy).
    return user.has_role(Role.ORGANISER) or (
        user.has_role(Role.FACULTY) and design.institution == user.institution)


def sees_working_copy(user: User, design: Design) -> bool:
    """May `user` see the latest revision, work in progress included? Others see only the approved one."""
    if user.has_role(Role.ADMIN) or is_author(user, design):
        return True
    return (user.has_role(Role.REVIEWER) and design.institution == user.institution
            and design.status != Status.DRAFT.value)


def can_view_approved(user: User, design: Design) -> bool:
    """May `user` see (and export) the approved revision?"""
    return design.approved_revision_id is not None and (
        can_view(user, design) or user.has_role(Role.ORGANISER, Role.REVIEWER))


def can_create(user: User) -> bool:
    """May `user` start new designs?"""
    return user.has_role(*AUTHOR_ROLES)


def can_edit(user: User, design: Design) -> bool:
    """May `user` save a new revision of the working copy now (the workflow's EDIT step)?"""
    return is_author(user, design) and workflow.can_edit(design.status_enum)


def can_delete(user: User, design: Design) -> bool:
    """Only the owner, only a draft never submitted or approved."""
    return (design.owner_id == user.id and design.status == Status.DRAFT.value
            and design.approved_revision_id is None)


def authored_by(user: User) -> sa.ColumnElement[bool]:
    """SQL condition: designs the user owns or co-authors."""
    shared = sa.select(design_coauthors.c.design_id).where(design_coauthors.c.user_id == user.id)
    return sa.or_(Design.owner_id == user.id, Design.id.in_(shared))


def contributed_by(user: User) -> sa.ColumnElement[bool]:
    """SQL condition: designs the user owns, co-authors, or ever owned or co-authored."""
    ever = sa.select(design_contributors.c.design_id).where(design_contributors.c.user_id == user.id)
    return sa.or_(authored_by(user), Design.id.in_(ever))


# --- Committee review (designer/review): who may take part in which step. ---

def is_committee_for(user: User, design: Design) -> bool:
    """A reviewer of the design's institution who never authored it (nobody reviews own work, not even
    after being removed as co-author)."""
    return (user.has_role(Role.REVIEWER) and design.institution == user.institution
            and not ever_authored(user, design))


def can_view_review(user: User, design: Design) -> bool:
    """May `user` see the design's review trail (status, comments, history, audit log)?

    Authors, the institution's committee and admins; organisers see approved designs only, not their trail.
    """
    return can_view(user, design) and (user.has_role(Role.ADMIN) or is_author(user, design)
                                       or is_committee_for(user, design))


def can_see_committee_notes(user: User, design: Design) -> bool:
    """Private committee notes: the committee and admins, never the design's authors."""
    return not is_author(user, design) and (user.has_role(Role.ADMIN) or is_committee_for(user, design))


def can_submit(user: User, design: Design) -> bool:
    """Authors submit (and withdraw) their own designs."""
    return is_author(user, design)


def can_review(user: User, design: Design) -> bool:
    """May `user` score the design and decide on it (the workflow decides whether now is the time)?"""
    return is_committee_for(user, design)
