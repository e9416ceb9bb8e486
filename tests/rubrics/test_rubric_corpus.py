"""The outcome checks against the training corpus, statement by statement (tests/rubrics/corpus/README.md).

Each statement of ``train.txt`` is scored as a design's only outcome: the O01-O04 verdicts must be the
expert's and the likely Bloom level must fall in the expert's range. The few statements the engine still
reads differently are listed in KNOWN with the reason, as strict expected failures: fixing one makes its
test fail until it is taken off the list. The held-out files are only parsed here (their figures come
from ``python -m rubrics --evaluate``, never from a test the rules are tuned against).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rubrics import Rubric, load_rubric
from rubrics.cli import main
from rubrics.corpus import CHECKS, Statement, disagreements, read, read_corpus, summary

CORPUS = Path(__file__).resolve().parent / "corpus"
TRAIN = read_corpus(CORPUS / "train.txt")
KNOWN = {
    "t035": "recommend read as Evaluate; the expert reads a rule-based dose chart as Analyse",
    "t569": "two performances (O03 reports them); the expert gives the level of the higher verb, rectify "
    "(Apply), where the engine gives the first verb's, identify (Remember)",
    "t625": "borderline: the expert reads completing a proposal form and collecting KYC documents as one "
    "onboarding routine; the engine reads two performances",
    "t704": "Bloom: the expert reads selecting an oxygen device for a patient as Evaluate; the engine reads "
    "select at its likely level, Apply (the O02 and O03 readings agree)",
    "t705": "Bloom: the expert reads classifying by the Gell and Coombs scheme as Understand; the engine "
    "reads classifying by a named scheme as Apply, as train.txt's classification rule does",
    "t845": "two performances for the expert (fabricate, then test the cells); the engine reads two listed "
    "verbs on one object at Apply as one practical, as train.txt's 'install and test domestic wiring'",
    "t797": "borderline: the expert reads adjusting a horse's ration after scoring its body condition as a "
    "second performance; the engine reads the adjustment as a step of the practical, as in 'prepare a "
    "nutrient solution and adjust its pH' (held-out w095)",
    "t925": "'correct' after 'safe and' is an adjective; the engine reads 'and correct' before a bare noun "
    "as a verb (words.toml verb_homographs), as three held-out experts' readings ask ('and correct "
    "clerical errors')",
}


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("institution-default")


def _case(s: Statement) -> object:
    marks = [pytest.mark.xfail(reason=KNOWN[s.id], strict=True)] if s.id in KNOWN else []
    return pytest.param(s, id=s.id, marks=marks)


@pytest.mark.parametrize("statement", [_case(s) for s in TRAIN])
def test_statement(statement: Statement, rubric: Rubric) -> None:
    """The engine's O01-O04 verdicts and likely Bloom level agree with the expert's reading."""
    reading = read(rubric, statement)
    for check in CHECKS:
        assert (check in reading.fails) == statement.expects(check), (check, reading.messages)
    if statement.bloom is None:
        assert reading.level is None
    else:
        low, high, _ = statement.bloom
        assert reading.level is not None and low <= reading.level <= high, disagreements(reading)


def test_corpus_size_and_spread() -> None:
    """At least 300 statements in all, from ten or more fields, each family of issue 10 represented."""
    everything = [
        s for name in ("train.txt", "heldout.txt", "heldout2.txt") for s in read_corpus(CORPUS / name)
    ]
    assert len(everything) >= 300
    assert len({s.field for s in everything}) >= 10
    assert {"O01", "O02e", "O02a", "O03", "O04"} <= {p for s in everything for p in s.problems}
    assert sum(1 for s in everything if s.acceptable) >= 60


def test_training_figures(rubric: Rubric) -> None:
    """The goals of issue 10 hold on the training corpus (the held-out figures are in the closing note)."""
    figures = summary([read(rubric, s) for s in TRAIN])
    for check, (precision, recall) in {
        "O01": (0.97, 0.9),
        "O02": (0.97, 0.9),
        "O03": (0.9, 0.75),
        "O04": (0.9, 0.8),
    }.items():
        c = figures[check]
        assert isinstance(c, dict) and c["precision"] >= precision and c["recall"] >= recall, (check, c)
    bloom = figures["bloom"]
    assert isinstance(bloom, dict) and bloom["exact"] >= 0.75 * bloom["levelled"]
    assert bloom["within_one"] >= 0.92 * bloom["levelled"]
    assert figures["essential_on_acceptable"] * 60 <= figures["acceptable"]  # type: ignore[operator]


def test_evaluate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--evaluate prints per-check precision and recall, Bloom agreement and the essential false alarms."""
    corpus = tmp_path / "mini.txt"
    corpus.write_text(
        "# id | field | problems | bloom | text | reason\n"
        "m1 | x | - | 3 | Calculate the break-even point. |\n"
        "m2 | x | O01 O02e | - | Understand costing. |\n"
        "m3 | x | O03 | 6 | Design and build a shed. |\n"
        "m4 | x | - | 2 | Explain how firms learn from failures. | the firms learn\n",
        encoding="utf-8",
    )
    assert main(["--evaluate", str(corpus), "--show"]) == 0
    out = capsys.readouterr().out
    assert "corpus mini.txt: 4 statements" in out
    assert "O01     1   0   0       1.00    1.00" in out and "O03     1   0   0       1.00    1.00" in out
    assert "exact 3 (100%), within one level 3 (100%)" in out
    assert "essential findings on acceptable statements: 0 of 3" in out


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("m1 | x | O09 | 3 | Calculate it. |", "unknown problem labels"),
        ("m1 | x | - | 7 | Calculate it. |", "is not 1 <= low"),
        ("m1 | x | - | three | Calculate it. |", "bloom must be"),
        ("m1 | x | - | 3", "expected 'id | field"),
    ],
)
def test_malformed_corpus_line_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, reason: str
) -> None:
    """A malformed line is named with its file and line number, exit 1."""
    corpus = tmp_path / "bad.txt"
    corpus.write_text(f"# header\n{line}\n", encoding="utf-8")
    assert main(["--evaluate", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert "bad.txt, line 2" in err and reason in err
