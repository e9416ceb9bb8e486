"""`flask approval remind`: email reviewers whose assigned reviews are due soon or overdue."""

import click
from flask.cli import AppGroup

from designer.approval.assignments import send_due_reminders
from designer.extensions import db
from designer.models import utcnow


@click.group("approval", cls=AppGroup)
def approval_cli():
    """Multi-stage approval."""


@approval_cli.command("remind")
def remind_command():
    """Send the due and overdue review reminders (each once); safe to run as often as you like."""
    sent = send_due_reminders(db.session, utcnow())
    db.session.commit()
    click.echo(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")
