"""Editor helpers: building the form for a document, adding and removing rows, listing errors.

Kept apart from the views so the views stay a few lines each.

Adding or removing a row works on the submitted form data itself (renumbering the row keys), not on
the parsed values: whatever the person typed, even a not-yet-valid "12,5 h", comes back exactly as
typed, and nothing is validated or saved until they press Save.
"""

import re
from collections.abc import Iterator

from werkzeug.datastructures import MultiDict
from wtforms import Field
from wtforms.fields import FieldList, FormField

from designer.designs.document import NESTED, document_to_data, next_id
from designer.designs.forms import DesignForm
from designer.designs.validation import Problem

ID_PREFIX = {"outcomes": "LO", "activities": "A", "assessments": "AS"}
# Rows shown even when empty, to invite filling them in.
MIN_ROWS = {"outcomes": 1, "activities": 1, "assessments": 1}
ROW_LISTS = (
    "outcomes",
    "activities",
    "assessments",
    "resources",
    "partners",
    "need_evidence",
    "nos",
    "translations",
)
_ROW_KEY = re.compile(r"^(?P<name>[a-z_]+)-(?P<index>\d+)-(?P<rest>.+)$")


def form_for(document: dict, *, base_revision: int, department: str = "") -> DesignForm:
    """A filled editor for `document` (GET)."""
    data = document_to_data(document, department=department)
    for name, minimum in MIN_ROWS.items():
        while len(data[name]) < minimum:
            data[name].append(_blank_row(name, [r.get("id") for r in data[name]]))
    form = DesignForm(formdata=None, data=data)
    form.base_revision.data = str(base_revision)
    form.set_outcome_choices()
    return form


def _blank_row(name: str, existing_ids: list) -> dict:
    if name in ID_PREFIX:
        return {"id": next_id(ID_PREFIX[name], [i for i in existing_ids if i])}
    return {}


def _split(formdata: MultiDict) -> tuple[list[tuple[str, str]], dict[str, dict[int, list[tuple[str, str]]]]]:
    """Plain (key, value) pairs, and row pairs grouped as {list name: {index: [(rest of key, value)]}}."""
    plain, rows = [], {name: {} for name in ROW_LISTS}
    for key, value in formdata.items(multi=True):
        match = _ROW_KEY.match(key)
        if match and match["name"] in rows:
            rows[match["name"]].setdefault(int(match["index"]), []).append((match["rest"], value))
        else:
            plain.append((key, value))
    return plain, rows


def _ids(row_pairs: dict[int, list[tuple[str, str]]]) -> list[str]:
    return [
        value for index in sorted(row_pairs) for rest, value in row_pairs[index] if rest == "id" and value
    ]


def apply_row_operation(formdata: MultiDict, op: str) -> tuple[DesignForm, str]:
    """Handle `add-<list>` and `remove-<list>-<index>` buttons; returns the new form and a message."""
    plain, rows = _split(formdata)
    action, _, rest = op.partition("-")
    name, _, index = rest.rpartition("-") if action == "remove" else (rest, "", "")
    if name not in ROW_LISTS or action not in {"add", "remove"}:
        message = "That button did nothing."
    elif action == "add":
        blank = _blank_row(name, _ids(rows[name]))
        new_index = max(rows[name], default=-1) + 1
        rows[name][new_index] = list(blank.items()) or [("_new", "")]
        message = f"Added {_row_label(name, blank)}. Fill it in, then save."
    elif index.isdigit() and int(index) in rows[name]:
        removed = dict(rows[name].pop(int(index)))
        message = f"Removed {_row_label(name, removed)}. Save to keep the change."
    else:
        message = "That row no longer exists."
    for list_name, minimum in MIN_ROWS.items():
        while len(rows[list_name]) < minimum:
            rows[list_name][max(rows[list_name], default=-1) + 1] = list(
                _blank_row(list_name, _ids(rows[list_name])).items()
            )
    _sync_translation_outcomes(rows)
    pairs = list(plain)
    for list_name, by_index in rows.items():
        for new_index, old_index in enumerate(sorted(by_index)):
            pairs.extend((f"{list_name}-{new_index}-{rest}", value) for rest, value in by_index[old_index])
    form = DesignForm(formdata=MultiDict(pairs))
    form.set_outcome_choices()
    return form, message


def _row_label(name: str, row: dict) -> str:
    singular = {
        "outcomes": "outcome",
        "activities": "activity",
        "assessments": "assessment",
        "resources": "resource",
        "partners": "partner",
        "need_evidence": "evidence of need",
        "nos": "NOS",
        "translations": "translation",
    }[name]
    ident = row.get("id")
    return f"{singular} {ident}" if ident else f"a {singular}" if name != "need_evidence" else singular


def _sync_translation_outcomes(rows: dict) -> None:
    """Every translation offers a box for every outcome (also for outcomes added since it was opened)."""
    outcome_ids = _ids(rows["outcomes"])
    for pairs in rows["translations"].values():
        present, count = set(), 0
        for rest, value in pairs:
            match = re.match(r"^outcomes-(\d+)-id$", rest)
            if match:
                present.add(value)
                count = max(count, int(match.group(1)) + 1)
        for ident in outcome_ids:
            if ident not in present:
                pairs.extend([(f"outcomes-{count}-id", ident), (f"outcomes-{count}-text", "")])
                count += 1


def iter_errors(form) -> Iterator[tuple[str, str, str]]:
    """(field id, label, message) for every error, depth first, in page order."""
    for field in form:
        yield from _field_errors(field)


def _field_errors(field: Field) -> Iterator[tuple[str, str, str]]:
    if isinstance(field, FieldList):
        for entry in field:
            yield from _field_errors(entry)
    elif isinstance(field, FormField):
        for sub in field.form:
            yield from _field_errors(sub)
    else:
        for message in field.errors:
            yield field.id, field.label.text, message


_NESTED_FIELDS = {
    f"{key}/{doc_key}": field for key, mapping in NESTED.items() for doc_key, field in mapping.items()
}
_SPECIAL_FIELDS = {"level/value": "level", "level/framework": "framework", "nsqf/qp_code": "nsqf_qp_code"}


def attach_problems(form: DesignForm, problems: list[Problem]) -> list[Problem]:
    """Show each document problem next to the field it is about; returns those that have no field."""
    fields = dict(_all_fields(form))
    unattached = []
    for problem in problems:
        field = fields.get(_field_id_of(form, problem.path))
        if field is None:
            unattached.append(problem)
        else:
            field.errors = [*field.errors, _plain(problem.message)]
    return unattached


def _plain(message: str) -> str:
    return message[0].upper() + message[1:] + ("" if message.endswith(".") else ".")


def _field_id_of(form: DesignForm, path: str) -> str:
    parts = path.split("/") if path else [""]
    two = "/".join(parts[:2])
    if two in _SPECIAL_FIELDS or two in _NESTED_FIELDS:
        return _SPECIAL_FIELDS.get(two) or _NESTED_FIELDS[two]
    if parts[0] in ROW_LISTS and parts[0] != "translations" and len(parts) >= 3 and parts[1].isdigit():
        # The document leaves blank rows out, so its row 0 may be the form's row 1.
        kept = [i for i, entry in enumerate(form[parts[0]]) if not entry.form.is_blank()]
        index = int(parts[1])
        return f"{parts[0]}-{kept[index]}-{parts[2]}" if index < len(kept) else ""
    return parts[0]


def _all_fields(form) -> Iterator[tuple[str, Field]]:
    for field in form:
        if isinstance(field, FieldList):
            for entry in field:
                yield from _all_fields(entry.form)
        else:
            yield field.id, field
