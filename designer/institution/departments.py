"""The managed list of departments: filters, packs, the dashboard and the editor choose from it."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from designer.admin import audit
from designer.auth.services import AccountError
from designer.institution.models import Department
from designer.models import Design, User


class DepartmentError(AccountError):
    """Why a department cannot be added or renamed."""


def listed(session: Session, institution: str, *, include_retired: bool = False) -> list[Department]:
    query = sa.select(Department).where(Department.institution == institution).order_by(Department.name)
    if not include_retired:
        query = query.where(Department.active.is_(True))
    return list(session.scalars(query))


def names(session: Session, institution: str | None = None) -> list[str]:
    """The active department names (of one institution, or of all when `institution` is None)."""
    query = sa.select(Department.name).where(Department.active.is_(True)).distinct().order_by(Department.name)
    if institution is not None:
        query = query.where(Department.institution == institution)
    return list(session.scalars(query))


def _clean(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise DepartmentError("Give the department's name.")
    if len(name) > 200:
        raise DepartmentError("A department name can have at most 200 characters.")
    return name


def _taken(session: Session, institution: str, name: str, but: int | None = None) -> bool:
    query = sa.select(Department.id).where(
        Department.institution == institution, sa.func.lower(Department.name) == name.lower()
    )
    if but is not None:
        query = query.where(Department.id != but)
    return session.scalar(query) is not None


def add(session: Session, actor: User, name: str) -> Department:
    """Add a department to the actor's institution. Raises DepartmentError for an empty or taken name."""
    name = _clean(name)
    if _taken(session, actor.institution, name):
        raise DepartmentError(f"There is already a department called {name}.")
    department = Department(institution=actor.institution, name=name, active=True)
    session.add(department)
    session.flush()
    audit.record(session, actor, "add department", name)
    return department


def rename(session: Session, actor: User, department: Department, name: str) -> None:
    """Rename, carrying the new name to the designs and accounts that had the old one."""
    name = _clean(name)
    if name == department.name:
        return
    if _taken(session, department.institution, name, but=department.id):
        raise DepartmentError(f"There is already a department called {name}.")
    old = department.name
    department.name = name
    for model in (Design, User):
        session.execute(
            sa.update(model)
            .where(model.institution == department.institution, model.department == old)
            .values(department=name)
            .execution_options(synchronize_session=False)
        )
    session.flush()
    audit.record(session, actor, "rename department", name, f"was {old}")


def set_active(session: Session, actor: User, department: Department, active: bool) -> None:
    """Retire (no longer offered for new choices; existing designs keep it) or restore a department."""
    if department.active == active:
        return
    department.active = active
    session.flush()
    audit.record(session, actor, "restore department" if active else "retire department", department.name)


def get(session: Session, actor: User, department_id: int) -> Department | None:
    department = session.get(Department, department_id)
    return department if department is not None and department.institution == actor.institution else None


def filter_options(session: Session, institution: str | None, in_use) -> list[str]:
    """What a department filter offers: the managed list, plus any name designs still carry (retired or from
    before the list), so no design becomes impossible to find."""
    return sorted(set(names(session, institution)) | {d for d in in_use if d})
