"""rubrics/ must stay a pure package: importing it (and running it) loads no web or database code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import json, sys
import rubrics, rubrics.cli
rubrics.evaluate(rubrics.load_rubric("institution-default"), {})
web = ("flask", "sqlalchemy", "wtforms", "flask_wtf", "flask_sqlalchemy", "jinja2", "werkzeug", "designer")
banned = [m for m in sys.modules if m.split(".")[0] in web]
print(json.dumps(banned))
"""


def test_rubrics_imports_no_web_or_database_modules() -> None:
    """A fresh interpreter that imports and runs rubrics has no Flask, SQLAlchemy or WTForms loaded."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_no_framework_import_statements() -> None:
    """No module of the package even mentions an import of those frameworks."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "rubrics").rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith(("import ", "from "))
        and any(name in line for name in ("flask", "sqlalchemy", "wtforms", "designer"))
    ]
    assert offenders == []
