"""Each institution's own default rubric (from its profile), and uploaded rubrics living in the database:
every process on every machine (each with its own RUBRICS_STORE_DIR copy) uses an upload from its next
request, with no restart and no shared folder."""

import io

import sqlalchemy as sa

from designer.checking.services import app_rubric
from designer.extensions import db
from designer.models import Submission
from tests.conftest import login
from tests.designer.institution.test_rubric_admin import GOOD

OTHER = "Other College"


def _upload(client, text: str):
    return client.post("/admin/rubrics", data={"file": (io.BytesIO(text.encode()), "esou-strict.toml")},
                       content_type="multipart/form-data")


def test_each_institution_scores_with_its_own_default(app, client, make_user, make_design):
    theirs = make_user("admin", email="admin@other.example", institution=OTHER)
    login(client, theirs)
    assert client.post("/admin/rubrics/eu-standard-elements/default").status_code == 302
    assert "eu-standard-elements" in client.get("/admin/rubrics").text
    with app.test_request_context():
        assert app_rubric(app.config, OTHER).id == "eu-standard-elements"
        assert app_rubric(app.config, "Test University").id == "institution-default"  # unchanged
        assert app_rubric(app.config).id == "institution-default"  # no one logged in: INSTITUTION_NAME

    author = make_user("faculty", email="author@other.example", institution=OTHER)
    design = make_design(author)
    login(client, author)
    client.post(f"/designs/{design}/submit", data={"base_revision": "1"})
    with app.app_context():
        submission = db.session.scalar(sa.select(Submission).where(Submission.design_id == design))
        assert submission.rubric_id == "eu-standard-elements"  # frozen with the design's institution's rubric


def test_an_upload_on_one_machine_is_used_by_another_without_restart(app, make_app, client, make_user,
                                                                     tmp_path):
    make_user("admin")
    admin = make_user("admin", email="admin2@test.example")
    login(client, admin)
    other_machine = make_app(RUBRICS_STORE_DIR=str(tmp_path / "machine-b"))
    with other_machine.test_request_context():
        assert app_rubric(other_machine.config).id == "institution-default"  # read before the upload
    assert _upload(client, GOOD).status_code == 302
    assert client.post("/admin/rubrics/esou-strict/default").status_code == 302
    with other_machine.test_request_context():
        rubric = app_rubric(other_machine.config)
        assert (rubric.id, rubric.version, rubric.pass_threshold) == ("esou-strict", "1.0.0", 90)
    assert (tmp_path / "machine-b" / "esou-strict.toml").is_file()  # its own local copy

    newer = GOOD.replace('"1.0.0"', '"1.1.0"').replace("pass_threshold = 90", "pass_threshold = 75")
    assert _upload(client, newer).status_code == 302
    with other_machine.test_request_context():
        rubric = app_rubric(other_machine.config)
        assert (rubric.version, rubric.pass_threshold) == ("1.1.0", 75)
    (tmp_path / "machine-b" / "esou-strict.toml").unlink()  # a machine losing its copy writes it again
    with other_machine.test_request_context():
        assert app_rubric(other_machine.config).pass_threshold == 75
    page = other_machine.test_client()
    login(page, admin)
    listing = page.get("/admin/rubrics/esou-strict").text
    assert "Version 1.1.0" in listing and "Version 1.0.0" in listing  # the old version stays for re-audits
