"""Institution rubrics uploaded by admins, and which rubric scores designs.

Uploads are validated by the rubric engine's own loader (its errors name the line) and kept in the
database (every version, for re-audits); the database is where they live. Each machine keeps a copy of the
newest version of each id as `<id>.toml` in its RUBRICS_STORE_DIR, which the engine reads beside RUBRICS_DIR
and the shipped rubrics; every request compares that copy with the database (part of the one query that
reads the institution's default) and rewrites it when an upload is newer. Loaded rubrics are cached under
the folders' file times, so an upload or a new default takes effect at the next request, in every process
on every machine, with no restart.
"""

import os
import tempfile
import tomllib
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, g, has_app_context, has_request_context
from flask_login import current_user
from sqlalchemy.orm import Session

import rubrics
from designer.admin import audit
from designer.institution.models import InstitutionProfile, RubricUpload
from designer.models import User
from rubrics.loader import RUBRIC_ID

MAX_SOURCE_BYTES = 256 * 1024


class RubricUploadError(ValueError):
    """Why an uploaded rubric was refused (the loader's message, naming the line)."""


def rubric_dirs(config) -> list[str]:
    """Where the engine looks for rubrics before the shipped ones: uploads first, then RUBRICS_DIR."""
    return [d for d in (config.get("RUBRICS_STORE_DIR") or "", config.get("RUBRICS_DIR") or "") if d]


def dirs_stamp(dirs) -> tuple:
    """Changes whenever a rubric file in `dirs` is added, replaced or removed (names and file times)."""
    stamp = []
    for directory in dirs:
        try:
            with os.scandir(directory) as entries:
                stamp += sorted((e.name, e.stat().st_mtime_ns) for e in entries if e.name.endswith(".toml"))
        except FileNotFoundError:
            continue
    return tuple(stamp)


_synced: dict[str, tuple] = {}  # RUBRICS_STORE_DIR (real path) -> the uploads it holds, in this process


def _institution(config, institution: str | None) -> str:
    """The institution whose default applies: the one named, else the logged-in person's, else the
    installation's (INSTITUTION_NAME: the command line, emails sent outside requests)."""
    if institution:
        return institution
    if has_request_context():
        if current_user.is_authenticated:
            return current_user.institution
    return config.get("INSTITUTION_NAME", "")


def _state(config, institution: str) -> tuple[str, tuple]:
    """(the institution's chosen default or "", the uploads' stamp), in one query, once per request."""
    cache = g.setdefault("rubric_state", {}) if has_request_context() else {}
    if institution not in cache:
        from designer.extensions import db

        chosen, count, newest = db.session.execute(sa.select(
            sa.select(InstitutionProfile.default_rubric)
            .where(InstitutionProfile.name == institution).scalar_subquery(),
            sa.select(sa.func.count(RubricUpload.id)).scalar_subquery(),
            sa.select(sa.func.max(RubricUpload.id)).scalar_subquery(),
        )).one()
        cache[institution] = (chosen or "", (count, newest))
        refresh_store(db.session, config, (count, newest))
    return cache[institution]


def refresh_store(session: Session, config, stamp: tuple) -> None:
    """Bring this machine's RUBRICS_STORE_DIR up to the database when it holds other uploads than the
    database (`stamp`: how many and the newest): an upload made through any process, on any machine, is
    used by every process from its next request, with no restart and no shared disk."""
    folder = config.get("RUBRICS_STORE_DIR") or ""
    if not folder:
        return
    key = os.path.realpath(folder)
    # The folder's own file times too: a copy deleted or edited on this machine is written again.
    if _synced.get(key) != (stamp, dirs_stamp([folder])):
        write_store(session, config)
        _synced[key] = (stamp, dirs_stamp([folder]))


def default_rubric_id(config, institution: str | None = None) -> str:
    """The rubric designs of `institution` are scored with: its profile's chosen default, else
    DEFAULT_RUBRIC. Without `institution`: the logged-in person's (see _institution). Read once per request
    and institution; the same query brings the uploaded rubrics on this machine up to date."""
    chosen = ""
    if has_app_context():
        chosen = _state(config, _institution(config, institution))[0]
    return chosen or config["DEFAULT_RUBRIC"]


