"""Command line: score a design file without the web app (``python -m rubrics FILE.json``).

Why here and not in the Flask app: quality officers and CI jobs score designs in bulk, and the
web app's own command can reuse :func:`main`, :func:`format_text` and :func:`list_text`.
Exit status: 0 when the design was scored (whatever the verdict), 1 when the input or the rubric
cannot be used; the reason goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .catalog import DEFAULT_RUBRIC, list_rubrics, load_rubric
from .corpus import evaluate_files
from .engine import evaluate
from .enums import AREA_TITLES, Status
from .report import Report
from .rubric import Rubric
from .tomlfile import RubricError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m rubrics", description="Score a micro-credential design (JSON) against a rubric."
    )
    parser.add_argument(
        "file", nargs="?", type=Path, help="the design as JSON (shared/spec/design.schema.json)"
    )
    parser.add_argument("--rubric", default=DEFAULT_RUBRIC, help=f"rubric id (default: {DEFAULT_RUBRIC})")
    parser.add_argument(
        "--rubric-dir",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="a directory of institution rubric files, searched before the shipped ones (may be repeated)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--list", action="store_true", help="list the available rubrics and exit")
    parser.add_argument(
        "--evaluate",
        nargs="+",
        type=Path,
        metavar="CORPUS",
        help="measure the outcome checks on labelled corpus files (tests/rubrics/corpus/README.md) and exit",
    )
    parser.add_argument(
        "--show", action="store_true", help="with --evaluate: also list every statement the engine gets wrong"
    )
    return parser


def format_text(report: Report) -> str:
    """A readable report: score, verdict, and failures grouped by area with path, message and fix."""
    verdict = "MEETS the standard" if report.meets else "DOES NOT MEET the standard"
    essential = len(report.essential_failures)
    reasons = []
    if essential:
        reasons.append(
            f"{essential} essential criterion failed"
            if essential == 1
            else f"{essential} essential criteria failed"
        )
    if report.score < report.pass_threshold:
        reasons.append(f"score below {report.pass_threshold:g}%")
    lines = [
        f"Rubric: {report.rubric_title} ({report.rubric_id} {report.rubric_version}, {report.rubric_date})",
        f"Score: {report.score:.1f}% ({report.points_earned} of {report.points_possible} points; "
        f"threshold {report.pass_threshold:g}%)",
        f"Verdict: {verdict}" + (f" ({'; '.join(reasons)})" if reasons else ""),
    ]
    failures = report.failures
    if not failures:
        lines += ["", "No automated criterion failed."]
    areas: dict[str, list[str]] = {}
    for result in failures:
        block = areas.setdefault(result.area, [])
        block.append(f"  {result.id} [{result.weight.label}] {result.title}")
        for finding in result.findings:
            where = finding.path or "(whole design)"
            block.append(f"    - {where}: {finding.message}")
            block.append(f"      Fix: {finding.fix}")
    for area, block in areas.items():
        lines += ["", AREA_TITLES.get(area, area.capitalize()), *block]
    skipped = [r.id for r in report.criteria if r.status is Status.NOT_APPLICABLE]
    if skipped:
        lines += ["", f"Not applicable: {', '.join(skipped)}"]
    if report.manual:
        lines += ["", "For reviewers to score: " + "; ".join(f"{m.id} {m.title}" for m in report.manual)]
    return "\n".join(lines) + "\n"


def list_text(rubrics: Sequence[Rubric]) -> str:
    """One line per rubric: id, version, date, number of criteria and title."""
    if not rubrics:
        return "No rubrics found.\n"
    width = max(len(r.id) for r in rubrics)
    return "".join(
        f"{r.id:<{width}}  {r.version:<8} {r.date}  {len(r.criteria):>2} checks  {r.title}\n" for r in rubrics
    )


def _read_design(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: the design must be a JSON object, not {type(data).__name__}")
    return data


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 scored or listed, 1 unusable input or rubric)."""
    args = _parser().parse_args(argv)
    try:
        if args.list:
            sys.stdout.write(list_text(list_rubrics(args.rubric_dir)))
            return 0
        if args.evaluate:
            rubric = load_rubric(args.rubric, args.rubric_dir)
            sys.stdout.write(evaluate_files(rubric, args.evaluate, args.show))
            return 0
        if args.file is None:
            sys.stderr.write("error: give a design file to score, or --list\n")
            return 1
        design = _read_design(args.file)
        rubric = load_rubric(args.rubric, args.rubric_dir)
    except (OSError, ValueError, RubricError) as exc:  # RubricError is a ValueError; all are user errors
        sys.stderr.write(f"error: {exc}\n")
        return 1
    report = evaluate(rubric, design)
    sys.stdout.write(report.to_json() + "\n" if args.json else format_text(report))
    return 0
