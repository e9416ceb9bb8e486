"""The Flask app: `create_app()` reads like a table of contents of the features."""

from pathlib import Path

from flask import Flask

from designer import config as config_module
from designer.auth.throttle import limiter
from designer.extensions import csrf, db, login_manager, migrate
from designer.extensions import mail as mail_extension  # `designer.mail` is the feature package

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None, *, instance_path: str | None = None) -> Flask:
    """Build an app. `test_config` overrides the environment (tests, benchmarks); `instance_path`
    replaces the default instance folder (`instance/` beside the package)."""
    app = Flask(
        __name__,
        instance_path=instance_path,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(config_module.from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)
    config_module.check_production_safety(app.config, debug=app.debug)
    from designer.timezone import zone

    zone(app.config["TIMEZONE"])  # an unknown TIMEZONE stops the start with a clear message
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config_module.instance_secret_key(app.instance_path)

    from designer.ops import logs, proxy

    logs.init_app(app)
    proxy.init_app(app)
    register_extensions(app)
    from designer import inputs, transaction

    transaction.init_app(app)  # the one commit-or-rollback point of every request

    inputs.init_app(app)  # before the blueprints: their routes bind the bounded <int:> converter
    register_blueprints(app)
    register_commands(app)
    register_template_helpers(app)
    from designer import errors, jobs, storage

    storage.init_app(app)
    jobs.init_app(app)

    errors.init_app(app)
    from designer import headers

    headers.init_app(app)
    return app


def register_extensions(app: Flask) -> None:
    """Attach db, migrations, CSRF, login and mail to the app."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    mail_extension.init_app(app)
    limiter.init_app(app)


def register_blueprints(app: Flask) -> None:
    """One blueprint per feature package."""
    from designer.auth.views import bp as auth_bp
    from designer.designs.views import bp as designs_bp
    from designer.home.views import bp as home_bp
    from designer.review.views import bp as review_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(designs_bp)
    app.register_blueprint(home_bp)
    app.register_blueprint(review_bp)
    from designer.exports.views import bp as exports_bp

    app.register_blueprint(exports_bp)
    from designer.exports.public import bp as public_bp

    app.register_blueprint(public_bp)
    from designer.ops.health import bp as ops_bp

    app.register_blueprint(ops_bp)
    from designer.admin.account_views import bp as account_bp
    from designer.admin.views import bp as admin_bp

    app.register_blueprint(account_bp)
    app.register_blueprint(admin_bp)
    from designer.institution.views import bp as institution_bp

    app.register_blueprint(institution_bp)
    from designer.institution.rubric_views import bp as rubric_admin_bp

    app.register_blueprint(rubric_admin_bp)
    from designer.sso.views import bp as sso_bp

    app.register_blueprint(sso_bp)
    from designer.approval.views import bp as approval_bp

    app.register_blueprint(approval_bp)


def register_commands(app: Flask) -> None:
    """CLI groups: `flask users`, `flask designs`, `flask demo`."""
    from designer.auth.cli import users_cli
    from designer.demo.cli import demo_command
    from designer.designs.cli import designs_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(designs_cli)
    app.cli.add_command(demo_command)
    from designer.approval.cli import approval_cli
    from designer.checking.cli import rubric_cli_group

    app.cli.add_command(approval_cli)

    app.cli.add_command(rubric_cli_group)
    from designer.review.cli import notifications_cli, review_cli

    app.cli.add_command(review_cli)
    app.cli.add_command(notifications_cli)
    from designer.exports.cli import pack_cli

    app.cli.add_command(pack_cli)
    from designer.jobs.cli import jobs_cli

    app.cli.add_command(jobs_cli)
    from designer.admin.cli import people_cli

    app.cli.add_command(people_cli)


def register_template_helpers(app: Flask) -> None:
    """Filters and globals the templates share."""
    from designer import template_helpers

    template_helpers.init_app(app)
