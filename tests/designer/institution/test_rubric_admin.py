"""Rubric administration: list with versions and criteria, upload validated with line-numbered errors,
older versions kept, a new default or version in use at once (no restart)."""

import io

import pytest

from designer.checking.services import app_rubric

GOOD = """id = "esou-strict"
title = "ESOU strict rubric"
version = "1.0.0"
date = 2026-02-01
extends = "institution-default"
pass_threshold = 90
"""


@pytest.fixture
def admin(make_user, login_as):
    admin_id = make_user("admin")
    login_as(admin_id)
    return admin_id


def _upload(client, text: str, name: str = "esou-strict.toml"):
    return client.post(
        "/admin/rubrics", data={"file": (io.BytesIO(text.encode()), name)}, content_type="multipart/form-data"
    )


def test_list_shows_every_rubric_with_version_and_criteria(client, admin):
    page = client.get("/admin/rubrics").get_data(as_text=True)
    assert "Institution default micro-credential rubric" in page and "EU standard elements" in page
    assert "1.0.0" in page and "automated" in page
    detail = client.get("/admin/rubrics/institution-default").get_data(as_text=True)
    assert "Criteria reviewers score" in detail and "M01" in detail
    assert client.get("/admin/rubrics/no-such-rubric").status_code == 404


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace('version = "1.0.0"', 'version = "1.0.0'), "my.toml, line 3: invalid TOML"),
        (GOOD + '\n[criteria.X99]\nweight = "essential"\n', "line 8"),
        (GOOD.replace("pass_threshold = 90", "pass_threshold = 190"), "line 6"),
        (GOOD.replace('extends = "institution-default"', 'extends = "nowhere"'), "extends unknown rubric"),
    ],
)
def test_a_bad_file_is_refused_with_its_line(app, client, admin, text, message):
    response = _upload(client, text, "my.toml")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page, page[-2500:]
    assert "esou-strict" not in client.get("/admin/rubrics").get_data(as_text=True)


def test_upload_is_used_at_once_and_old_versions_stay(app, client, admin):
    assert _upload(client, GOOD).status_code == 302
    assert "ESOU strict rubric" in client.get("/admin/rubrics").get_data(as_text=True)
    assert client.post("/admin/rubrics/esou-strict/default").status_code == 302
    with app.test_request_context():
        assert (app_rubric(app.config).id, app_rubric(app.config).pass_threshold) == ("esou-strict", 90)
    response = _upload(client, GOOD)
    assert response.status_code == 400 and b"already stored" in response.data
    newer = GOOD.replace('"1.0.0"', '"1.1.0"').replace("pass_threshold = 90", "pass_threshold = 80")
    assert _upload(client, newer).status_code == 302
    with app.test_request_context():
        assert (app_rubric(app.config).version, app_rubric(app.config).pass_threshold) == ("1.1.0", 80)
    page = client.get("/admin/rubrics/esou-strict").get_data(as_text=True)
    assert "Version 1.1.0" in page and "Version 1.0.0" in page
    old = (
        client.get("/admin/rubrics").get_data(as_text=True).split("/admin/rubrics/versions/")[2].split('"')[0]
    )
    assert b"pass_threshold = 90" in client.get(f"/admin/rubrics/versions/{old}").data


def test_default_change_is_audited_and_restored(app, client, admin):
    client.post("/admin/rubrics/eu-standard-elements/default")
    with app.test_request_context():
        assert app_rubric(app.config).id == "eu-standard-elements"
    assert b"choose default rubric" in client.get("/admin/audit").data
    assert client.post("/admin/rubrics/nothing-like-it/default").status_code == 404
