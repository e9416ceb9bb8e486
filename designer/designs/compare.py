"""Field-by-field comparison of two design documents, in words a person reads.

`describe()` flattens a document into labelled lines keyed by a stable key (an outcome is keyed by its
id, not its position), so comparing two revisions says "Outcome LO3 changed" rather than "index 2 moved".
Used by the edit-conflict page and by revision history.
"""

from dataclasses import dataclass

from designer.designs.catalogue import SECTIONS, Field, Rows, entries, get_path
from designer.template_helpers import fmt_number


def _lines_spec() -> list[tuple[str, Field | Rows]]:
    """(section title, field or row list) in editor order, for everything the document holds."""
    return [
        (section.title, item)
        for section in SECTIONS
        for item in entries(section.items)
        if isinstance(item, Rows) or item.path is not None
    ]


SPEC = _lines_spec()
ROW_LISTS = [item for _, item in SPEC if isinstance(item, Rows) and not item.by_language]


@dataclass(frozen=True)
class Line:
    key: str
    section: str
    label: str
    text: str


@dataclass(frozen=True)
class Row:
    label: str
    left: str
    right: str
    changed: bool


def _fmt(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return fmt_number(value)
    if isinstance(value, list):
        return ", ".join(_fmt(x) for x in value)
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_fmt(x)}" for k, x in value.items())
    return "" if value is None else str(value)


def _shown(field: Field, value) -> str:
    if field.kind == "choice":
        return dict(field.choices).get(value, str(value)).lower()
    return field.shown.format(_fmt(value))


def _row_text(rows: Rows, row: dict) -> str:
    return " · ".join(
        _shown(f, row[f.key]) for f in rows.row_fields if f.shown and row.get(f.key) not in (None, "", [])
    )


def _rows_of(document: dict, rows: Rows) -> list[tuple[str, dict]]:
    """(name, row) for each row: its id where the list has ids, else its position."""
    found = get_path(document, rows.key)
    kept = [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []
    return [((row.get("id") if rows.keyed_by_id else None) or str(i + 1), row) for i, row in enumerate(kept)]


def describe(document: dict) -> list[Line]:
    """The document as labelled lines with stable keys, in editor order."""
    doc = document if isinstance(document, dict) else {}
    lines = []
    for section, item in SPEC:
        if isinstance(item, Field):
            value = get_path(doc, item.key)
            if value not in (None, "", [], {}):
                lines.append(Line(item.key, section, item.label, _fmt(value)))
        elif item.by_language:
            for lang, text in (doc.get(item.key) or {}).items():
                lines.append(Line(f"{item.key}:{lang}", item.title, f"Translation ({lang})", _fmt(text)))
        else:
            for name, row in _rows_of(doc, item):
                label = f"{item.singular[0].upper()}{item.singular[1:]} {name}"
                lines.append(Line(f"{item.key}:{name}", item.title, label, _row_text(item, row)))
    return lines


def compare_documents(left: dict, right: dict) -> list[Row]:
    """Rows for a side-by-side table: every field in either document, marking those that differ."""
    left_lines = {line.key: line for line in describe(left)}
    right_lines = {line.key: line for line in describe(right)}
    keys = list(left_lines) + [k for k in right_lines if k not in left_lines]
    rows = []
    for key in keys:
        a, b = left_lines.get(key), right_lines.get(key)
        label = (a or b).label
        rows.append(
            Row(label, a.text if a else "(none)", b.text if b else "(none)", (a and a.text) != (b and b.text))
        )
    return rows


# --- Revision history: what changed between two revisions, as sentences. ---


@dataclass(frozen=True)
class Change:
    """One added, removed or changed item between two revisions."""

    kind: str  # "added", "removed" or "changed"
    section: str
    label: str
    before: str
    after: str
    details: tuple[str, ...] = ()

    @property
    def sentence(self) -> str:
        if self.kind == "added":
            return f"{self.label} added: {self.after}"
        if self.kind == "removed":
            return f"{self.label} removed: {self.before}"
        if self.details:
            return f"{self.label} changed: " + "; ".join(self.details)
        return f"{self.label} changed from “{self.before}” to “{self.after}”"


def _raw_rows(document: dict) -> dict[str, dict]:
    """Row dicts keyed like describe(), so a changed row can say which of its fields changed."""
    doc = document if isinstance(document, dict) else {}
    return {f"{rows.key}:{name}": row for rows in ROW_LISTS for name, row in _rows_of(doc, rows)}


def _field_details(before: dict, after: dict) -> tuple[str, ...]:
    details = []
    for field in list(before) + [f for f in after if f not in before]:
        old, new = _fmt(before.get(field)), _fmt(after.get(field))
        if old != new:
            name = field.replace("_", " ")
            if not old:
                details.append(f"{name} set to “{new}”")
            elif not new:
                details.append(f"{name} “{old}” removed")
            else:
                details.append(f"{name} from “{old}” to “{new}”")
    return tuple(details)


def diff_documents(before: dict, after: dict) -> list[Change]:
    """What was added, removed and changed from `before` to `after`, in editor order (rows by their id)."""
    old = {line.key: line for line in describe(before)}
    new = {line.key: line for line in describe(after)}
    old_rows, new_rows = _raw_rows(before), _raw_rows(after)
    changes = []
    for key in list(old) + [k for k in new if k not in old]:
        a, b = old.get(key), new.get(key)
        if a and not b:
            changes.append(Change("removed", a.section, a.label, a.text, ""))
        elif b and not a:
            changes.append(Change("added", b.section, b.label, "", b.text))
        elif a.text != b.text:
            both = key in old_rows and key in new_rows
            details = _field_details(old_rows[key], new_rows[key]) if both else ()
            changes.append(Change("changed", b.section, b.label, a.text, b.text, details))
    return changes
