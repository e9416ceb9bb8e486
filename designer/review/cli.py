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
