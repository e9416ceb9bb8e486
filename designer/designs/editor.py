"""Editor helpers: building the form for a document, adding and removing rows, listing errors.

Kept apart from the views so the views stay a few lines each.
"""

from collections.abc import Iterator

from wtforms import Field
from wtforms.fields import FieldList, FormField

from designer.designs.document import document_to_data, next_id
from designer.designs.forms import DesignForm

ID_PREFIX = {"outcomes": "LO", "activities": "A", "assessments": "AS"}
# Rows shown even when empty, to invite filling them in.
MIN_ROWS = {"outcomes": 1, "activities": 1, "assessments": 1}
ROW_LISTS = ("outcomes", "activities", "assessments", "resources", "partners", "need_evidence", "nos",
             "translations")


def form_for(document: dict, *, base_revision: int, department: str = "") -> DesignForm:
    """A filled editor for `document` (GET, or after a row operation)."""
    data = document_to_data(document, department=department)
    return _form_from_data(data, base_revision)


def _form_from_data(data: dict, base_revision: int) -> DesignForm:
    for name, minimum in MIN_ROWS.items():
        while len(data[name]) < minimum:
            data[name].append(_blank_row(name, data[name]))
    form = DesignForm(formdata=None, data=data)
    form.base_revision.data = str(base_revision)
    form.set_outcome_choices()
    return form


def _blank_row(name: str, existing: list[dict]) -> dict:
    if name in ID_PREFIX:
        return {"id": next_id(ID_PREFIX[name], [r.get("id") for r in existing if r.get("id")])}
    return {}


def apply_row_operation(form: DesignForm, op: str) -> tuple[DesignForm, str]:
    """Handle `add-<list>` and `remove-<list>-<index>` buttons; returns the new form and a message."""
    data = form.data
    action, _, rest = op.partition("-")
    name, _, index = rest.rpartition("-") if action == "remove" else (rest, "", "")
    if name not in ROW_LISTS:
        return form, "That button did nothing."
    rows = data[name]
    if action == "add":
        rows.append(_blank_row(name, rows))
        if name == "translations":
            rows[-1]["outcomes"] = [{"id": o.get("id"), "text": ""} for o in data["outcomes"]]
        message = f"Added a row to {name.replace('_', ' ')}. Fill it in and save."
    elif index.isdigit() and int(index) < len(rows):
        rows.pop(int(index))
        message = f"Removed a row from {name.replace('_', ' ')}. Save to keep the change."
    else:
        return form, "That row no longer exists."
    return _form_from_data(data, int(form.base_revision.data or 0)), message


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
