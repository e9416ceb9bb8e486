"""Logging configured in the factory: levels from the environment, text or JSON lines, request ids."""

import io
import json
import logging

import pytest

from designer.ops import logs


@pytest.fixture
def captured(make_app):
    """Build an app with extra config and capture what our handler writes."""
    handlers = []

    def build(**config):
        app = make_app(**config)
        handler = next(h for h in logging.getLogger().handlers if isinstance(h, logs.DesignerHandler))
        stream = io.StringIO()
        handlers.append((handler, handler.setStream(stream)))
        return app, stream

    yield build
    for handler, old in handlers:
        handler.setStream(old)
    logs.configure({"LOG_LEVEL": "INFO"})


def _view_that_logs(app):
    @app.get("/_log-something")
    def log_something():
        logging.getLogger("designer.test").warning("saved %s", "it")
        return "ok"


def test_json_lines_carry_the_request_id_sent_back(captured):
    app, stream = captured(LOG_FORMAT="json")
    _view_that_logs(app)
    response = app.test_client().get("/_log-something")
    line = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert line["message"] == "saved it" and line["level"] == "WARNING" and line["logger"] == "designer.test"
    assert line["request_id"] == response.headers["X-Request-ID"] and len(line["request_id"]) == 32


def test_text_lines_use_a_sane_incoming_request_id_and_refuse_a_forged_one(captured):
    app, stream = captured()
    _view_that_logs(app)
    client = app.test_client()
    assert client.get("/_log-something", headers={"X-Request-ID": "proxy-42"}).headers["X-Request-ID"] == (
        "proxy-42")
    assert "[proxy-42] designer.test: saved it" in stream.getvalue()
    forged = client.get("/_log-something", headers={"X-Request-ID": "x FAKE <b>"}).headers["X-Request-ID"]
    assert "FAKE" not in forged and "FAKE" not in stream.getvalue()


def test_levels_come_from_the_configuration(captured):
    app, stream = captured(LOG_LEVEL="WARNING", LOG_LEVELS="designer.chatty=DEBUG,bad-part,x=NOLEVEL")
    logging.getLogger("designer.quiet").info("hidden")
    logging.getLogger("designer.chatty").debug("shown")
    assert "shown" in stream.getvalue() and "hidden" not in stream.getvalue()
    assert logs.parse_levels("a=debug, b = INFO ,c=LOUD") == {"a": "DEBUG", "b": "INFO"}


def test_outside_a_request_the_id_is_a_dash_and_one_handler_however_many_apps(captured):
    captured()
    app, stream = captured()
    logging.getLogger("designer.cli").warning("from the command line")
    assert "[-] designer.cli" in stream.getvalue()
    assert sum(isinstance(h, logs.DesignerHandler) for h in logging.getLogger().handlers) == 1


def test_weasyprint_steps_are_quiet_unless_asked_for(captured):
    captured()
    logging.getLogger("weasyprint.progress").info("Step 2 - Fetching and parsing CSS")
    assert not logging.getLogger("weasyprint.progress").isEnabledFor(logging.INFO)
    captured(LOG_LEVELS="weasyprint=INFO")
    assert logging.getLogger("weasyprint.progress").isEnabledFor(logging.INFO)
