"""The editor shows everything it stores: any valid design, opened in the editor and saved as the browser
would post it, comes back equal (text is generated already trimmed, as the editor stores it)."""

from hypothesis import HealthCheck, given, settings
from werkzeug.datastructures import MultiDict

from designer.designs import vocabulary as v
from designer.designs.document import form_to_document
from designer.designs.editor import form_for
from designer.designs.forms import DesignForm
from tests.designer.designs.formdata import form_pairs
from tests.designer.designs.strategies import designs


def _trimmed(value):
    if isinstance(value, str):
        return value.strip() or "x"
    if isinstance(value, list):
        return [_trimmed(v) for v in value]
    if isinstance(value, dict):
        return {k: _trimmed(v) for k, v in value.items()}
    return value


def _editable(document: dict) -> dict:
    """What the editor can hold: strings trimmed, empty lists and objects left out (as drafts are stored),
    no commas inside tags or NOS codes (they are typed comma-separated), ticked outcomes, languages and
    recognition in the order of their checkboxes."""

    def present(value):
        return value not in (None, "", [], {})

    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if present(clean(v))}
        if isinstance(value, list):
            return [clean(v) for v in value if not isinstance(v, str) or v.strip()]
        return value

    document = clean(_trimmed(document))
    lists = [document] + document["outcomes"]  # tags and NOS codes are typed comma-separated
    for holder, key in [(d, k) for d in lists for k in ("tags", "nos") if k in d]:
        holder[key] = [item.replace(",", ";") for item in holder[key]]
    order = [o["id"] for o in document["outcomes"]]
    for key in ("activities", "assessments", "resources"):  # ticked in the outcomes' order
        for row in document.get(key, []):
            if "outcomes" in row:
                row["outcomes"] = sorted(row["outcomes"], key=order.index)
    for key, options in (("languages", v.LANGUAGES), ("recognition", v.RECOGNITION)):
        if key in document:
            document[key] = sorted(document[key], key=[value for value, _ in options].index)
    return document


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=designs())
def test_generated_designs_survive_the_editor(app, document):
    document = _editable(document)
    with app.test_request_context(method="POST"):
        shown = form_for(document, base_revision=1)
        posted = DesignForm(formdata=MultiDict(_posted(shown)))
        assert posted.validate(), posted.errors
        assert form_to_document(posted, {"schema_version": "1"}) == document


def _posted(form) -> list[tuple[str, str]]:
    from flask import render_template_string

    html = render_template_string(
        '{% from "_forms.html" import render_field %}<form id="editor-form">'
        "{% for f in form %}{% if f.type == 'FieldList' %}{% for e in f %}{% for s in e.form %}"
        "{% if s.type == 'FieldList' %}{% for t in s %}{% for u in t.form %}{{ render_field(u) }}{% endfor %}"
        "{% endfor %}{% else %}{{ render_field(s) }}{% endif %}{% endfor %}{% endfor %}"
        "{% else %}{{ render_field(f) }}{% endif %}{% endfor %}</form>",
        form=form,
    )
    return form_pairs(html)
