"""A new gunicorn worker compiles every template and loads the rubric before its first request."""

import runpy
from pathlib import Path
from types import SimpleNamespace

from designer.ops.warm import warm_up

ROOT = Path(__file__).resolve().parents[3]


def test_warm_up_compiles_every_template(make_app):
    app = make_app()
    names = app.jinja_env.list_templates(extensions=("html",))
    assert warm_up(app) >= 0
    compiled = {key[1] for key in app.jinja_env.cache.keys()}  # (loader reference, name)
    assert set(names) <= compiled and "designs/edit.html" in compiled


def test_gunicorn_warms_each_worker_after_it_loads_the_app(make_app):
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    app, lines = make_app(), []
    worker = SimpleNamespace(wsgi=app, pid=1, log=SimpleNamespace(info=lambda *a: lines.append(a)))
    settings["post_worker_init"](worker)
    assert "designs/edit.html" in {key[1] for key in app.jinja_env.cache.keys()}
    assert lines and "warmed up" in lines[0][0]
