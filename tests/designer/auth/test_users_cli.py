"""`flask users create`: with --password or prompted; bad input exits 1 with a message and stores nothing."""

import pytest

from designer.extensions import db
from designer.models import User
from tests.designer.designs.helpers import count


def test_create_with_password_option(app, runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "Meera@Test.example",
            "--role",
            "reviewer",
            "--password",
            "long-enough-pass-1",
            "--name",
            "Dr Meera Nair",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Created reviewer account meera@test.example (id 1)." in result.output
    with app.app_context():
        user = db.session.scalar(db.select(User))
        assert (user.email, user.role, user.name, user.institution) == (
            "meera@test.example",
            "reviewer",
            "Dr Meera Nair",
            "Test University",
        )
        assert user.password_hash != "long-enough-pass-1" and user.check_password("long-enough-pass-1")


def test_create_with_prompted_password(app, runner):
    result = runner.invoke(
        args=["users", "create", "ravi@test.example", "--role", "faculty"],
        input="prompted-secret-phrase\nprompted-secret-phrase\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(db.select(User)).check_password("prompted-secret-phrase")


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["x@test.example", "--role", "dean", "--password", "long-enough-pass-1"],
            "Unknown role 'dean'. Choose one of: faculty, reviewer, organiser, admin.",
        ),
        (
            ["x@test.example", "--role", "faculty", "--password", "short"],
            "The password must have at least 12 characters.",
        ),
        (
            ["not-an-email", "--role", "faculty", "--password", "long-enough-pass-1"],
            "'not-an-email' is not an email address.",
        ),
    ],
)
def test_bad_input_exits_1_with_a_message(app, runner, args, message):
    result = runner.invoke(args=["users", "create", *args])
    assert result.exit_code == 1
    assert message in result.output
    assert count(app, User) == 0


def test_duplicate_email_exits_1(app, runner, make_user):
    make_user("faculty", email="asha@test.example")
    result = runner.invoke(
        args=["users", "create", "ASHA@test.example", "--role", "admin", "--password", "unique-enough-pass-9"]
    )
    assert result.exit_code == 1 and "An account for asha@test.example already exists." in result.output
    assert count(app, User) == 1
