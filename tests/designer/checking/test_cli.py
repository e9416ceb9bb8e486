"""`flask rubric score` and `flask rubric list`: no database, exit 1 for unusable input."""

import json
import shutil
from pathlib import Path

from tests.conftest import EXAMPLE_PATH

RUBRICS = Path(__file__).resolve().parents[3] / "rubrics" / "data" / "rubrics"


def test_score_text_and_json(runner):
    text = runner.invoke(args=["rubric", "score", str(EXAMPLE_PATH)])
    assert text.exit_code == 0, text.output
    assert "MEETS the standard" in text.output
    as_json = runner.invoke(
        args=["rubric", "score", str(EXAMPLE_PATH), "--json", "--rubric", "eu-standard-elements"]
    )
    report = json.loads(as_json.output)
    assert as_json.exit_code == 0 and report["rubric"]["id"] == "eu-standard-elements" and report["meets"]


def test_unusable_input_exits_1(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = runner.invoke(args=["rubric", "score", str(bad)])
    assert result.exit_code == 1 and "invalid JSON" in result.output
    unknown = runner.invoke(args=["rubric", "score", str(EXAMPLE_PATH), "--rubric", "no-such-rubric"])
    assert unknown.exit_code == 1 and "no-such-rubric" in unknown.output


def test_list_includes_institution_folder(make_app, tmp_path):
    text = (RUBRICS / "institution-default.toml").read_text(encoding="utf-8")
    custom = text.replace('id = "institution-default"', 'id = "our-college"', 1)
    assert custom != text
    (tmp_path / "our-college.toml").write_text(custom, encoding="utf-8")
    app = make_app(RUBRICS_DIR=str(tmp_path))
    result = app.test_cli_runner().invoke(args=["rubric", "list"])
    assert result.exit_code == 0
    assert "our-college" in result.output and "institution-default" in result.output
    assert shutil.which  # the folder is read at call time, not import time
