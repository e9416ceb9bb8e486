"""`flask people invite-csv FILE`: the bulk invitation of the admin page, from the command line.

The same service (designer.admin.bulk) with the same per-row rule: each row is invited on its own, a bad
row is reported and leaves nothing behind, the good rows are kept and emailed. The exit status is 1 when
any row was refused (or the file could not be used at all: then nothing is written), so a script notices.
"""

import sys

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from designer.admin import bulk
from designer.admin.mails import send_invitation
from designer.auth.services import AccountError
from designer.extensions import db
from designer.models import Role, User


@click.group("people", cls=AppGroup)
def people_cli():
    """Invite people."""


def _inviter(email: str | None, institution: str) -> User | None:
    if not email:
        return None
    user = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.strip().lower()))
    if user is None or not user.active or not user.has_role(Role.ADMIN) or user.institution != institution:
        raise click.UsageError(f"--by {email}: not an active admin of {institution}.")
    return user


@people_cli.command("invite-csv")
@click.argument("file", type=click.File("rb"))
@click.option("--by", "by_email", default=None,
              help="The admin the invitations come from (named in the email and the admin audit log; "
                   "default: 'system').")
@click.option("--institution", default=None, help="Default: INSTITUTION_NAME from the configuration.")
def invite_csv_command(file, by_email, institution):
    """Invite everyone in FILE (CSV: email, name, department, role; several roles separated by ';'; the
    department one of the institution's departments, or empty)."""
    base = (current_app.config.get("BASE_URL") or "").rstrip("/")
    if not base:
        click.echo("Set BASE_URL (e.g. https://designer.example.edu): the emailed links need the app's "
                   "address. Nobody was invited.", err=True)
        sys.exit(1)
    institution = institution or current_app.config["INSTITUTION_NAME"]
    actor = _inviter(by_email, institution)
    try:
        reports = bulk.bulk_invite(db.session, actor, bulk.decode(file.read()), institution=institution)
    except AccountError as exc:
        db.session.rollback()
        click.echo(f"{file.name}: {exc} Nobody was invited.", err=True)
        sys.exit(1)
    db.session.commit()
    with current_app.test_request_context(base_url=base):  # for the links' full address
        for report in reports:
            if report.ok:
                send_invitation(report.user, report.secret, actor)
    for report in reports:
        click.echo(f"line {report.line}: {report.email or '(no email)'}: "
                   f"{'invited' if report.ok else 'REFUSED'}: {report.message}")
    refused = sum(not r.ok for r in reports)
    click.echo(f"{len(reports) - refused} invited, {refused} refused"
               + (" (nothing was written for the refused rows; fix them and run again with those rows)."
                  if refused else "."))
    sys.exit(1 if refused else 0)
