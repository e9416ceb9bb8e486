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

from designer.designs.catalogue import ROW_LISTS, SECTIONS, field_id, section_of
from designer.designs.document import document_to_data, next_id
from designer.designs.forms import DesignForm
from designer.designs.validation import Problem
from designer.designs.vocabulary import LANGUAGES

MAX_ROWS = 200  # as the form's FieldLists (max_entries)
_ROW_KEY = re.compile(r"^(?P<name>[a-z_]+)-(?P<index>\d+)-(?P<rest>.+)$")


def form_for(document: dict, *, base_revision: int, department: str = "") -> DesignForm:
    """A filled editor for `document` (GET)."""
    data = document_to_data(document, department=department)
    for name, rows in ROW_LISTS.items():
        while len(data[name]) < rows.min_rows:
            data[name].append(_blank_row(name, [r.get("id") for r in data[name]]))
    form = DesignForm(formdata=None, data=data)
    form.base_revision.data = str(base_revision)
    return form


def _blank_row(name: str, existing_ids: list) -> dict:
    prefix = ROW_LISTS[name].id_prefix
    if prefix:
        return {"id": next_id(prefix, [i for i in existing_ids if i])}
    return {}


def _split(formdata: MultiDict) -> tuple[list[tuple[str, str]], dict[str, dict[int, list[tuple[str, str]]]]]:
    """Plain (key, value) pairs, and row pairs grouped as {list name: {index: [(rest of key, value)]}}."""
    plain, rows = [], {name: {} for name in ROW_LISTS}
    for key, value in formdata.items(multi=True):
        match = _ROW_KEY.match(key)
        if match and match["name"] in rows:
            # Rows past the list's limit are dropped here, while parsing, so that no later step (the
            # translations x outcomes sync) can multiply an oversized post into minutes of work.
            index = match["index"]
            if len(index) <= 4 and int(index) < MAX_ROW_INDEX and _has_room(rows[match["name"]], int(index),
                                                                            match["name"]):
                rows[match["name"]].setdefault(int(index), []).append((match["rest"], value))
        else:
            plain.append((key, value))
    return plain, rows


MAX_ROW_INDEX = 10_000  # row numbers from a page; rows are renumbered 0.. on every operation


def _has_room(rows: dict, index: int, name: str) -> bool:
    """Rows of list `name` so far leave room for row `index` (at most MAX_ROWS rows; translations: one per
    language)."""
    limit = len(LANGUAGES) if name == "translations" else MAX_ROWS
    return index in rows or len(rows) < limit


def _ids(row_pairs: dict[int, list[tuple[str, str]]]) -> list[str]:
    return [
        value for index in sorted(row_pairs) for rest, value in row_pairs[index] if rest == "id" and value
    ]


def rework_rows(formdata: MultiDict, op: str) -> tuple[MultiDict, str]:
    """Handle `add-<list>` and `remove-<list>-<index>` buttons: the posted data as the page shows it
    next (also what the autosaved copy keeps), and a message."""
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
    for list_name, spec in ROW_LISTS.items():
        while len(rows[list_name]) < spec.min_rows:
            rows[list_name][max(rows[list_name], default=-1) + 1] = list(
                _blank_row(list_name, _ids(rows[list_name])).items()
            )
    _sync_translation_outcomes(rows)
    pairs = list(plain)
    for list_name, by_index in rows.items():
        for new_index, old_index in enumerate(sorted(by_index)):
            pairs.extend((f"{list_name}-{new_index}-{rest}", value) for rest, value in by_index[old_index])
    return MultiDict(pairs), message


def _row_label(name: str, row: dict) -> str:
    ident = row.get("id")
    return f"{ROW_LISTS[name].singular} {ident}" if ident else ROW_LISTS[name].a()


def _sync_translation_outcomes(rows: dict) -> None:
    """Every translation offers a box for every outcome (also for outcomes added since it was opened)."""
    outcome_ids = _ids(rows["outcomes"])[:MAX_ROWS]
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


def attach_problems(form: DesignForm, problems: list[Problem]) -> list[Problem]:
    """Show each document problem next to the field it is about; returns those that have no field."""
    fields = dict(_all_fields(form))
    kept = kept_rows(form)
    unattached = []
    for problem in problems:
        field = fields.get(field_id(problem.path, kept))
        if field is None:
            unattached.append(problem)
        else:
            field.errors = [*field.errors, _plain(problem.message)]
    return unattached


def _plain(message: str) -> str:
    return message[0].upper() + message[1:] + ("" if message.endswith(".") else ".")


def kept_rows(form: DesignForm) -> dict[str, list[int]]:
    """Per row list, the form indexes of the rows the document keeps (blank rows are left out)."""
    return {
        name: [i for i, entry in enumerate(form[name]) if not entry.form.is_blank()] for name in ROW_LISTS
    }


def _all_fields(form) -> Iterator[tuple[str, Field]]:
    for field in form:
        if isinstance(field, FieldList):
            for entry in field:
                yield from _all_fields(entry.form)
        else:
            yield field.id, field


_ANCHOR = re.compile(r"^(section-)?[a-z_]{1,40}(-\d{1,4})?$")
_SECTION_IDS = frozenset(s.id for s in SECTIONS)


def section_for(anchor: str | None) -> str | None:
    """The catalogue id of the editor section a place on the page belongs to (a section's element id,
    "section-outcomes", or a row's, "outcomes-2"), or None for anything else: the page returns there after
    Save, and "Check my draft" opens after it."""
    if not anchor or not _ANCHOR.match(anchor):
        return None
    if anchor.startswith("section-"):
        return anchor.removeprefix("section-") if anchor.removeprefix("section-") in _SECTION_IDS else None
    name = anchor.split("-")[0]
    return section_of(ROW_LISTS[name]).id if "-" in anchor and name in ROW_LISTS else None
