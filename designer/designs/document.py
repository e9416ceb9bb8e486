"""Mapping between the editor form and the design document, derived from the catalogue.

The document is built from the previous revision and the form: keys the editor manages are replaced,
empty values are left out (so a half-filled draft stays schema-shaped), and the result is ordered like
the schema, so exports read the same way every time.
"""

import copy

from designer.designs.catalogue import DOCUMENT_FIELDS, MANAGED_KEYS, ROW_LISTS, Rows, get_path, put_path
from designer.designs.validation import schema


def _present(value) -> bool:
    # 0 and False are facts (a pass mark of 0, "not accessible"), not blanks.
    return value is not None and not (isinstance(value, str | list | dict) and not value)


def _compact(value):
    """The value without empty strings, lists and objects, at every depth."""
    if isinstance(value, dict):
        return {k: c for k, c in ((k, _compact(x)) for k, x in value.items()) if _present(c)}
    if isinstance(value, list):
        return [c for c in (_compact(x) for x in value) if _present(c)]
    return value.strip() if isinstance(value, str) else value


def _row(rows: Rows, entry_form) -> dict:
    return {f.key: f.to_document(entry_form[f.form].data) for f in rows.row_fields}


def _translations(entries) -> dict:
    result = {}
    for entry in entries:
        sub = entry.form
        if sub.is_blank() or not sub.lang.data:
            continue
        result[sub.lang.data] = {
            "title": sub.title.data,
            "summary": sub.summary.data,
            "outcomes": {o.form.id.data: o.form.text.data for o in sub.outcomes if o.form.id.data},
        }
    return result


def form_to_document(form, previous: dict) -> dict:
    """The document the form describes, keeping what the editor does not manage from `previous`."""
    built: dict = {}
    for f in DOCUMENT_FIELDS:
        put_path(built, f.key, f.to_document(form[f.form].data))
    for rows in ROW_LISTS.values():
        entries = form[rows.name]
        value = (
            _translations(entries)
            if rows.by_language
            else [_row(rows, e.form) for e in entries if not e.form.is_blank()]
        )
        put_path(built, rows.key, value)
    document = {k: v for k, v in copy.deepcopy(previous).items() if k not in MANAGED_KEYS}
    document["schema_version"] = "1"
    document |= _compact(built)
    return ordered(document)


def ordered(document: dict) -> dict:
    """The document with its keys in the schema's order (unknown keys last)."""
    order = list(schema()["properties"])
    return dict(sorted(document.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))


def document_to_data(document: dict, **extra) -> dict:
    """Form data (for `DesignForm(data=...)`) from a document; tolerant of incomplete drafts.

    `extra` gives the fields that are not in the document (the department is a column of the design).
    """
    doc = document if isinstance(document, dict) else {}
    data = {f.form: f.to_form(get_path(doc, f.key)) for f in DOCUMENT_FIELDS}
    for rows in ROW_LISTS.values():
        if not rows.by_language:
            found = get_path(doc, rows.key)
            data[rows.name] = [
                {f.form: f.to_form(row.get(f.key)) for f in rows.row_fields if f.key in row}
                for row in found or [] if isinstance(row, dict)
            ] if isinstance(found, list) else []
    translations = doc.get("translations") if isinstance(doc.get("translations"), dict) else {}
    data["translations"] = [
        _translation_data(lang, text, data["outcomes"])
        for lang, text in translations.items() if isinstance(text, dict)
    ]
    return data | extra


def _translation_data(lang: str, text: dict, outcomes: list[dict]) -> dict:
    translated = text.get("outcomes") or {}
    return {
        "lang": lang,
        "title": text.get("title"),
        "summary": text.get("summary"),
        "outcomes": [{"id": o.get("id"), "text": translated.get(o.get("id"), "")} for o in outcomes],
    }


def next_id(prefix: str, existing: list[str]) -> str:
    """The first unused id like LO3 after the existing ones."""
    n = len(existing) + 1
    while f"{prefix}{n}" in existing:
        n += 1
    return f"{prefix}{n}"
