"""Measuring the outcome checks against statements an expert has labelled (``--evaluate CORPUS``).

Why: the outcome checks read free text, so the only honest measure of them is agreement with an
expert on realistic statements the rules were not written from. The corpus format is described in
``tests/rubrics/corpus/README.md``: one statement per line, ``id | field | problems | bloom | text |
reason``. Each statement is scored as the only outcome of an otherwise empty design, with the
rubric's own O01-O04 checks, so the figures are those of the real checks, messages and weights.

Positive means "the statement has the problem". O02 counts a finding at either weight; the
"essential findings on acceptable statements" figure counts O01 or essential O02 findings on
statements the expert finds no essential problem in (the ones a checker must never block). Bloom
agreement compares the engine's likely level with the expert's, over the statements the expert
gives a level.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .engine import evaluate
from .enums import WeightClass
from .rubric import Rubric

CHECKS = ("O01", "O02", "O03", "O04")
_PROBLEMS = {"O01", "O02e", "O02a", "O03", "O04"}


@dataclass(frozen=True, slots=True)
class Statement:
    """One labelled statement of the corpus."""

    id: str
    field: str
    problems: frozenset[str]  # checks the expert says it fails: O01, O02e, O02a, O03, O04
    bloom: tuple[int, int, int] | None  # (lowest, highest, likely) plausible level; None: no performance
    text: str
    reason: str
    line: int

    def expects(self, check: str) -> bool:
        """Whether the expert says the statement fails ``check`` (O02 at either weight)."""
        if check == "O02":
            return bool({"O02e", "O02a"} & self.problems)
        return check in self.problems

    @property
    def acceptable(self) -> bool:
        """No essential problem: the checker must not block it."""
        return not {"O01", "O02e"} & self.problems


@dataclass(frozen=True, slots=True)
class Reading:
    """What the engine makes of one statement."""

    statement: Statement
    fails: frozenset[str]  # O01-O04 checks with a finding
    essential: bool  # an O01 or essential O02 finding
    level: int | None  # the likely Bloom level
    messages: tuple[str, ...]  # the findings' messages, for reading disagreements


def _bloom(value: str, where: str) -> tuple[int, int, int] | None:
    if value == "-":
        return None
    span, _, likely = value.partition(":")
    low, _, high = span.partition("-")
    try:
        lo, hi = int(low), int(high or low)
        level = int(likely or lo)
    except ValueError:
        raise ValueError(f"{where}: bloom must be '-', 'N' or 'LOW-HIGH:LIKELY', not {value!r}") from None
    if not 1 <= lo <= level <= hi <= 6:
        raise ValueError(f"{where}: bloom {value!r} is not 1 <= low <= likely <= high <= 6")
    return lo, hi, level


def read_corpus(path: Path) -> list[Statement]:
    """Parse a corpus file.

    Raises:
        ValueError: a line is malformed (the message names the file and line).
    """
    statements, seen = [], set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where = f"{path}, line {number}"
        parts = [p.strip() for p in raw.rstrip().removesuffix("|").split(" | ")]
        if len(parts) < 5:
            raise ValueError(f"{where}: expected 'id | field | problems | bloom | text | reason'")
        sid, field, problems, bloom, text = parts[:5]
        labels = frozenset() if problems == "-" else frozenset(problems.split())
        if labels - _PROBLEMS or sid in seen:
            raise ValueError(f"{where}: unknown problem labels {sorted(labels - _PROBLEMS)} or repeated id")
        seen.add(sid)
        reason = " | ".join(parts[5:])
        statements.append(Statement(sid, field, labels, _bloom(bloom, where), text, reason, number))
    return statements


def read(rubric: Rubric, statement: Statement) -> Reading:
    """Score the statement as a design's only outcome and collect the O01-O04 verdicts."""
    report = evaluate(rubric, {"outcomes": [{"id": "LO1", "text": statement.text}]})
    fails, messages, essential = set(), [], False
    for check in CHECKS:
        result = report.result(check)
        if result is None or not result.findings:
            continue
        fails.add(check)
        messages += [f"{check}: {f.message}" for f in result.findings]
        essential |= any(f.severity is WeightClass.ESSENTIAL for f in result.findings)
    return Reading(
        statement, frozenset(fails), essential, rubric.lexicon.analyse(statement.text).likely, tuple(messages)
    )


