"""The command line: text and JSON reports, the rubric list, and exit 1 for unusable input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rubrics import Report
from rubrics.cli import main


@pytest.fixture
def formative_only_path(example: dict, tmp_path: Path) -> Path:
    """The example with LO1 assessed only by the formative quiz AS1: A02 fails as essential."""
    example["assessments"][1]["outcomes"].remove("LO1")
    path = tmp_path / "design.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    return path


def test_text_report(formative_only_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Score, verdict and failures grouped by area, with path, message and fix."""
    assert main([str(formative_only_path)]) == 0
    out = capsys.readouterr().out
    assert "Score: 96.5% (83 of 86 points; threshold 85%)" in out
    assert "Verdict: DOES NOT MEET the standard" in out
    assert "Constructive alignment\n  A02 [essential] Every outcome is assessed summatively" in out
    assert "    - outcomes[0]: Outcome LO1 is not assessed" in out
    assert "      Fix: Add LO1 to the outcomes of a summative assessment" in out
    assert "Not applicable: N07, A06" in out


def test_json_report(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints the report JSON, which reads back as a Report."""
    assert main([str(example_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rubric"]["id"] == "institution-default" and data["meets"] is True
    assert Report.from_dict(data).score == 100.0


def test_other_rubric_meets(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--rubric picks a shipped rubric by id."""
    assert main([str(example_path), "--rubric", "eu-standard-elements"]) == 0
    out = capsys.readouterr().out
    assert "Verdict: MEETS the standard" in out and "No automated criterion failed." in out


def test_rubric_dir_and_list(example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--rubric-dir adds institution rubrics to scoring and to --list."""
    (tmp_path / "mine.toml").write_text(
        'id = "mine"\ntitle = "Mine"\nversion = "2"\ndate = 2026-03-01\nextends = "institution-default"\n',
        encoding="utf-8",
    )
    assert main(["--list", "--rubric-dir", str(tmp_path)]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listing] == ["eu-standard-elements", "institution-default", "mine"]
    assert "1.0.0" in listing[1] and "48 checks" in listing[1]
    assert main([str(example_path), "--rubric", "mine", "--rubric-dir", str(tmp_path)]) == 0
    assert "Rubric: Mine (mine 2, 2026-03-01)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "cannot read the file"),
        ("{not json", "invalid JSON at line 1"),
        ("[1, 2]", "must be a JSON object, not list"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_unusable_input_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes | None, reason: str
) -> None:
    """Unreadable files, invalid JSON and non-objects exit 1 with the reason on stderr."""
    path = tmp_path / "design.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    assert main([str(path)]) == 1
    captured = capsys.readouterr()
    assert reason in captured.err and captured.out == ""


def test_unknown_or_invalid_rubric_exits_1(
    example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown rubric id or a broken rubric file exits 1 naming the problem."""
    assert main([str(example_path), "--rubric", "nope"]) == 1
    assert "unknown rubric 'nope'" in capsys.readouterr().err
    shutil.copy(example_path, tmp_path / "design.json")
    (tmp_path / "bad.toml").write_text('id = "bad"\n[params\n', encoding="utf-8")
    assert main([str(tmp_path / "design.json"), "--rubric", "bad", "--rubric-dir", str(tmp_path)]) == 1
    assert "bad.toml, line 2: invalid TOML" in capsys.readouterr().err


def test_missing_file_argument_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a file (and without --list) there is nothing to do."""
    assert main([]) == 1
    assert "give a design file" in capsys.readouterr().err


def test_empty_draft_is_scored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty object is a valid (very incomplete) draft: it is scored, not rejected."""
    path = tmp_path / "draft.json"
    path.write_text("{}", encoding="utf-8")
    assert main([str(path)]) == 0
    assert "DOES NOT MEET" in capsys.readouterr().out
