"""Bulk invitations from CSV with a per-row report, and the admin log page and CSV export."""

import csv
import io

import sqlalchemy as sa

from designer.admin import bulk
from designer.extensions import db
from designer.institution.models import Department
from designer.models import User
from tests.conftest import INSTITUTION


def add_departments(app, *names, institution=INSTITUTION, active=True):
    with app.app_context():
        db.session.add_all(Department(institution=institution, name=n, active=active) for n in names)
        db.session.commit()


def _upload(client, text: str, name: str = "people.csv"):
    return client.post(
        "/admin/people/import",
        data={"file": (io.BytesIO(text.encode("utf-8-sig")), name)},
        content_type="multipart/form-data",
    )


def test_bulk_invite_reports_each_row_and_keeps_the_good_ones(app, client, make_user, login_as, smtp_server):
    login_as(make_user("admin"))
    make_user("faculty", email="exists@test.example")
    add_departments(app, "Physics", "Chemistry", "Maths")
    text = (
        "email,name,department,role\n"
        "a@test.example,Asha,Physics,faculty\n"
        "not-an-email,Bad,Physics,faculty\n"
        "exists@test.example,Old,Physics,faculty\n"
        "\n"
        "b@test.example,Bala,Chemistry,faculty;reviewer\n"
        "c@test.example,Chitra,Maths,wizard\n"
        "A@test.example,Again,Physics,faculty\n"
    )
    response = _upload(client, text)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "2 of 6 rows invited" in page
    assert "is not an email address" in page and "already has an account" in page
    assert "Unknown role" in page and "already on an earlier row" in page
    assert sorted(m["To"] for m in smtp_server.wait_for(2)) == ["a@test.example", "b@test.example"]
    with app.app_context():
        invited = {
            u.email: u.roles for u in db.session.scalars(sa.select(User).where(User.password_hash == ""))
        }
    assert invited == {"a@test.example": {"faculty"}, "b@test.example": {"faculty", "reviewer"}}


def test_bulk_invite_refuses_a_file_that_is_not_utf8(client, make_user, login_as):
    login_as(make_user("admin"))
    response = client.post(
        "/admin/people/import",
        data={"file": (io.BytesIO(b"\xff\xfe\x00bad"), "p.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and b"not UTF-8" in response.data
    assert _upload(client, "\n\n").status_code == 400


def test_audit_page_and_csv_neutralise_formulas(client, make_user, login_as, smtp_server):
    login_as(make_user("admin", name="=cmd|' /C calc'!A0"))
    client.post("/admin/people/invite", data={"email": "x@test.example", "name": "X", "roles": ["faculty"]})
    assert b"x@test.example" in client.get("/admin/audit").data
    response = client.get("/admin/audit.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["when_utc", "who", "action", "target", "detail"]
    assert rows[1][1:4] == ["'=cmd|' /C calc'!A0", "invite", "x@test.example"]


def test_safe_cell():
    from designer.csv_cells import safe_cell

    assert [safe_cell(v) for v in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=x", "plain", None, 3]] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\t=x",
        "plain",
        "",
        "3",
    ]


def test_bulk_invite_department_must_be_a_managed_one(app, make_user):
    """An unknown (or retired, or another institution's) department refuses its row, naming the allowed
    ones, and writes nothing for it; empty is allowed; a known one takes the list's spelling."""
    admin = make_user("admin")
    add_departments(app, "Physics", "Computer Science")
    add_departments(app, "Old Dept", active=False)
    add_departments(app, "Secret", institution="Elsewhere")
    text = (
        "a@test.example,Asha,  physics ,faculty\n"
        "b@test.example,Bala,Chemistry,faculty\n"
        "c@test.example,Chitra,Old Dept,faculty\n"
        "d@test.example,Devi,Secret,faculty\n"
        "e@test.example,Esha,,faculty\n"
        "f@test.example,Farah,computer  science,faculty\n"
    )
    with app.app_context():
        reports = bulk.bulk_invite(db.session, db.session.get(User, admin), text, institution=INSTITUTION)
        db.session.commit()
        assert [(r.line, r.ok) for r in reports] == [
            (1, True), (2, False), (3, False), (4, False), (5, True), (6, True)]
        for refused, typed in zip(reports[1:4], ("Chemistry", "Old Dept", "Secret"), strict=True):
            assert refused.message == (
                f"'{typed}' is not one of the institution's departments: "
                "Computer Science, Physics. Leave the department empty or use one of these.")
        people = {u.email: u.department for u in db.session.scalars(
            sa.select(User).where(User.password_hash == ""))}
    assert people == {"a@test.example": "Physics", "e@test.example": "", "f@test.example": "Computer Science"}
