"""JSON import and export: CLI and web, all-or-nothing, lossless round trip."""

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from designer.designs import services, transfer
from designer.designs.validation import schema
from designer.extensions import db
from designer.models import Design, User
from tests.conftest import example_document, login
from tests.designer.designs.helpers import count, design_row, flashed_text, latest_document, revisions
from tests.designer.designs.strategies import designs

OWNER = "owner@test.example"


@pytest.fixture
def owner(make_user):
    return make_user("faculty", email=OWNER)


def write(tmp_path, name: str, content) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False), "utf-8")
    return str(path)


def test_cli_imports_several_files_and_prints_their_ids(app, runner, owner, tmp_path):
    second = example_document() | {"title": "Second design"}
    files = [write(tmp_path, "a.json", example_document()), write(tmp_path, "b.json", second)]
    result = runner.invoke(args=["designs", "import", *files, "--owner", OWNER])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"1\t{files[0]}", f"2\t{files[1]}"]
    assert design_row(app, 2).title == "Second design" and design_row(app, 2).owner_id == owner
    assert latest_document(app, 1) == example_document()


def test_cli_one_invalid_file_stores_nothing_and_explains_each_field(app, runner, owner, tmp_path):
    bad = example_document()
    bad["assessments"][1]["weight"] = -5
    bad["activities"][0]["outcomes"] = ["LO1", "LO9"]
    bad["assessments"][2]["id"] = "AS2"
    del bad["summary"]
    files = [write(tmp_path, "good.json", example_document()), write(tmp_path, "bad.json", bad)]
    result = runner.invoke(args=["designs", "import", *files, "--owner", OWNER])
    assert result.exit_code == 1
    assert f"{files[1]}: 4 problems" in result.output
    assert "assessments/1/weight: -5 is less than the minimum of 0" in result.output
    assert "activities/0/outcomes/1: 'LO9' is not the id of any outcome of this design" in result.output
    assert "assessments/2/id: the id 'AS2' is used twice in assessments" in result.output
    assert "'summary' is a required property" in result.output
    assert "Nothing was imported" in result.output
    assert files[0] not in result.output  # the valid file has nothing to report
    assert count(app) == 0 and revisions(app) == 0


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"title": "unterminated', "not valid JSON at line 1, column 11: Unterminated string starting at"),
        ("[1, 2]", "a design file must hold one JSON object"),
        ('"just text"', "a design file must hold one JSON object"),
    ],
)
def test_cli_refuses_files_that_are_not_a_design_object(app, runner, owner, tmp_path, content, message):
    path = write(tmp_path, "broken.json", content)
    result = runner.invoke(
        args=["designs", "import", write(tmp_path, "ok.json", example_document()), path, "--owner", OWNER]
    )
    assert result.exit_code == 1
    assert message in result.output
    assert count(app) == 0


def test_cli_import_needs_an_existing_owner(app, runner, tmp_path):
    result = runner.invoke(
        args=[
            "designs",
            "import",
            write(tmp_path, "a.json", example_document()),
            "--owner",
            "ghost@test.example",
        ]
    )
    assert result.exit_code == 1 and "There is no account ghost@test.example" in result.output
    assert count(app) == 0


def test_cli_export_writes_the_imported_document_back(app, runner, owner, tmp_path):
    source = write(tmp_path, "in.json", example_document())
    assert runner.invoke(args=["designs", "import", source, "--owner", OWNER]).exit_code == 0
    target = tmp_path / "out.json"
    result = runner.invoke(args=["designs", "export", "1", "-o", str(target)])
    assert result.exit_code == 0 and f"Wrote design 1 to {target}" in result.output
    text = target.read_text("utf-8")
    exported = json.loads(text)
    assert exported == example_document() | {"department": "School of Testing"}  # the importer's
    assert not list(Draft202012Validator(schema()).iter_errors(exported))
    assert "डिजिटल मार्केटिंग" in text  # Hindi stays readable, not \\u escapes


