"""Password hashes are Argon2id; hashes of the earlier method (werkzeug's scrypt) still log in and are
replaced by Argon2id at that login, and only then."""

import pytest
from werkzeug.security import generate_password_hash

from designer.auth.hashing import hash_password, needs_rehash, verify_password
from designer.extensions import db
from designer.models import User
from tests.conftest import PASSWORD

OLD_SCRYPT = generate_password_hash(PASSWORD, method="scrypt")


def test_a_new_hash_is_argon2id_with_the_recommended_parameters():
    stored = hash_password(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert verify_password(stored, PASSWORD) and not verify_password(stored, PASSWORD + "x")
    assert not needs_rehash(stored)


@pytest.mark.parametrize("stored", ["", "$argon2id$v=19$m=19456,t=2,p=1$broken", "not a hash at all"])
def test_an_empty_or_broken_hash_matches_nothing(stored):
    assert not verify_password(stored, PASSWORD)


def test_an_older_hash_verifies_and_asks_for_a_new_one():
    assert verify_password(OLD_SCRYPT, PASSWORD) and not verify_password(OLD_SCRYPT, "wrong-password-1")
    assert needs_rehash(OLD_SCRYPT)


def _with_old_hash(app, make_user) -> int:
    user_id = make_user("faculty", email="old@test.example")
    with app.app_context():
        db.session.get(User, user_id).password_hash = OLD_SCRYPT
        db.session.commit()
    return user_id


def _stored(app, user_id) -> str:
    with app.app_context():
        return db.session.get(User, user_id).password_hash


def test_a_login_with_an_older_hash_works_and_stores_argon2id(app, make_user):
    user_id = _with_old_hash(app, make_user)
    client = app.test_client()
    assert client.post("/login", data={"email": "old@test.example", "password": PASSWORD}).status_code == 302
    assert _stored(app, user_id).startswith("$argon2id$")
    client.post("/logout")
    assert client.post("/login", data={"email": "old@test.example", "password": PASSWORD}).status_code == 302


def test_a_failed_login_leaves_the_older_hash_alone(app, make_user):
    user_id = _with_old_hash(app, make_user)
    wrong = {"email": "old@test.example", "password": "wrong-password-1"}
    answer = app.test_client().post("/login", data=wrong)
    assert answer.status_code == 400 and _stored(app, user_id) == OLD_SCRYPT