def disagreements(reading: Reading) -> list[str]:
    """What the engine got wrong on one statement, as short phrases; empty when it agrees."""
    s = reading.statement
    wrong = [
        f"{check} {'missed' if s.expects(check) else 'false alarm'}"
        for check in CHECKS
        if s.expects(check) != (check in reading.fails)
    ]
    expert = s.bloom[2] if s.bloom else None
    if expert != reading.level:
        wrong.append(f"Bloom {reading.level or '-'} (expert {expert or '-'})")
    return wrong


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "n/a"


def summary(readings: Sequence[Reading]) -> dict[str, object]:
    """Per-check confusion counts, precision and recall; Bloom agreement; essential false alarms."""
    figures: dict[str, object] = {"statements": len(readings)}
    for check in CHECKS:
        tp = sum(1 for r in readings if r.statement.expects(check) and check in r.fails)
        fp = sum(1 for r in readings if not r.statement.expects(check) and check in r.fails)
        fn = sum(1 for r in readings if r.statement.expects(check) and check not in r.fails)
        figures[check] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
        }
    levelled = [r for r in readings if r.statement.bloom]
    figures["bloom"] = {
        "levelled": len(levelled),
        "exact": sum(1 for r in levelled if r.level == r.statement.bloom[2]),  # type: ignore[index]
        "within_one": sum(
            1
            for r in levelled
            if r.level is not None and abs(r.level - r.statement.bloom[2]) <= 1  # type: ignore[index]
        ),
        "level_without_performance": sum(
            1 for r in readings if not r.statement.bloom and r.level is not None
        ),
    }
    acceptable = [r for r in readings if r.statement.acceptable]
    figures["acceptable"] = len(acceptable)
    figures["essential_on_acceptable"] = sum(1 for r in acceptable if r.essential)
    return figures


def format_summary(name: str, readings: Sequence[Reading], show: bool = False) -> str:
    """The figures as text, optionally followed by every disagreement."""
    f = summary(readings)
    lines = [f"corpus {name}: {f['statements']} statements", "check  tp  fp  fn  precision  recall"]
    for check in CHECKS:
        c = f[check]
        assert isinstance(c, dict)
        lines.append(
            f"{check}   {c['tp']:>3} {c['fp']:>3} {c['fn']:>3}  {_ratio(c['tp'], c['tp'] + c['fp']):>9}  "
            f"{_ratio(c['tp'], c['tp'] + c['fn']):>6}"
        )
    b = f["bloom"]
    assert isinstance(b, dict)
    n = b["levelled"]
    lines.append(
        f"Bloom (likely level, {n} statements with an expert level): exact {b['exact']} "
        f"({100 * b['exact'] / n if n else 0:.0f}%), within one level {b['within_one']} "
        f"({100 * b['within_one'] / n if n else 0:.0f}%); a level given to {b['level_without_performance']} "
        f"statements with no performance"
    )
    lines.append(
        f"essential findings on acceptable statements: {f['essential_on_acceptable']} of {f['acceptable']}"
    )
    if show:
        for r in readings:
            wrong = disagreements(r)
            if wrong:
                lines.append(f"  {r.statement.id} [{'; '.join(wrong)}] {r.statement.text}")
                lines += [f"      {m}" for m in r.messages]
    return "\n".join(lines) + "\n"


def evaluate_files(rubric: Rubric, paths: Iterable[Path], show: bool = False) -> str:
    """The figures for each corpus file."""
    return "\n".join(
        format_summary(path.name, [read(rubric, s) for s in read_corpus(path)], show) for path in paths
    )
