"""The password rule: 12 characters or more, not a common password or a thin variation of one."""

import pytest

from designer.auth.passwords import common_passwords, password_problem
from designer.auth.services import AccountError, create_user


@pytest.mark.parametrize("password", [
    "short-pass",  # 10 characters
    "password1234", "Password1234!", "qwertyuiop12", "monkeymonkey", "iloveyou1234",
    "123456789012", "aaaaaaaaaaaaaaaa", "!!sunshine2024", "baseball-baseball",
    "asha@test.example", "ashaasha1234",
])
def test_refused(password):
    assert password_problem(password, email="asha@test.example") is not None


@pytest.mark.parametrize("password", ["correct-horse-42", "tea kettle under rain", "Vn3#qLp9!zr2"])
def test_accepted(password):
    assert password_problem(password, email="asha@test.example") is None


def test_the_list_is_shipped_data_and_large():
    words = common_passwords()
    assert len(words) > 1500 and "password" in words and "#" not in "".join(words)[:1]


def test_create_user_applies_the_rule(ctx):
    from designer.extensions import db

    with pytest.raises(AccountError, match="too common"):
        create_user(db.session, email="x@test.example", password="Password1234", role="faculty",
                    institution="T")
    with pytest.raises(AccountError, match="at least 12"):
        create_user(db.session, email="x@test.example", password="eleven-char", role="faculty",
                    institution="T")
