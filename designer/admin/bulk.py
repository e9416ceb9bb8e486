"""Bulk invitations from a CSV of email, name, department, role, with a report line per row.

The department is one of the institution's managed (active) departments or empty; any other value refuses
the row, naming the allowed ones.

Each row is invited inside its own savepoint: a bad row is reported and leaves nothing behind, the
good rows are kept. Nothing is emailed here; the caller commits, then sends the links it is given.
"""

import csv
import io
from dataclasses import dataclass

from sqlalchemy.orm import Session

from designer.admin.people import invite
from designer.auth.services import AccountError
from designer.institution import departments
from designer.models import User

COLUMNS = ("email", "name", "department", "role")
MAX_ROWS = 1000


@dataclass
class RowReport:
    line: int
    email: str
    ok: bool
    message: str
    user: User | None = None
    secret: str = ""


def _rows(text: str):
    reader = csv.reader(io.StringIO(text))
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if reader.line_num == 1 and [c.strip().lower() for c in row[:1]] == ["email"]:
            continue  # the optional header row
        yield reader.line_num, [c.strip() for c in row] + [""] * (len(COLUMNS) - len(row))


def decode(data: bytes) -> str:
    """The file's text (UTF-8, with or without the BOM spreadsheets write).

    Raises:
        AccountError: the file is not UTF-8 text.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AccountError(
            'The file is not UTF-8 text: save it from the spreadsheet as "CSV UTF-8".'
        ) from exc


def managed_departments(session: Session, institution: str) -> dict[str, str]:
    """The institution's active departments, keyed by their lower-case spelling (for `department_of`)."""
    return {name.lower(): name for name in departments.names(session, institution)}


def department_of(typed: str, allowed: dict[str, str]) -> str:
    """The managed department a row names (its spelling from the list, matched ignoring case and spacing),
    or "" for an empty cell.

    Raises:
        AccountError: the row names a department that is not on the institution's list.
    """
    if not typed:
        return ""
    known = allowed.get(" ".join(typed.split()).lower())
    if known is not None:
        return known
    choices = ", ".join(sorted(allowed.values())) or "none yet (an admin adds them under Departments)"
    raise AccountError(  # the report line names the row
        f"'{typed}' is not one of the institution's departments: {choices}. "
        "Leave the department empty or use one of these."
    )


def bulk_invite(session: Session, actor: User, text: str, *, institution: str) -> list[RowReport]:
    """Invite every row; one RowReport per non-empty data row, in file order.

    Raises:
        AccountError: more than MAX_ROWS rows, or no rows at all.
    """
    rows = list(_rows(text))
    if not rows:
        raise AccountError("The file has no rows of people.")
    if len(rows) > MAX_ROWS:
        raise AccountError(f"The file has {len(rows)} rows; invite at most {MAX_ROWS} at a time.")
    allowed = managed_departments(session, institution)
    reports, seen = [], set()
    for line, (email, name, department, role, *_extra) in rows:
        if email.lower() in seen:
            reports.append(RowReport(line, email, False, "This email is already on an earlier row."))
            continue
        seen.add(email.lower())
        try:
            with session.begin_nested():
                user, secret = invite(
                    session,
                    actor,
                    email=email,
                    name=name,
                    department=department_of(department, allowed),
                    roles=(role or "faculty").split(";"),
                    institution=institution,
                )
        except AccountError as exc:
            reports.append(RowReport(line, email, False, str(exc)))
            continue
        reports.append(RowReport(line, user.email, True, f"Invited as {user.role}.", user, secret))
    return reports
