"""Mapping between the editor form and the design document.

The document is built from the previous revision and the form: keys the editor manages are replaced,
empty values are left out (so a half-filled draft stays schema-shaped), and the result is ordered like
the schema, so exports read the same way every time.
"""

import copy

from designer.designs.forms import DesignForm
from designer.designs.validation import schema

ROW_FIELDS = {
    "outcomes": ("id", "text", "nos"),
    "activities": ("id", "title", "kind", "hours", "week", "outcomes"),
    "assessments": (
        "id",
        "title",
        "kind",
        "purpose",
        "weight",
        "hours",
        "criteria",
        "supervision",
        "outcomes",
    ),
    "resources": ("title", "kind", "url", "licence", "accessible", "outcomes"),
    "partners": ("name", "kind", "role", "agreement"),
    "need_evidence": ("kind", "description", "source"),
}
PLAIN_FIELDS = (
    "title",
    "code",
    "summary",
    "purpose",
    "target_learners",
    "prerequisites",
    "field_of_study",
    "tags",
    "languages",
    "credits",
    "delivery_mode",
    "duration_weeks",
    "recognition",
    "accessibility",
    "integrity",
)
NESTED = {  # document object -> {document key: form field}
    "awarding_body": {
        "name": "awarding_name",
        "country": "awarding_country",
        "region": "awarding_region",
        "abc_id": "abc_id",
        "aishe_code": "aishe_code",
    },
    "grading": {"scheme": "grading_scheme", "pass_mark": "pass_mark"},
    "quality_assurance": {
        "approving_body": "approving_body",
        "process": "qa_process",
        "review_cycle_months": "review_cycle_months",
    },
    "stackability": {"mode": "stack_mode", "target": "stack_target", "credits_counted": "stack_credits"},
}


def _present(value) -> bool:
    return value not in (None, "", [], {}, False)


def _clean(value):
    return value.strip() if isinstance(value, str) else value


def _compact(pairs) -> dict:
    return {k: _clean(v) for k, v in pairs if _present(_clean(v))}


def _level(form: DesignForm) -> dict:
    level = _compact([("framework", form.framework.data)])
    if form.level.data:
        value = float(form.level.data)
        level["value"] = int(value) if value.is_integer() else value
    return level


# Yes/no questions asked as a select with "not stated", so an explicit "no" (False) is kept.
YES_NO = {"yes": True, "no": False}
YES_NO_FIELDS = ("accessible",)


def _row(entry_form, name: str) -> dict:
    row = _compact((key, entry_form[key].data) for key in ROW_FIELDS[name])
    for key in YES_NO_FIELDS:
        if key in row:
            row[key] = YES_NO.get(row[key], row[key])
    return row


def _rows(form: DesignForm, name: str) -> list[dict]:
    return [_row(entry.form, name) for entry in getattr(form, name) if not entry.form.is_blank()]


def _row_data(row: dict) -> dict:
    data = dict(row)
    for key in YES_NO_FIELDS:
        if isinstance(data.get(key), bool):
            data[key] = "yes" if data[key] else "no"
    return data


def _translations(form: DesignForm) -> dict:
    result = {}
    for entry in form.translations:
        sub = entry.form
        if sub.is_blank() or not sub.lang.data:
            continue
        text = _compact([("title", sub.title.data), ("summary", sub.summary.data)])
        outcomes = _compact((o.form.id.data, o.form.text.data) for o in sub.outcomes if o.form.id.data)
        if outcomes:
            text["outcomes"] = outcomes
        result[sub.lang.data] = text
    return result


def form_to_document(form: DesignForm, previous: dict) -> dict:
    """The document the form describes, keeping what the editor does not manage from `previous`."""
    document = copy.deepcopy(previous)
    document["schema_version"] = "1"
    for name in PLAIN_FIELDS:
        document[name] = form[name].data
    for key, mapping in NESTED.items():
        document[key] = _compact((doc_key, form[field].data) for doc_key, field in mapping.items())
    document["level"] = _level(form)
    nsqf = _compact(
        [
            ("qp_code", form.nsqf_qp_code.data),
            (
                "nos",
                [
                    _compact([("code", e.form.code.data), ("title", e.form.title.data)])
                    for e in form.nos
                    if not e.form.is_blank()
                ],
            ),
        ]
    )
    document["nsqf"] = nsqf
    for name in ROW_FIELDS:
        document[name] = _rows(form, name)
    document["translations"] = _translations(form)
    return ordered(_compact(document.items()))


def ordered(document: dict) -> dict:
    """The document with its keys in the schema's order (unknown keys last)."""
    order = list(schema()["properties"])
    return dict(sorted(document.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))


def document_to_data(document: dict, *, department: str = "") -> dict:
    """Form data (for `DesignForm(data=...)`) from a document; tolerant of incomplete drafts."""
    doc = document if isinstance(document, dict) else {}
    data = {name: doc.get(name) for name in PLAIN_FIELDS}
    data["department"] = department
    for key, mapping in NESTED.items():
        nested = doc.get(key) if isinstance(doc.get(key), dict) else {}
        data.update({field: nested.get(doc_key) for doc_key, field in mapping.items()})
    level = doc.get("level") if isinstance(doc.get("level"), dict) else {}
    data["framework"] = level.get("framework")
    data["level"] = None if level.get("value") is None else str(float(level["value"])).removesuffix(".0")
    nsqf = doc.get("nsqf") if isinstance(doc.get("nsqf"), dict) else {}
    data["nsqf_qp_code"] = nsqf.get("qp_code")
    data["nos"] = list(nsqf.get("nos") or [])
    for name in ROW_FIELDS:
        data[name] = [_row_data(row) for row in doc.get(name) or [] if isinstance(row, dict)]
    data["translations"] = [
        _translation_data(lang, text, data["outcomes"])
        for lang, text in (doc.get("translations") or {}).items()
    ]
    return data


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
