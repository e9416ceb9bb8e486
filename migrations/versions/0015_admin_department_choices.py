"""admin: a design's department is one of the managed departments

Revision ID: 0015_admin_department_choices
Revises: 0014_revise_response

The editor now offers the managed list instead of free text. Departments typed since 0006 (or typed
differently) are mapped here: a value that equals a managed department but for case and spacing takes that
department's name; any other value becomes a new department of its institution. Nothing is dropped: every
changed value is written to the admin log (admin_events: "map department", design or account, old and new
text), so the old spelling can still be read. No schema change; downgrade leaves the names as they are
(they are valid free text).
"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0015_admin_department_choices'
down_revision = '0014_revise_response'
branch_labels = None
depends_on = None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def upgrade():
    conn = op.get_bind()
    now = datetime.now(timezone.utc)
    managed: dict[tuple[str, str], str] = {}
    for institution, name in conn.execute(sa.text("SELECT institution, name FROM departments ORDER BY id")):
        managed.setdefault((institution, _key(name)), name)
    events = []
    for table, label in (("designs", "design"), ("users", "account")):
        rows = conn.execute(sa.text(f"SELECT id, institution, department FROM {table} "  # noqa: S608
                                    "WHERE department <> '' ORDER BY id")).all()
        for row_id, institution, department in rows:
            key = (institution, _key(department))
            if not key[1]:
                continue
            if key not in managed:
                name = " ".join(department.split())[:200]
                conn.execute(sa.text("INSERT INTO departments (institution, name, active, created_at) "
                                     "VALUES (:i, :n, :a, :c)"), {"i": institution, "n": name, "a": True, "c": now})
                managed[key] = name
            name = managed[key]
            if name != department:
                conn.execute(sa.text(f"UPDATE {table} SET department = :n WHERE id = :id"),  # noqa: S608
                             {"n": name, "id": row_id})
                events.append({"actor_name": "migration 0015", "action": "map department",
                               "target": f"{label} {row_id}", "detail": f"{department!r} -> {name!r}",
                               "created_at": now})
    if events:
        conn.execute(sa.text("INSERT INTO admin_events (actor_id, actor_name, action, target, detail, "
                             "created_at) VALUES (NULL, :actor_name, :action, :target, :detail, :created_at)"),
                     events)


def downgrade():
    pass
