"""Configuration read from the environment, with safe defaults for development.

Why a function and not module constants: reading the environment at import time makes tests leak
settings into each other (a known cookiecutter-flask pitfall).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

MIN_SECRET_KEY_LENGTH = 32
SECRET_KEY_FILE = "secret_key"


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
    production = _bool("DESIGNER_PRODUCTION", False)
    return {
        # None: create_app reads (or on first start writes) a random key in the instance folder.
        "SECRET_KEY": os.environ.get("SECRET_KEY") or None,
        "SQLALCHEMY_DATABASE_URI": database_url_for_sqlalchemy(os.environ.get("DATABASE_URL", default_db)),
        "ENV_PRODUCTION": production,
        "INSTITUTION_NAME": os.environ.get("INSTITUTION_NAME", "Example State Open University"),
        # The institution's own web site (CTDL subjectWebpage of the organisation, ELM homepage, OB 3.0 url).
        "INSTITUTION_WEBSITE": os.environ.get("INSTITUTION_WEBSITE", ""),
        # Where this app is reachable from outside, e.g. https://courses.example.edu: the stable public
        # URLs of approved designs in credential exports. Empty: exports use urn:uuid ids instead.
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "").rstrip("/"),
        # The public, read-only catalogue of approved micro-credentials at /catalogue/public.
        "PUBLIC_CATALOGUE": _bool("PUBLIC_CATALOGUE", False),
        # Extra folder of institution rubric files (TOML), next to the shipped ones.
        "RUBRICS_DIR": os.environ.get("RUBRICS_DIR", ""),
        # Where the newest version of each rubric uploaded by an admin is written for the engine to read.
        "RUBRICS_STORE_DIR": os.environ.get("RUBRICS_STORE_DIR", str(Path(instance_path) / "rubrics")),
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
        # Background jobs: Celery on this broker (e.g. redis://127.0.0.1:6379/0); unset: run them in-process.
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", ""),
        # Rendered PDFs and packs: "folder" (PDF_CACHE_DIR, shared by every machine) or "database".
        "STORAGE_BACKEND": os.environ.get("STORAGE_BACKEND", "folder").strip().lower(),
        "JOBS_IN_PROCESS": os.environ.get("JOBS_IN_PROCESS", "thread"),  # without a broker: thread | inline
        "JOB_LEASE_SECONDS": int(os.environ.get("JOB_LEASE_SECONDS", "300")),  # silent this long: stale
        "JOB_MAX_ATTEMPTS": int(os.environ.get("JOB_MAX_ATTEMPTS", "3")),
        "RENDER_TIME_LIMIT": float(os.environ.get("RENDER_TIME_LIMIT", "120")),  # seconds per syllabus
        "RENDER_ON_APPROVAL": _bool("RENDER_ON_APPROVAL", True),
        "PACK_LIMIT": int(os.environ.get("PACK_LIMIT", "2")),  # packs built at once on the whole server
        # "Pack page n" stamps are rendered for this many pages at once and shared by every pack up to it.
        "PACK_STAMP_BLOCK": int(os.environ.get("PACK_STAMP_BLOCK", "500")),
        "PACK_RETENTION_DAYS": int(os.environ.get("PACK_RETENTION_DAYS", "14")),
        "CELERY_VISIBILITY_TIMEOUT": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "900")),
        # The institution's time zone: every date and time people read is shown in it (storage is UTC).
        "TIMEZONE": os.environ.get("TIMEZONE", "Asia/Kolkata"),
        # The app's address, for links in emails sent outside a request (the daily digest).
        "BASE_URL": os.environ.get("BASE_URL", ""),
        # A submission is due for the committee's decision this many days after it was submitted.
        "REVIEW_DUE_DAYS": int(os.environ.get("REVIEW_DUE_DAYS", "14")),
        "DESIGNS_PER_PAGE": 25,
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        # Form fields per request (werkzeug parses no more): room for a design with 200 outcomes, and
        # a bound on the work a single post can cause (the editor caps rows while parsing, too).
        "MAX_FORM_PARTS": 4000,
        # The editor's autosaved copy of what is on screen (designs.autosave): its largest size as JSON.
        "AUTOSAVE_MAX_BYTES": 1024 * 1024,
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
        "WTF_CSRF_TIME_LIMIT": None,  # a long editing session must not lose its work to a CSRF timeout
        # How long emailed one-time links work: an invitation, a password reset.
        "INVITE_LINK_HOURS": float(os.environ.get("INVITE_LINK_HOURS", "168")),
        "RESET_LINK_HOURS": float(os.environ.get("RESET_LINK_HOURS", "1")),
        # Reviewer assignments: the reminder goes this many days before the due date (and once after it).
        "REMINDER_DAYS_BEFORE": float(os.environ.get("REMINDER_DAYS_BEFORE", "2")),
        # When the daily digest and the due-date reminders go out: local times in TIMEZONE ("*:05": hourly).
        "DIGEST_TIMES": os.environ.get("DIGEST_TIMES", "18:00"),
        "REMINDER_TIMES": os.environ.get("REMINDER_TIMES", "*:05"),
        # Without a broker: how often the web process runs the housekeeping of beat (0: only at start).
        "HOUSEKEEPING_SECONDS": int(os.environ.get("HOUSEKEEPING_SECONDS", "60")),
        **sso_settings(),
        **session_settings(production),
        **throttle_settings(),
    }


def sso_settings() -> dict:
    """OpenID Connect single sign-on (off unless OIDC_ISSUER and OIDC_CLIENT_ID are set)."""
    keys = ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ALLOWED_DOMAINS", "OIDC_GROUP_CLAIM",
            "OIDC_GROUP_ROLES", "OIDC_DEFAULT_ROLE", "OIDC_LABEL")
    return {key: os.environ.get(key, "") for key in keys}


def session_settings(production: bool) -> dict:
    """Cookies: HttpOnly and SameSite=Lax always, Secure (HTTPS only) in production."""
    return {
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),
        # A login (session or remember-me cookie) older than this is refused by the server.
        "LOGIN_MAX_AGE": timedelta(days=14),
    }


def throttle_settings() -> dict:
    """Flask-Limiter: Redis when configured, else memory; failed logins per account and per address."""
    storage = os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://"
    return {
        "RATELIMIT_STORAGE_URI": storage,
        "LOGIN_LIMIT_PER_ACCOUNT": os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per minute;20 per hour"),
        "LOGIN_LIMIT_PER_ADDRESS": os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "20 per minute;100 per hour"),
        # Editor posts kept after their session ended, per client address (nobody is logged in to count).
        "EDITOR_STASH_LIMIT": "30 per hour",
    }


def database_url_for_sqlalchemy(url: str) -> str:
    """The SQLAlchemy URL for a DATABASE_URL, naming the psycopg 3 driver for PostgreSQL."""
    # Debian and Heroku style URLs name the driver "postgres"/"postgresql"; we ship psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret_key(instance_path: str) -> str:
    """The key in `<instance>/secret_key`, written (random, mode 0600) on the first start.

    Kept across restarts so sessions survive them; two processes starting at once agree on one file.
    """
    path = Path(instance_path) / SECRET_KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if len(key) < MIN_SECRET_KEY_LENGTH:
            raise RuntimeError(f"{path} holds no usable secret key; delete it for a new one.") from None
        return key
    key = secrets.token_urlsafe(48)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def check_production_safety(config: dict, *, debug: bool = False) -> None:
    """Refuse to start a production app with no or a short secret key, or in debug mode."""
    if not config.get("ENV_PRODUCTION"):
        return
    key = config.get("SECRET_KEY") or ""
    if not key:
        raise RuntimeError(
            "SECRET_KEY is not set: a production deployment (DESIGNER_PRODUCTION=1) needs its own secret key."
        )
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise RuntimeError(
            f"SECRET_KEY is too short ({len(key)} characters): production needs at least "
            f"{MIN_SECRET_KEY_LENGTH}; make one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
        )
    if debug:
        raise RuntimeError("Debug mode is on (FLASK_DEBUG): never run a production deployment in debug mode.")
