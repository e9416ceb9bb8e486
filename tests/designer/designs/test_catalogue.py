"""The catalogue of the design's fields: one path -> editor field function, and what is derived from it."""

import pytest

from designer.designs import catalogue
from designer.designs.validation import schema


@pytest.mark.parametrize(
    "path, anchor",
    [
        ("outcomes[2].text", "outcomes-2-text"),
        ("outcomes/2/text", "outcomes-2-text"),
        ("assessments[1].weight", "assessments-1-weight"),
        ("assessments/1/outcomes/0", "assessments-1-outcomes"),
        ("activities[0]", "activities-0"),
        ("outcomes", "outcomes-rows"),
        ("credits", "credits"),
        ("tags/1", "tags"),
        ("level.value", "level"),
        ("level", "level"),
        ("level/framework", "framework"),
        ("quality_assurance.approving_body", "approving_body"),
        ("quality_assurance", "approving_body"),
        ("quality_assurance.process", "qa_process"),
        ("awarding_body.country", "awarding_country"),
        ("awarding_body", "awarding_name"),
        ("stackability.target", "stack_target"),
        ("grading.pass_mark", "pass_mark"),
        ("nsqf", "nsqf_qp_code"),
        ("nsqf/nos/1/code", "nos-1-code"),
        ("translations/hi/outcomes/LO9", "translations-rows"),
        ("", "top"),
    ],
)
def test_field_id_reads_rubric_and_schema_paths(path, anchor):
    assert catalogue.field_id(path) == anchor


def test_field_id_skips_blank_form_rows():
    kept = {"outcomes": [1, 2], "activities": [0]}
    assert catalogue.field_id("outcomes[0].text", kept) == "outcomes-1-text"
    assert catalogue.field_id("outcomes/1/id", kept) == "outcomes-2-id"
    assert catalogue.field_id("outcomes[2].text", kept) == "outcomes-rows"  # no such row on the form
    assert catalogue.field_id("activities[0]", kept) == "activities-0"


def test_every_catalogued_path_is_in_the_schema():
    properties = schema()["properties"]

    def exists(path: str) -> bool:
        node = {"properties": properties}
        for part in path.split("/"):
            if "items" in node:
                node = node["items"]
            node = node.get("properties", {}).get(part)
            if node is None:
                return False
        return True

    for field in catalogue.DOCUMENT_FIELDS:
        assert exists(field.key), field.key
    for rows in catalogue.ROW_LISTS.values():
        assert exists(rows.key), rows.key
        if not rows.by_language:
            for field in rows.row_fields:
                assert exists(f"{rows.key}/{field.key}"), f"{rows.key}/{field.key}"


def test_every_schema_property_but_the_version_is_catalogued():
    assert set(schema()["properties"]) - {"schema_version"} - catalogue.COLUMN_KEYS == catalogue.MANAGED_KEYS
    assert not catalogue.COLUMN_KEYS & catalogue.MANAGED_KEYS


def test_form_has_a_field_for_every_entry(app):
    from designer.designs.forms import DesignForm

    with app.test_request_context():
        form = DesignForm(formdata=None)
        for field in catalogue.FIELDS:
            assert field.form in form, field.form
        for rows in catalogue.ROW_LISTS.values():
            entry = form[rows.name].append_entry()
            for field in rows.row_fields:
                assert field.form in entry.form, f"{rows.name}: {field.form}"
