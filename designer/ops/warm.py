"""Warm a new web worker before it takes requests: compile every template and load the default rubric.

Why: a gunicorn worker compiles each Jinja template on its first use (the editor: about 120 ms) and
reads the rubric and its lexicons on the first check, so the first person each worker serves waits
several times longer than the next, and with a few workers those first requests are the slowest 5%.
"""

import logging
import time

from flask import Flask

log = logging.getLogger(__name__)


def warm_up(app: Flask) -> float:
    """Compile the app's HTML templates and load the default rubric; returns the seconds it took."""
    from designer.checking.services import app_rubric

    started = time.perf_counter()
    with app.app_context():
        for name in app.jinja_env.list_templates(extensions=("html",)):
            app.jinja_env.get_template(name)
        try:
            app_rubric(app.config)
        except Exception:  # a broken rubric setting shows on the pages that use it, not as a dead worker
            log.exception("could not load the default rubric while warming up")
    return time.perf_counter() - started
