"""Configuration read from the environment, with safe defaults for development.

Why a function and not module constants: reading the environment at import time makes tests leak
settings into each other (a known cookiecutter-flask pitfall).
"""

import os
from pathlib import Path

DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - refused in production below


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def from_environment(instance_path: str) -> dict:
    """Build the config mapping from environment variables.

    Args:
        instance_path: the app's instance folder, home of the default SQLite file and the PDF cache.
    """
    default_db = "sqlite:///" + str(Path(instance_path) / "designer.sqlite3")
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY", DEV_SECRET_KEY),
        "SQLALCHEMY_DATABASE_URI": database_url_for_sqlalchemy(os.environ.get("DATABASE_URL", default_db)),
        "ENV_PRODUCTION": _bool("DESIGNER_PRODUCTION", False),
        "INSTITUTION_NAME": os.environ.get("INSTITUTION_NAME", "Example State Open University"),
        # Extra folder of institution rubric files (TOML), next to the shipped ones.
        "RUBRICS_DIR": os.environ.get("RUBRICS_DIR", ""),
        "DEFAULT_RUBRIC": os.environ.get("DEFAULT_RUBRIC", "institution-default"),
        # How many independent reviews a committee decision needs.
        "REVIEWS_REQUIRED": int(os.environ.get("REVIEWS_REQUIRED", "1")),
        "PDF_CACHE_DIR": os.environ.get("PDF_CACHE_DIR", str(Path(instance_path) / "pdf-cache")),
        "PACK_WORKERS": int(os.environ.get("PACK_WORKERS", "2")),
        # Logging: root level, per-logger levels ("designer.exports=DEBUG,sqlalchemy.engine=INFO"), text|json.
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO").upper(),
        "LOG_LEVELS": os.environ.get("LOG_LEVELS", ""),
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "text").strip().lower(),
        # Reverse proxies in front of the app whose X-Forwarded-* headers are trusted (0: none).
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", "0")),
        "DESIGNS_PER_PAGE": 25,
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        # Outgoing email (Flask-Mail). With MAIL_SERVER unset, messages are logged instead of sent.
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", False),
        "MAIL_USE_SSL": _bool("MAIL_USE_SSL", False),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_DEFAULT_SENDER": os.environ.get(
            "MAIL_DEFAULT_SENDER", "Micro-credential designer <no-reply@localhost>"
        ),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,  # a long editing session must not lose its work to a CSRF timeout
    }


def database_url_for_sqlalchemy(url: str) -> str:
    """The SQLAlchemy URL for a DATABASE_URL, naming the psycopg 3 driver for PostgreSQL."""
    # Debian and Heroku style URLs name the driver "postgres"/"postgresql"; we ship psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def check_production_safety(config: dict) -> None:
    """Refuse to start a production app with the development secret key."""
    if config.get("ENV_PRODUCTION") and config.get("SECRET_KEY") in (None, "", DEV_SECRET_KEY):
        raise RuntimeError(
            "SECRET_KEY is not set: a production deployment (DESIGNER_PRODUCTION=1) needs its own secret key."
        )
