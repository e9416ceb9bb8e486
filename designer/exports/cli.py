"""`flask pack build ...` and the PDF / Open Badges formats of `flask designs export`."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from designer.exports import syllabus
from designer.exports.cache import PdfCache, atomic_write
from designer.exports.formats import export_bytes
from designer.exports.jobs import html_builder
from designer.exports.packs import PackError, approved_by_ids, build_pack, find_approved, pack_entries
from designer.extensions import db
from designer.models import Design


@click.group("pack", cls=AppGroup)  # app context also under the test runner
def pack_cli():
    """Syllabi packs of approved designs."""


def _ids(value: str | None) -> list[int] | None:
    if not value:
        return None
    try:
        return [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise click.BadParameter("give design ids separated by commas, e.g. 1,2,3",
                                 param_hint="--ids") from None


@pack_cli.command("build")
@click.option("--title", required=True, help="Printed on the cover, e.g. the workshop's name and date.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--tag", default="", help="Only approved designs with this tag.")
@click.option("--level", type=float, default=None, help="Only approved designs at this level, e.g. 5 or 5.5.")
@click.option("--department", default="", help="Only approved designs of this department.")
@click.option("--search", default="", help="Only approved designs whose title or code contains this.")
@click.option("--ids", default=None, help="Exactly these approved designs, in this order: 1,2,3.")
@click.option("--duplex", is_flag=True, help="Start each syllabus on an odd page (double-sided printing).")
@click.option("--workers", type=int, default=None, help="Worker processes (default: PACK_WORKERS).")
def build_command(title, output, tag, level, department, search, ids, duplex, workers):
    """Build one PDF of approved syllabi: cover, contents, each syllabus numbered on its own."""
    id_list = _ids(ids)
    try:
        if id_list is not None:
            designs = approved_by_ids(db.session, id_list)
            designs = [d for d in designs if _matches(d, tag, level, department, search)]
        else:
            designs = find_approved(db.session, search=search, department=department, level=level, tag=tag)
        if not designs:
            raise PackError("No approved design matches these filters, so there is nothing to put in a pack.")
        entries = pack_entries(db.session, designs)
        config = current_app.config

        def progress(done: int, total: int) -> None:
            filled = 30 * done // max(total, 1)
            bar = "#" * filled + "-" * (30 - filled)
            click.echo(f"\r[{bar}] {done}/{total} syllabi ready", nl=done == total, err=True)

        pages = build_pack(entries, html_builder(db.session, designs, config),
                           PdfCache(config["PDF_CACHE_DIR"]), output, title=title, duplex=duplex,
                           workers=config["PACK_WORKERS"] if workers is None else workers, progress=progress,
                           strict=syllabus.strict(config))
    except PackError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Wrote {output}: {len(entries)} syllabi, {pages} pages")


def _matches(design: Design, tag: str, level: float | None, department: str, search: str) -> bool:
    """--ids combined with filters: the filters narrow the list (checked through the same SQL)."""
    if not (tag or level is not None or department or search):
        return True
    return bool(find_approved(db.session, search=search, department=department, level=level, tag=tag,
                              ids=[design.id]))


def export_approved(design: Design, fmt: str, output: Path) -> None:
    """Write the approved revision of `design` in format `fmt` (see formats.FORMATS) to `output`.

    Raises click.ClickException (exit 1) when the design has no approved revision.
    """
    try:
        data = export_bytes(db.session, design, fmt, current_app.config, turtle=output.suffix == ".ttl")
    except syllabus.NotApproved as exc:
        raise click.ClickException(str(exc)) from None
    atomic_write(output, data)
