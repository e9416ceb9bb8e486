"""Field-by-field comparison of two design documents, in words a person reads.

`describe()` flattens a document into labelled lines keyed by a stable key (an outcome is keyed by its
id, not its position), so comparing two revisions says "Outcome LO3 changed" rather than "index 2 moved".
Used by the edit-conflict page and by revision history.
"""

from dataclasses import dataclass

from designer.designs import vocabulary as v

SCALARS = [
    ("title", "Title"),
    ("code", "Course code"),
    ("summary", "Summary"),
    ("purpose", "Purpose"),
    ("target_learners", "Target learners"),
    ("prerequisites", "Prerequisites"),
    ("field_of_study", "Field of study"),
    ("credits", "Credits"),
    ("delivery_mode", "Delivery mode"),
    ("duration_weeks", "Duration (weeks)"),
    ("accessibility", "Accessibility"),
    ("integrity", "Academic integrity"),
]
NESTED = [
    ("awarding_body", "Awarding body"),
    ("level", "Level"),
    ("grading", "Grading"),
    ("quality_assurance", "Quality assurance"),
    ("stackability", "Stackability"),
    ("nsqf", "NSQF alignment"),
]
LISTS = [("tags", "Tags"), ("languages", "Languages"), ("recognition", "Recognition")]
ROWS = [  # list key, singular label, id key (None: position), how to describe a row
    ("outcomes", "Outcome", "id"),
    ("activities", "Activity", "id"),
    ("assessments", "Assessment", "id"),
    ("resources", "Resource", None),
    ("partners", "Partner", None),
    ("need_evidence", "Evidence of need", None),
]


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
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(_fmt(x) for x in value)
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_fmt(x)}" for k, x in value.items())
    return "" if value is None else str(value)


def _row_text(key: str, row: dict) -> str:
    if key == "outcomes":
        return _fmt(row.get("text"))
    parts = [_fmt(row.get(f)) for f in ("title", "name", "description") if row.get(f)]
    if row.get("kind"):
        parts.append(
            v.label(
                v.ACTIVITY_KINDS + v.ASSESSMENT_KINDS + v.RESOURCE_KINDS + v.PARTNER_KINDS + v.EVIDENCE_KINDS,
                row["kind"],
            ).lower()
        )
    for field, unit in (("purpose", ""), ("hours", " h"), ("weight", "%"), ("week", "")):
        if row.get(field) is not None:
            parts.append(("week " if field == "week" else "") + _fmt(row[field]) + unit)
    if row.get("outcomes"):
        parts.append("outcomes " + _fmt(row["outcomes"]))
    for field in ("criteria", "supervision", "role", "agreement", "source", "url", "licence"):
        if row.get(field):
            parts.append(f"{field}: {_fmt(row[field])}")
    return " · ".join(parts)


def describe(document: dict) -> list[Line]:
    """The document as labelled lines with stable keys, in editor order."""
    doc = document if isinstance(document, dict) else {}
    lines = [
        Line(k, "Basics", label, _fmt(doc.get(k))) for k, label in SCALARS if doc.get(k) not in (None, "")
    ]
    lines += [Line(k, "Basics", label, _fmt(doc.get(k))) for k, label in NESTED + LISTS if doc.get(k)]
    for key, singular, id_key in ROWS:
        for index, row in enumerate(r for r in doc.get(key) or [] if isinstance(r, dict)):
            ident = row.get(id_key) if id_key else None
            name = ident or str(index + 1)
            lines.append(
                Line(
                    f"{key}:{name}",
                    key.replace("_", " ").capitalize(),
                    f"{singular} {name}",
                    _row_text(key, row),
                )
            )
    for lang, text in (doc.get("translations") or {}).items():
        lines.append(Line(f"translations:{lang}", "Translations", f"Translation ({lang})", _fmt(text)))
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
    rows = {}
    for key, _singular, id_key in ROWS:
        for index, row in enumerate(r for r in doc.get(key) or [] if isinstance(r, dict)):
            rows[f"{key}:{(row.get(id_key) if id_key else None) or index + 1}"] = row
    return rows


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
