"""JSON import and export of designs, all-or-nothing.

Import reads every file first and stores nothing unless all of them are valid, so a batch of
twenty files with one typo never leaves nineteen half-imported designs behind.
"""

import json
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from designer.designs.catalogue import COLUMN_KEYS
from designer.designs.services import create_design, latest_revision
from designer.designs.validation import Problem, parse_json, validate_document
from designer.models import Design, DesignRevision, User


@dataclass
class ImportRejected(Exception):
    """At least one file is invalid; `problems` maps each file name to its problems."""

    problems: dict[str, list[Problem]] = field(default_factory=dict)

    def __str__(self) -> str:
        lines = []
        for name, problems in self.problems.items():
            lines.append(f"{name}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
            lines.extend(f"  {p}" for p in problems)
        return "\n".join(lines)


def parse_document(name: str, data: bytes | str) -> tuple[dict | None, list[Problem]]:
    """Decode and validate one file; returns the document (or None) and its problems."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        document = parse_json(text)
    except UnicodeDecodeError:
        return None, [Problem("", "the file is not UTF-8 text; save it as UTF-8 JSON")]
    except json.JSONDecodeError as exc:
        return None, [Problem("", f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")]
    except ValueError as exc:  # NaN, Infinity, a huge integer, absurd nesting (see parse_json)
        return None, [Problem("", f"not a design file this app can read: {exc}")]
    if not isinstance(document, dict):
        return None, [Problem("", "a design file must hold one JSON object")]
    return document, validate_document(document, complete=True)


def import_files(session: Session, files: list[tuple[str, bytes | str]], owner: User) -> list[Design]:
    """Validate every file, then store one design per file (flush only; the caller commits).

    Raises:
        ImportRejected: any file is invalid; nothing was added to the session.
    """
    documents, rejected = [], ImportRejected()
    for name, data in files:
        document, problems = parse_document(name, data)
        if problems:
            rejected.problems[name] = problems
        documents.append(document)
    if rejected.problems:
        raise rejected
    return [_create(session, owner, doc) for doc in documents]


def _create(session: Session, owner: User, document: dict) -> Design:
    # The design's own columns (the department) come out of the file; the rest is the first revision.
    columns = {key: document.pop(key) for key in COLUMN_KEYS if key in document}
    return create_design(session, owner, document, department=(columns.get("department") or "").strip(),
                         note="Imported from JSON", complete=True, validated=True)


def export_document(session: Session, design: Design, revision: DesignRevision | None = None) -> dict:
    """What an import needs to recreate the design: the revision's document (the latest by default) as
    stored, with the design's department beside the course code."""
    document = (revision or latest_revision(session, design)).document
    exported = {}
    for key, value in document.items():
        exported[key] = value
        if key == "code" and design.department:
            exported["department"] = design.department
    if design.department:
        exported.setdefault("department", design.department)
    return exported


def dumps(document: dict) -> str:
    """The canonical text of an exported design: UTF-8, indented, Hindi kept readable."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
