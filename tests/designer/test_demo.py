"""`flask demo`: idempotent, one account per role with printed passwords, a good and a faulty design."""

import sqlalchemy as sa

from designer.extensions import db
from designer.models import Design, DesignRevision, User


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(sa.select(sa.func.count()).select_from(m))
            for m in (User, Design, DesignRevision)
        )


def test_demo_is_idempotent_and_prints_the_passwords(app, runner):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    after_first = counts(app)
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert counts(app) == after_first
    assert after_first[0] >= 5 and after_first[1] >= 2
    for email, password in [
        ("faculty@demo.example", "demo-faculty-pass"),
        ("faculty2@demo.example", "demo-faculty2-pass"),
        ("reviewer@demo.example", "demo-reviewer-pass"),
        ("organiser@demo.example", "demo-organiser-pass"),
        ("admin@demo.example", "demo-admin-pass"),
    ]:
        assert f"{email}" in second.output and f"password: {password}" in second.output
    with app.app_context():
        roles = set().union(*db.session.scalars(sa.select(User.roles)))
        assert roles == {"faculty", "reviewer", "organiser", "admin"}
        user = db.session.scalar(sa.select(User).filter_by(email="faculty@demo.example"))
        assert user.check_password("demo-faculty-pass")
        titles = set(db.session.scalars(sa.select(Design.title)))
    assert {"Digital Marketing Analytics Essentials", "Diploma in Cloud Computing Basics"} <= titles


def test_demo_accounts_can_log_in(app, runner, client):
    runner.invoke(args=["demo"])
    response = client.post("/login", data={"email": "faculty@demo.example", "password": "demo-faculty-pass"})
    assert response.status_code == 302
    assert "Digital Marketing Analytics Essentials" in client.get("/designs").get_data(as_text=True)