def refresh(config) -> None:
    """Make the uploaded rubrics on this machine those of the database (once per request)."""
    if has_app_context():
        _state(config, _institution(config, None))


def available(config) -> list[rubrics.Rubric]:
    refresh(config)
    return rubrics.list_rubrics(rubric_dirs(config))


def _error(message: str, temp_path: Path, filename: str) -> RubricUploadError:
    return RubricUploadError(message.replace(str(temp_path), filename))


def check_upload(config, data: bytes, filename: str) -> tuple[rubrics.Rubric, str]:
    """The rubric an uploaded file defines and its source text.

    Raises:
        RubricUploadError: not UTF-8, too large, or invalid (the message names the line).
    """
    if len(data) > MAX_SOURCE_BYTES:
        raise RubricUploadError(f"{filename}: the file is larger than {MAX_SOURCE_BYTES // 1024} KB.")
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RubricUploadError(f"{filename}: the file is not UTF-8 text.") from None
    try:
        declared = tomllib.loads(source).get("id")
    except tomllib.TOMLDecodeError:
        declared = None  # the loader below reports the line
    stem = declared if isinstance(declared, str) and RUBRIC_ID.match(declared) else Path(filename).stem
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{stem}.toml"
        path.write_text(source, encoding="utf-8")
        try:
            rubric = rubrics.load_rubric_file(path, rubric_dirs(config))
        except rubrics.RubricError as exc:
            raise _error(str(exc), path, filename) from None
    return rubric, source


def store_upload(session: Session, actor: User, rubric: rubrics.Rubric, source: str) -> RubricUpload:
    """Keep a validated upload as a new version (only flushes; `write_store` after the commit).

    Raises:
        RubricUploadError: this id and version is already stored with other content (versions are never
            overwritten: raise the version).
    """
    existing = session.scalar(
        sa.select(RubricUpload).where(
            RubricUpload.rubric_id == rubric.id, RubricUpload.version == rubric.version
        )
    )
    if existing is not None:
        raise RubricUploadError(
            f"Version {rubric.version} of {rubric.id} is already stored; give the new "
            "file a higher version so decisions made with the old one can be re-audited."
        )
    upload = RubricUpload(
        rubric_id=rubric.id,
        version=rubric.version,
        title=rubric.title,
        source=source,
        uploaded_by_name=actor.name,
    )
    session.add(upload)
    session.flush()
    audit.record(session, actor, "upload rubric", rubric.id, f"version {rubric.version}")
    return upload


def versions(session: Session, rubric_id: str | None = None) -> list[RubricUpload]:
    query = sa.select(RubricUpload).order_by(
        RubricUpload.rubric_id, RubricUpload.uploaded_at.desc(), RubricUpload.id.desc()
    )
    if rubric_id is not None:
        query = query.where(RubricUpload.rubric_id == rubric_id)
    return list(session.scalars(query))


def write_store(session: Session, config) -> None:
    """Make RUBRICS_STORE_DIR hold exactly the newest version of every uploaded rubric (atomic replaces)."""
    folder = Path(config["RUBRICS_STORE_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    newest: dict[str, RubricUpload] = {}
    for upload in versions(session):
        newest.setdefault(upload.rubric_id, upload)
    for stale in folder.glob("*.toml"):  # a mirror of the database: nothing else belongs here
        if stale.stem not in newest:
            stale.unlink()
    for rubric_id, upload in newest.items():
        target = folder / f"{rubric_id}.toml"
        if target.is_file() and target.read_text(encoding="utf-8") == upload.source:
            continue
        temp = target.with_suffix(".toml.tmp")
        temp.write_text(upload.source, encoding="utf-8")
        os.replace(temp, target)


def choose_default(session: Session, actor: User, profile: InstitutionProfile, rubric_id: str) -> None:
    """Make `rubric_id` the institution's default (it must load)."""
    rubrics.load_rubric(rubric_id, rubric_dirs(current_app.config))
    if profile.default_rubric == rubric_id:
        return
    profile.default_rubric = rubric_id
    session.add(profile)
    session.flush()
    audit.record(session, actor, "choose default rubric", rubric_id)