def test_cli_export_of_a_missing_design_fails(app, runner, tmp_path):
    result = runner.invoke(args=["designs", "export", "42", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1 and "There is no design 42." in result.output
    assert not (tmp_path / "x.json").exists()


def test_export_after_editing_is_the_latest_revision(app, runner, owner, make_design, tmp_path):
    design_id = make_design(owner)
    with app.app_context():
        design, user = db.session.get(Design, design_id), db.session.get(User, owner)
        services.save_revision(
            db.session, design, example_document() | {"credits": 2.5}, user, base_revision=1
        )
        db.session.commit()
    runner.invoke(args=["designs", "export", str(design_id), "-o", str(tmp_path / "o.json")])
    assert json.loads((tmp_path / "o.json").read_text("utf-8"))["credits"] == 2.5


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(document=designs())
def test_generated_designs_round_trip_losslessly(app, document):
    """import -> store -> read back -> export gives an equal document, for any valid design."""
    assert not list(Draft202012Validator(schema()).iter_errors(document))  # the strategy makes valid ones
    text = json.dumps(document, ensure_ascii=False)
    with app.app_context():
        try:
            owner = User(
                email="gen@test.example", name="Gen", role="faculty", institution="T", password_hash="x"
            )
            db.session.add(owner)
            db.session.flush()
            [design] = transfer.import_files(db.session, [("gen.json", text)], owner)
            db.session.flush()
            db.session.expire_all()  # read the document back from the database, not from memory
            exported = json.loads(transfer.dumps(transfer.export_document(db.session, design)))
        finally:
            db.session.rollback()  # each example leaves the database as it found it
    assert exported == document


def test_web_upload_imports_a_valid_file(app, client, owner):
    login(client, owner)
    data = {"file": (io.BytesIO(json.dumps(example_document()).encode()), "design.json")}
    response = client.post("/designs/import", data=data, content_type="multipart/form-data")
    assert response.status_code == 302 and response.location.endswith("/designs/1")
    assert "Imported 'Digital Marketing Analytics Essentials'." in flashed_text(client)
    assert latest_document(app, 1) == example_document()


def test_web_upload_of_an_invalid_file_lists_problems_and_stores_nothing(app, client, owner):
    login(client, owner)
    bad = example_document()
    bad["assessments"][1]["weight"] = -5
    data = {"file": (io.BytesIO(json.dumps(bad).encode()), "design.json")}
    response = client.post("/designs/import", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Nothing was imported: the file has 1 problem" in page
    assert "<code>assessments/1/weight</code>: -5 is less than the minimum of 0" in page
    assert count(app) == 0


@pytest.mark.parametrize(
    "filename, content, message",
    [
        ("design.txt", b"{}", "Only .json files can be imported."),
        ("design.json", b"\xff\xfe not utf-8", "the file is not UTF-8 text"),
    ],
)
def test_web_upload_refuses_other_files(app, client, owner, filename, content, message):
    login(client, owner)
    response = client.post(
        "/designs/import", data={"file": (io.BytesIO(content), filename)}, content_type="multipart/form-data"
    )
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert count(app) == 0


def test_web_upload_without_a_file(client, owner):
    login(client, owner)
    response = client.post("/designs/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 400 and "Choose a .json file." in response.get_data(as_text=True)


def test_json_download_is_the_stored_document(app, client, owner, make_design):
    design_id = make_design(owner)
    login(client, owner)
    response = client.get(f"/designs/{design_id}/export.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == f'attachment; filename="design-{design_id}-r1.json"'
    exported = json.loads(response.get_data(as_text=True))
    assert exported == example_document() | {"department": "School of Testing"}


def test_json_export_then_import_recreates_the_design_in_its_department(app, client, make_user, make_design):
    """The department is a column of the design, not part of a revision: the export carries it and the
    import sets it, whoever imports the file."""
    author = make_user("faculty", email="a@test.example", department="School of Commerce")
    design_id = make_design(author, department="School of Commerce")
    login(client, author)
    text = client.get(f"/designs/{design_id}/export.json").get_data(as_text=True)
    exported = json.loads(text)
    assert exported["department"] == "School of Commerce"
    assert not list(Draft202012Validator(schema()).iter_errors(exported))
    assert list(exported).index("department") == list(exported).index("code") + 1  # read beside the code

    other = make_user("faculty", email="b@test.example", department="School of Science")
    login(client, other)
    upload = {"file": (io.BytesIO(text.encode("utf-8")), "design.json")}
    response = client.post("/designs/import", data=upload, content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        copy = db.session.scalars(db.select(Design).where(Design.owner_id == other)).one()
        assert copy.department == "School of Commerce"
        assert "department" not in services.latest_revision(db.session, copy).document  # kept as a column
        assert transfer.export_document(db.session, copy) == exported


def test_an_import_without_a_department_takes_the_importers(app, runner, owner, tmp_path):
    source = write(tmp_path, "in.json", example_document())
    assert runner.invoke(args=["designs", "import", source, "--owner", OWNER]).exit_code == 0
    with app.app_context():
        assert db.session.get(Design, 1).department == "School of Testing"


def test_an_import_refuses_a_department_that_is_not_text(app, runner, owner, tmp_path):
    source = write(tmp_path, "in.json", example_document() | {"department": ["School"]})
    result = runner.invoke(args=["designs", "import", source, "--owner", OWNER])
    assert result.exit_code == 1 and "department" in result.output
    assert count(app) == 0
