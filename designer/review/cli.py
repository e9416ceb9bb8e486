"""`flask review audit DESIGN_ID`: the audit trail of a design as CSV, for auditors without a login."""

import sys

import click
from flask.cli import AppGroup

from designer.extensions import db
from designer.models import Design
from designer.review import queries


@click.group("review", cls=AppGroup)
def review_cli():
    """Committee review records."""


@review_cli.command("audit")
@click.argument("design_id", type=int)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout)."
)
def audit_command(design_id: int, output: str | None):
    """Write the audit trail of DESIGN_ID as CSV; exit 1 if there is no such design."""
    design = db.session.get(Design, design_id)
    if design is None:
        click.echo(f"Error: there is no design with id {design_id}.", err=True)
        sys.exit(1)
    body = queries.audit_csv(queries.audit_trail(db.session, design))
    if output:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(body)
        click.echo(f"Wrote {body.count(chr(10)) - 1} event(s) to {output}.")
    else:
        click.echo(body, nl=False)


@click.group("notifications", cls=AppGroup)
def notifications_cli():
    """Notification email."""


@notifications_cli.command("send-digests")
@click.option("--now", "now_text", default="",
              help="Send what was notified up to this ISO time (default: now).")
def send_digests_command(now_text: str):
    """Email every digest reader the notifications since their last digest (run once a day)."""
    from datetime import UTC, datetime

    from designer.review.digest import send_digests

    try:
        now = datetime.fromisoformat(now_text) if now_text else datetime.now(UTC)
    except ValueError:
        raise click.BadParameter("give a time such as 2026-12-01T18:00+05:30", param_hint="--now") from None
    if now.tzinfo is None:
        raise click.BadParameter("give the time with its zone, e.g. 2026-12-01T18:00+05:30",
                                 param_hint="--now")
    sent = send_digests(db.session, now)
    db.session.commit()
    click.echo(f"Sent {sent} digest email{'s' if sent != 1 else ''}.")
