"""`flask users create EMAIL --role ROLE`."""

import click
from flask import current_app
from flask.cli import AppGroup

from designer.auth.services import AccountError, create_user
from designer.extensions import db
from designer.models import Role


@click.group("users", cls=AppGroup)  # app context also under the test runner
def users_cli():
    """Manage accounts."""


@users_cli.command("create")
@click.argument("email")
# A plain string, checked by create_user: a wrong role is bad input (exit 1 with a message), like the others.
@click.option("--role", required=True, help=f"One of: {', '.join(r.value for r in Role)}.")
@click.option("--name", default="", help="Display name (default: the part before @).")
@click.option("--department", default="")
@click.option("--institution", default=None, help="Default: INSTITUTION_NAME from the configuration.")
@click.password_option(help="Prompted (twice) when not given.")
def create_command(email, role, name, department, institution, password):
    """Create an account."""
    try:
        user = create_user(
            db.session,
            email=email,
            password=password,
            role=role,
            name=name,
            institution=institution or current_app.config["INSTITUTION_NAME"],
            department=department,
        )
        db.session.commit()
    except AccountError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {user.role} account {user.email} (id {user.id}).")
