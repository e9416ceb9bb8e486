"""The session signing key: random per installation, kept across restarts, strict in production."""

import os
import stat

import pytest
from flask import Flask

from designer import create_app

LONG_KEY = "k" * 40


def _app(monkeypatch, tmp_path, **config):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DESIGNER_PRODUCTION", raising=False)
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db", **config},
                      instance_path=str(tmp_path / "instance"))


def test_without_secret_key_a_random_one_is_written_to_the_instance_folder(monkeypatch, tmp_path):
    first = _app(monkeypatch, tmp_path)
    key_file = tmp_path / "instance" / "secret_key"
    key = first.config["SECRET_KEY"]
    assert len(key) >= 32 and key_file.read_text().strip() == key
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert _app(monkeypatch, tmp_path).config["SECRET_KEY"] == key  # kept across restarts
    assert key not in ("dev-only-not-secret", "", None)


def test_two_installations_get_different_keys(monkeypatch, tmp_path):
    one = _app(monkeypatch, tmp_path / "a").config["SECRET_KEY"]
    two = _app(monkeypatch, tmp_path / "b").config["SECRET_KEY"]
    assert one != two


def test_a_forged_cookie_signed_with_the_old_development_key_is_not_a_login(monkeypatch, tmp_path):
    from flask.sessions import SecureCookieSessionInterface

    app = _app(monkeypatch, tmp_path)
    forger = Flask("forger")
    forger.secret_key = "dev-only-not-secret"
    cookie = SecureCookieSessionInterface().get_signing_serializer(forger).dumps({"_user_id": "1:1:0"})
    with pytest.raises(Exception):  # noqa: B017 - itsdangerous.BadSignature
        SecureCookieSessionInterface().get_signing_serializer(app).loads(cookie)


def test_set_secret_key_is_used_and_no_file_written(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", LONG_KEY)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"},
                     instance_path=str(tmp_path / "instance"))
    assert app.config["SECRET_KEY"] == LONG_KEY
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_production_refuses_a_short_key(monkeypatch, tmp_path):
    monkeypatch.setenv("DESIGNER_PRODUCTION", "1")
    monkeypatch.setenv("SECRET_KEY", "short-but-set")
    with pytest.raises(RuntimeError, match="at least 32"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})


def test_production_refuses_debug_mode(monkeypatch, tmp_path):
    monkeypatch.setenv("DESIGNER_PRODUCTION", "1")
    monkeypatch.setenv("SECRET_KEY", LONG_KEY)
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(RuntimeError, match="[Dd]ebug"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
