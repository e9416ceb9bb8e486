"""`flask designs import FILE... --owner EMAIL` and `flask designs export ID -o FILE`."""

from pathlib import Path

import click
from flask.cli import AppGroup

from designer.auth.services import find_user
from designer.designs.transfer import ImportRejected, dumps, export_document, import_files
from designer.exports.formats import APPROVED_FORMATS
from designer.extensions import db
from designer.models import Design


@click.group("designs", cls=AppGroup)  # app context also under the test runner
def designs_cli():
    """Import and export designs as JSON."""


@designs_cli.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--owner", required=True, help="Email of the account that will own the designs.")
def import_command(files: tuple[Path, ...], owner: str):
    """Validate FILES and store them as new designs; store nothing if any file is invalid."""
    user = find_user(db.session, owner)
    if user is None:
        raise click.ClickException(f"There is no account {owner}; create it with 'flask users create'.")
    try:
        designs = import_files(db.session, [(str(f), f.read_bytes()) for f in files], user)
        db.session.commit()
    except ImportRejected as exc:
        db.session.rollback()
        click.echo(str(exc), err=True)
        raise click.ClickException(
            "Nothing was imported: fix the problems above and run the command again.") from None
    for path, design in zip(files, designs, strict=True):
        click.echo(f"{design.id}\t{path}")


@designs_cli.command("export")
@click.argument("design_id", type=int)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--format", "fmt", type=click.Choice(["json", *APPROVED_FORMATS]), default="json",
              show_default=True, help="json: the latest revision; the others: the approved revision as a "
              "syllabus PDF, an Open Badges 3.0 Achievement or credential template, CTDL or ELM.")
def export_command(design_id: int, output: Path, fmt: str):
    """Write design DESIGN_ID's latest revision (json) or approved revision (other formats) to a file."""
    design = db.session.get(Design, design_id)
    if design is None:
        raise click.ClickException(f"There is no design {design_id}.")
    if fmt in APPROVED_FORMATS:
        from designer.exports.cli import export_approved

        export_approved(design, fmt, output)
        click.echo(f"Wrote the approved revision of design {design_id} to {output}")
        return
    output.write_text(dumps(export_document(db.session, design)), encoding="utf-8")
    click.echo(f"Wrote design {design_id} to {output}")


@designs_cli.command("purge-deleted")
def purge_deleted_command():
    """Remove for good the drafts deleted more than 30 days ago (run daily, e.g. from cron or Celery beat)."""
    from designer.designs.services import RESTORE_DAYS, purge_deleted

    removed = purge_deleted(db.session)
    db.session.commit()
    plural = "s" if removed != 1 else ""
    click.echo(f"Removed {removed} design{plural} deleted more than {RESTORE_DAYS} days ago.")
