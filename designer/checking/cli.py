"""`flask rubric score FILE.json [--rubric ID] [--json]` and `flask rubric list`.

Thin wrappers over `rubrics.cli` (which also runs as `python -m rubrics` without Flask), adding the app's
configuration: the default rubric and the institution's rubric folder, and the uploaded rubrics brought up
to date from the database when there is one (without it, the shipped rubrics and RUBRICS_DIR still work).
"""

import click
from flask import current_app
from flask.cli import with_appcontext

from rubrics import cli as rubric_cli


def _dir_args() -> list[str]:
    from sqlalchemy.exc import SQLAlchemyError

    from designer.extensions import db
    from designer.institution.rubric_store import refresh, rubric_dirs

    try:
        refresh(current_app.config)
    except SQLAlchemyError:  # no database (yet): score with what is on disk
        db.session.rollback()
    # Uploaded rubrics (their newest versions, as files) first, then RUBRICS_DIR.
    return [arg for folder in rubric_dirs(current_app.config) for arg in ("--rubric-dir", folder)]


@click.group("rubric")
def rubric_cli_group():
    """Score designs against rubrics; list the rubrics."""


@rubric_cli_group.command("score")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--rubric", "rubric_id", default=None, help="Rubric id (default: DEFAULT_RUBRIC).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@with_appcontext
def score_command(file: str, rubric_id: str | None, as_json: bool):
    """Score a design file (JSON); exit 1 if the file or the rubric cannot be used."""
    args = [file, "--rubric", rubric_id or current_app.config["DEFAULT_RUBRIC"], *_dir_args()]
    raise SystemExit(rubric_cli.main(args + (["--json"] if as_json else [])))


@rubric_cli_group.command("list")
@with_appcontext
def list_command():
    """List the rubrics with their versions."""
    raise SystemExit(rubric_cli.main(["--list", *_dir_args()]))
