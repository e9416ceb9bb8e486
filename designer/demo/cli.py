"""`flask demo`: idempotent demo accounts and designs, with the passwords printed on screen."""

import json
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from designer.auth.services import create_user, find_user
from designer.designs.services import create_design
from designer.extensions import db
from designer.models import Design, Role

HERE = Path(__file__).parent
DEMO_USERS = [  # email, role, name, department, password
    ("faculty@demo.example", Role.FACULTY, "Dr Asha Verma", "School of Commerce", "demo-faculty-pass"),
    ("faculty2@demo.example", Role.FACULTY, "Prof Ravi Iyer", "School of Computing", "demo-faculty2-pass"),
    ("reviewer@demo.example", Role.REVIEWER, "Dr Meera Nair", "IQAC", "demo-reviewer-pass"),
    ("organiser@demo.example", Role.ORGANISER, "Sunil Rao", "Centre for Continuing Education",
     "demo-organiser-pass"),
    ("admin@demo.example", Role.ADMIN, "Admin", "Registrar's office", "demo-admin-pass"),
]
DEMO_DESIGNS = [  # file, owner email
    ("digital-marketing-analytics.json", "faculty@demo.example"),
    ("faulty.json", "faculty2@demo.example"),
]


def load_demo_document(name: str) -> dict:
    """A demo design document shipped with the app."""
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def seed_demo(session) -> list[str]:
    """Create what is missing; returns lines describing the accounts."""
    institution = current_app.config["INSTITUTION_NAME"]
    lines = []
    for email, role, name, department, password in DEMO_USERS:
        if find_user(session, email) is None:
            create_user(session, email=email, password=password, role=role.value, name=name,
                        institution=institution, department=department)
        lines.append(f"  {role.label:<28} {email:<26} password: {password}")
    for filename, owner_email in DEMO_DESIGNS:
        document = load_demo_document(filename)
        owner = find_user(session, owner_email)
        exists = session.scalar(sa.select(Design.id).where(Design.owner_id == owner.id,
                                                           Design.title == document["title"]))
        if exists is None:
            create_design(session, owner, document, department=owner.department, note="Demo data")
    from designer.review.demo import seed_review_demo  # one approved design, one waiting for review

    good = load_demo_document(DEMO_DESIGNS[0][0])
    seed_review_demo(session, current_app.config, good["title"], good)
    return lines


@click.command("demo")
@with_appcontext  # also under the test runner, not only `flask`
def demo_command():
    """Create demo accounts (one per role) and demo designs; safe to run again."""
    lines = seed_demo(db.session)
    db.session.commit()
    click.echo("Demo accounts (log in with these):")
    click.echo("\n".join(lines))
