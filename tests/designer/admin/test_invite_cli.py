"""`flask people invite-csv FILE`: the admin page's bulk invitation from the command line, per row (bad rows
reported, nothing written for them, exit 1), the good rows emailed with full links."""

import sqlalchemy as sa

from designer.admin.models import AdminEvent
from designer.extensions import db
from designer.models import User
from tests.designer.admin.test_bulk_and_audit import add_departments

ROWS = (
    "email,name,department,role\n"
    "a@test.example,Asha,Physics,faculty\n"
    "not-an-email,Bad,Physics,faculty\n"
    "b@test.example,Bala,Chemistry,faculty;reviewer\n"
    "c@test.example,Chitra,Maths,wizard\n"
)


def _emails(app):
    with app.app_context():
        return sorted(db.session.scalars(sa.select(User.email)))


def _cli(app, monkeypatch, base_url="https://designer.test.example"):
    monkeypatch.setitem(app.config, "BASE_URL", base_url)
    return app.test_cli_runner()


def test_good_rows_invited_bad_rows_reported_exit_1(app, monkeypatch, make_user, smtp_server, tmp_path):
    admin = make_user("admin", email="boss@test.example")
    add_departments(app, "Physics", "Chemistry", "Maths")
    people_csv = tmp_path / "people.csv"
    people_csv.write_text(ROWS, encoding="utf-8-sig")
    result = _cli(app, monkeypatch).invoke(
        args=["people", "invite-csv", str(people_csv), "--by", "boss@test.example"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert "line 2: a@test.example: invited: Invited as faculty." in lines
    assert any(line.startswith("line 3: not-an-email: REFUSED:") and "not an email address" in line
               for line in lines)
    assert any(line.startswith("line 5: c@test.example: REFUSED:") for line in lines)
    assert "2 invited, 2 refused" in result.output
    assert _emails(app) == ["a@test.example", "b@test.example", "boss@test.example"]  # nothing for bad rows
    mails = sorted(smtp_server.wait_for(2), key=lambda m: m["To"])
    assert [m["To"] for m in mails] == ["a@test.example", "b@test.example"]
    body = mails[0].get_content()
    assert "https://designer.test.example/invitation/" in body and "has invited you" in body
    with app.app_context():
        events = db.session.scalars(sa.select(AdminEvent).where(AdminEvent.action == "invite")).all()
        assert sorted(e.target for e in events) == ["a@test.example", "b@test.example"]
        assert {e.actor_id for e in events} == {admin}


def test_all_good_exit_0_bad_input_writes_nothing(app, monkeypatch, make_user, smtp_server, tmp_path):
    make_user("faculty", email="notadmin@test.example")
    good = tmp_path / "good.csv"
    good.write_text("d@test.example,Devi,,faculty\n", encoding="utf-8")
    no_base = _cli(app, monkeypatch, "").invoke(args=["people", "invite-csv", str(good)])
    assert no_base.exit_code == 1 and "Set BASE_URL" in no_base.output
    cli = _cli(app, monkeypatch)
    result = cli.invoke(args=["people", "invite-csv", str(good), "--by", "notadmin@test.example"])
    assert result.exit_code != 0 and "not an active admin" in result.output
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("e@test.example,Jos\xe9,,faculty\n".encode("latin-1"))
    result = cli.invoke(args=["people", "invite-csv", str(latin1)])
    assert result.exit_code == 1 and "not UTF-8" in result.output and "Nobody was invited" in result.output
    assert _emails(app) == ["notadmin@test.example"]

    result = cli.invoke(args=["people", "invite-csv", str(good)])
    assert result.exit_code == 0, result.output
    assert "1 invited, 0 refused." in result.output
    (mail,) = smtp_server.wait_for(1)
    assert "The administrators have invited you" in mail.get_content()


def test_an_unknown_department_refuses_its_row(app, monkeypatch, make_user, smtp_server, tmp_path):
    add_departments(app, "Physics", "Chemistry")
    people_csv = tmp_path / "people.csv"
    people_csv.write_text("a@test.example,Asha,Physics,faculty\nb@test.example,Bala,Phys,faculty\n",
                          encoding="utf-8")
    result = _cli(app, monkeypatch).invoke(args=["people", "invite-csv", str(people_csv)])
    assert result.exit_code == 1, result.output
    assert ("line 2: b@test.example: REFUSED: 'Phys' is not one of the institution's departments: "
            "Chemistry, Physics. Leave the department empty or use one of these."
            ) in result.output.splitlines()
    assert "1 invited, 1 refused" in result.output
    assert _emails(app) == ["a@test.example"]  # nothing written for the refused row
