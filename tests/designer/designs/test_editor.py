"""The editor through the test client, posting the forms a browser would post."""

import pytest

from tests.conftest import example_document
from tests.designer.designs.formdata import as_multidict, form_pairs
from tests.designer.designs.helpers import count, design_row, flashed_text, latest_document, revisions


@pytest.fixture
def faculty(make_user, login_as):
    user_id = make_user("faculty", email="asha@test.example")
    login_as(user_id)
    return user_id


def editor_pairs(client, url: str) -> list[tuple[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    return form_pairs(response.get_data(as_text=True))


def replace(pairs, **changes) -> list[tuple[str, str]]:
    """The pairs with some fields set (added when missing); field names use '-' as in the form."""
    changes = {k.replace("__", "-"): v for k, v in changes.items()}
    out = [(k, changes.pop(k) if k in changes else v) for k, v in pairs]
    return out + list(changes.items())


def test_new_design_is_created_and_reopens(app, client, faculty):
    pairs = replace(
        editor_pairs(client, "/designs/new"),
        title="Data Literacy for Nurses",
        credits="2.5",
        outcomes__0__text="Interpret a patient-chart trend line.",
    )
    response = client.post("/designs/new", data=as_multidict(pairs + [("op", "save")]))
    assert response.status_code == 302
    assert response.location.endswith("/designs/1/edit#top")
    assert "Saved: revision 1 of 'Data Literacy for Nurses'" in flashed_text(client)
    design = design_row(app, 1)
    assert design.owner_id == faculty and design.title == "Data Literacy for Nurses" and design.credits == 2.5
    document = latest_document(app, 1)
    assert document["outcomes"] == [{"id": "LO1", "text": "Interpret a patient-chart trend line."}]
    page = client.get("/designs/1/edit").get_data(as_text=True)
    assert "Data Literacy for Nurses" in page and "Interpret a patient-chart trend line." in page


def test_title_only_draft_saves(app, client, faculty):
    response = client.post("/designs/new", data={"title": "Half an idea", "base_revision": "0", "op": "save"})
    assert response.status_code == 302
    assert latest_document(app, 1) == {"schema_version": "1", "title": "Half an idea"}


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("title", "", "Give the design a title"),
        ("activities-0-hours", "-3", "Hours must be between 0 and 1200."),
        ("activities-0-hours", "abc", "Enter a number, for example 2 or 2.5."),
        ("credits", "abc", "Enter a number, for example 2 or 2.5."),
        ("credits", "-1", "Credits must be between 0.5 and 40."),
        ("level", "9", "Choose one of the options in the list."),
        ("summary", "x" * 100_000, "Field cannot be longer than 2000 characters."),
        ("title", "x" * 100_000, "Field cannot be longer than 200 characters."),
        ("activities-0-outcomes", "LO9", "LO9: there is no learning outcome with this id and text."),
    ],
)
def test_bad_input_gets_a_field_error_and_stores_nothing(
    app, client, faculty, make_design, field, value, message
):
    design_id = make_design(faculty)
    pairs = [(k, v) for k, v in editor_pairs(client, f"/designs/{design_id}/edit") if k != field]
    before = revisions(app)
    response = client.post(
        f"/designs/{design_id}/edit", data=as_multidict(pairs + [(field, value), ("op", "save")])
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Nothing was saved: please fix 1 problem" in page
    assert message in page
    assert f'href="#{field}"' in page  # the summary links to the field
    assert f'id="{field}-error"' in page  # and the message sits next to it
    assert revisions(app) == before
    assert latest_document(app, design_id) == example_document()


def test_new_design_with_bad_input_creates_nothing(app, client, faculty):
    response = client.post("/designs/new", data={"title": "", "credits": "abc", "base_revision": "0"})
    assert response.status_code == 400
    assert "Nothing was saved: please fix 2 problems" in response.get_data(as_text=True)
    assert count(app) == 0


SCRIPT = "<script>alert('x')</script>"


def test_script_is_stored_as_text_and_always_shown_escaped(app, client, faculty):
    pairs = replace(
        editor_pairs(client, "/designs/new"), title=f"Safe {SCRIPT}", summary=SCRIPT, outcomes__0__text=SCRIPT
    )
    assert client.post("/designs/new", data=as_multidict(pairs + [("op", "save")])).status_code == 302
    document = latest_document(app, 1)
    assert document["title"] == f"Safe {SCRIPT}" and document["summary"] == SCRIPT
    assert document["outcomes"][0]["text"] == SCRIPT
    for url in ("/designs/1/edit", "/designs", "/designs/1"):
        page = client.get(url).get_data(as_text=True)
        assert SCRIPT not in page, url
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page, url


def test_add_and_remove_rows_keep_what_was_typed_and_save_nothing(app, client, faculty, make_design):
    design_id = make_design(faculty)
    url = f"/designs/{design_id}/edit"
    pairs = replace(editor_pairs(client, url), title="Typed but not saved", activities__0__hours="12,5 h")
    response = client.post(url, data=as_multidict(pairs + [("op", "add-outcomes")]))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Added outcome LO5. Fill it in, then save." in page
    assert 'id="outcomes-4-id"' in page and 'value="LO5"' in page
    assert 'value="Typed but not saved"' in page and 'value="12,5 h"' in page  # kept exactly as typed
    assert revisions(app) == 1

    pairs = replace(form_pairs(page), outcomes__4__text="Present the findings to a client.")
    response = client.post(url, data=as_multidict(pairs + [("op", "remove-activities-0")]))
    page = response.get_data(as_text=True)
    assert "Removed activity A1. Save to keep the change." in page
    assert "Video lessons: the measurement funnel" not in page
    assert 'name="activities-0-title"' in page and "Readings and worked examples" in page
    # the outcome written in the previous round trip can now be ticked in every mapping
    assert 'name="activities-0-outcomes" type="checkbox" value="LO5"' in page
    assert revisions(app) == 1

    response = client.post(
        url, data=as_multidict(replace(form_pairs(page), activities__0__hours="8") + [("op", "save")])
    )
    assert response.status_code == 302
    document = latest_document(app, design_id)
    assert [a["id"] for a in document["activities"]] == ["A2", "A3", "A4", "A5", "A6"]
    assert document["outcomes"][-1] == {"id": "LO5", "text": "Present the findings to a client."}
    assert document["title"] == "Typed but not saved"


def test_removing_the_last_outcome_leaves_a_blank_one_to_fill(client, faculty):
    response = client.post(
        "/designs/new", data={"title": "T", "outcomes-0-id": "LO1", "op": "remove-outcomes-0"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'name="outcomes-0-id"' in page and 'value="LO1"' in page


def test_mapping_checkboxes(app, client, faculty):
    pairs = replace(
        editor_pairs(client, "/designs/new"),
        title="Mapped",
        outcomes__0__text="Plan a survey.",
        activities__0__title="Survey lab",
        activities__0__kind="lab",
        activities__0__hours="6",
    )
    page = client.post("/designs/new", data=as_multidict(pairs + [("op", "add-outcomes")])).get_data(
        as_text=True
    )
    pairs = replace(form_pairs(page), outcomes__1__text="Report survey results.")
    page = client.post("/designs/new", data=as_multidict(pairs + [("op", "add-assessments")])).get_data(
        as_text=True
    )
    assert 'name="activities-0-outcomes" type="checkbox" value="LO2"' in page
    pairs = form_pairs(page) + [
        ("activities-0-outcomes", "LO1"),
        ("activities-0-outcomes", "LO2"),
        ("assessments-0-title", "Survey report"),
        ("assessments-0-kind", "project"),
        ("assessments-0-outcomes", "LO2"),
        ("op", "save"),
    ]
    assert client.post("/designs/new", data=as_multidict(pairs)).status_code == 302
    document = latest_document(app, 1)
    assert document["activities"][0]["outcomes"] == ["LO1", "LO2"]
    assert document["assessments"][0]["outcomes"] == ["LO2"]
    page = client.get("/designs/1/edit").get_data(as_text=True)
    assert (
        'checked id="activities-0-outcomes-1" name="activities-0-outcomes" type="checkbox" value="LO2"'
        in page
    )


def test_full_example_round_trips_through_the_editor_unchanged(app, client, faculty, make_design):
    design_id = make_design(faculty)
    pairs = editor_pairs(client, f"/designs/{design_id}/edit")
    response = client.post(f"/designs/{design_id}/edit", data=as_multidict(pairs + [("op", "save")]))
    assert response.status_code == 302
    assert revisions(app) == 2
    assert latest_document(app, design_id) == example_document()


def test_isced_f_and_eqf_level_are_saved_from_the_editor(app, client, faculty, make_design):
    """The fields the ELM export needs, added through the catalogue: one entry, one form field."""
    design_id = make_design(faculty)
    pairs = replace(editor_pairs(client, f"/designs/{design_id}/edit"), isced_f="0414", eqf_level="4")
    client.post(f"/designs/{design_id}/edit", data=as_multidict(pairs + [("op", "save")]))
    assert {k: latest_document(app, design_id).get(k) for k in ("isced_f", "eqf_level")} == {
        "isced_f": "0414", "eqf_level": 4}
    bad = replace(pairs, isced_f="marketing", eqf_level="9")
    page = client.post(f"/designs/{design_id}/edit", data=as_multidict(bad + [("op", "save")]))
    assert page.status_code == 400
    text = page.get_data(as_text=True)
    assert "Use the 2-, 3- or 4-digit ISCED-F 2013 code" in text and "EQF levels run from 1 to 8." in text


def test_resource_accessible_no_is_kept(app, client, faculty, make_design):
    """'Not accessible' is a fact worth keeping; a checkbox would turn it into 'not stated'."""
    document = example_document()
    document["resources"][0]["accessible"] = False
    del document["resources"][1]["accessible"]
    design_id = make_design(faculty, document)
    pairs = editor_pairs(client, f"/designs/{design_id}/edit")
    assert ("resources-0-accessible", "no") in pairs and ("resources-1-accessible", "") in pairs
    client.post(f"/designs/{design_id}/edit", data=as_multidict(pairs + [("op", "save")]))
    assert latest_document(app, design_id) == document


def test_hindi_translation_is_saved_and_shown_again(app, client, faculty):
    pairs = replace(
        editor_pairs(client, "/designs/new"),
        title="Spreadsheet basics",
        outcomes__0__text="Build a budget sheet.",
    )
    page = client.post("/designs/new", data=as_multidict(pairs + [("op", "add-translations")])).get_data(
        as_text=True
    )
    assert 'name="translations-0-outcomes-0-id" type="hidden" value="LO1"' in page
    pairs = replace(
        form_pairs(page),
        translations__0__lang="hi",
        translations__0__title="स्प्रेडशीट की मूल बातें",
        translations__0__outcomes__0__text="बजट शीट बनाइए।",
    )
    assert client.post("/designs/new", data=as_multidict(pairs + [("op", "save")])).status_code == 302
    assert latest_document(app, 1)["translations"] == {
        "hi": {"title": "स्प्रेडशीट की मूल बातें", "outcomes": {"LO1": "बजट शीट बनाइए।"}}
    }
    page = client.get("/designs/1/edit").get_data(as_text=True)
    assert "स्प्रेडशीट की मूल बातें" in page and "बजट शीट बनाइए।" in page and 'lang="hi"' in page


def test_unknown_reference_found_by_the_document_check_is_shown_at_the_field(
    app, client, faculty, make_design
):
    """A translation for an outcome that is gone is refused by the document check, shown in the summary."""
    design_id = make_design(faculty)
    pairs = editor_pairs(client, f"/designs/{design_id}/edit")
    pairs = [(k, "LO9" if k == "translations-0-outcomes-0-id" else v) for k, v in pairs]
    response = client.post(f"/designs/{design_id}/edit", data=as_multidict(pairs + [("op", "save")]))
    assert response.status_code == 400
    assert "translations/hi/outcomes/LO9: &#39;LO9&#39; is not the id of any outcome" in response.get_data(
        as_text=True
    )
    assert revisions(app) == 1


def test_workload_panel_shows_hours_against_credits(client, faculty, make_design):
    design_id = make_design(faculty)
    page = client.get(f"/designs/{design_id}/edit").get_data(as_text=True)
    assert "<strong data-total>60</strong> notional learning hours" in page
    assert "Within 10%: matches the credits." in page
