"""Rubric files: the shipped ones load; broken ones are refused with the file and line; institutions
can copy or extend a rubric and change weights and thresholds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from rubrics import RubricError, Status, WeightClass, evaluate, list_rubrics, load_rubric, load_rubric_file
from rubrics.checks import REGISTRY
from rubrics.loader import LEXICON_FILES, SHIPPED_DIR
from rubrics.report import CriterionResult

DEFAULT_FILE = SHIPPED_DIR / "institution-default.toml"


def _write(directory: Path, rubric_id: str, body: str) -> Path:
    path = directory / f"{rubric_id}.toml"
    path.write_text(
        f'id = "{rubric_id}"\ntitle = "Test"\nversion = "1"\ndate = 2026-02-01\n{body}', encoding="utf-8"
    )
    return path


def _copy_default(directory: Path, rubric_id: str, *edits: tuple[str, str]) -> Path:
    """A copy of the default rubric under a new id, with text replacements applied."""
    text = DEFAULT_FILE.read_text(encoding="utf-8").replace(
        'id = "institution-default"', f'id = "{rubric_id}"'
    )
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = directory / f"{rubric_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_shipped_rubrics_load() -> None:
    """Both shipped rubrics load; the default has every check at its catalogue weight."""
    default = load_rubric("institution-default")
    assert [c.id for c in default.criteria] == sorted(
        REGISTRY, key=lambda i: "CNOASWRI".index(i[0]) * 100 + int(i[1:])
    )
    weights = {c.id: c.weight for c in default.criteria}
    assert weights["C01"] is WeightClass.IMPORTANT and weights["C03"] is WeightClass.ESSENTIAL
    assert weights["N04"] is WeightClass.INFO and weights["O03"] is WeightClass.ADVISORY
    assert default.pass_threshold == 85 and default.params["nlh_per_credit"] == 30
    assert default.params["ects_hours_per_credit"] == 27.5 and default.params["hours_per_credit"]["lab"] == 30
    assert [r.max_level for r in default.level_table] == [4.5, 5, 5.5, 6, 6.5, 7, 8]
    assert all(c.source for c in default.criteria) and len(default.manual) >= 4
    eu = load_rubric("eu-standard-elements")
    assert [c.id for c in eu.criteria] == [
        "C01",
        "C02",
        "C03",
        "C04",
        "C05",
        "C06",
        "C07",
        "C08",
        "N01",
        "N05",
        "S07",
    ]
    assert {c.weight for c in eu.criteria} == {WeightClass.ESSENTIAL}
    assert eu.extends == "institution-default" and eu.params == default.params
    assert [r.id for r in list_rubrics()] == ["eu-standard-elements", "institution-default"]


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    """A syntax error is reported with the file and line from tomllib."""
    path = _write(tmp_path, "broken", "pass_threshold = 85\n[params\nnlh_per_credit = 30\n")
    with pytest.raises(RubricError, match=r"broken\.toml, line 6: invalid TOML") as err:
        load_rubric_file(path)
    assert str(path) in str(err.value)


def test_unknown_check_id_is_rejected_with_its_line(tmp_path: Path) -> None:
    """A criterion for a check that does not exist names the check and the line of its table."""
    path = _copy_default(tmp_path, "typo", ("[criteria.C10]", "[criteria.C99]"))
    with pytest.raises(RubricError, match=rf"line {_line_of(path, '[criteria.C99]')}: unknown check 'C99'"):
        load_rubric_file(path)


@pytest.mark.parametrize(
    ("old", "new", "message", "needle"),
    [
        (
            'weight = "advisory"\nsource = "ETF',
            'weight = "optional"\nsource = "ETF',
            "unknown weight class 'optional'",
            'weight = "optional"',
        ),
        (
            "params = { max_months = 12 }",
            "params = { max_month = 12 }",
            "unknown key 'max_month'",
            "max_month",
        ),
        (
            "params = { max_months = 12 }",
            'params = { max_months = "twelve" }',
            "expected a number",
            "max_months",
        ),
        (
            "params = { max_months = 12 }",
            "params = {}",
            "[criteria.C10] lacks parameter(s) max_months",
            "[criteria.C10]",
        ),
        (
            "params = { separate_steps = false, separate_later_steps = false }",
            'params = { separate_steps = "yes", separate_later_steps = false }',
            "expected true or false",
            "separate_steps",
        ),
        (
            "params = { separate_steps = false, separate_later_steps = false }",
            "params = { separate_steps = false, separate_later_steps = 1 }",
            "expected true or false",
            "separate_later_steps",
        ),
        ('modes = ["online",', 'modes = ["onlin",', "unknown value(s) onlin", "modes"),
        ("pass_threshold = 85", "pass_threshold = 185", "from 0 to 100", "pass_threshold"),
        ("nlh_per_credit = 30 ", "nlh_per_credt = 30 ", "unknown key 'nlh_per_credt'", "nlh_per_credt"),
        ("max_level = 8\n", "max_level = 7.5\n", "must cover level 8", "[[level_table]]"),
    ],
)
def test_semantic_errors_name_the_line(tmp_path: Path, old: str, new: str, message: str, needle: str) -> None:
    """Bad weights, parameters and tables are refused with a clear message at the offending line."""
    path = _copy_default(tmp_path, "bad", (old, new))
    with pytest.raises(RubricError) as err:
        load_rubric_file(path)
    assert message in str(err.value)
    match = re.search(r"line (\d+)", str(err.value))
    assert match, str(err.value)
    lines = path.read_text().splitlines()
    assert needle in lines[int(match.group(1)) - 1] or needle == "[[level_table]]"


def test_id_must_match_file_name(tmp_path: Path) -> None:
    """A rubric's id is its file name, so ids stay unique in a directory."""
    path = tmp_path / "other.toml"
    shutil.copy(DEFAULT_FILE, path)
    with pytest.raises(RubricError, match="must match the file name"):
        load_rubric_file(path)


def test_institution_copy_changes_weight_and_threshold(tmp_path: Path, example: dict[str, Any]) -> None:
    """An institution copies the default, makes A02 advisory and lowers the threshold: the example meets."""
    _copy_default(
        tmp_path,
        "my-university",
        ("pass_threshold = 85", "pass_threshold = 80"),
        (
            'title = "Every outcome is assessed summatively"\nweight = "essential"',
            'title = "Every outcome is assessed summatively"\nweight = "advisory"',
        ),
        ("params = { max_months = 12 }", "params = { max_months = 24 }"),
    )
    rubric = load_rubric("my-university", [tmp_path])
    assert rubric.pass_threshold == 80
    assert rubric.criterion("A02").weight is WeightClass.ADVISORY  # type: ignore[union-attr]
    assert rubric.criterion("C10").params["max_months"] == 24  # type: ignore[union-attr]
    report = evaluate(rubric, example)
    assert report.meets and report.result("A02").weight is WeightClass.ADVISORY  # type: ignore[union-attr]
    assert "my-university" in [r.id for r in list_rubrics([tmp_path])]


def test_extending_rubric_overrides_only_what_it_names(tmp_path: Path, example: dict[str, Any]) -> None:
    """``extends`` inherits everything; a criterion table changes one parameter; ``exclude`` drops checks."""
    _write(
        tmp_path,
        "short",
        'extends = "institution-default"\nexclude = ["A02", "O07"]\n'
        "[params]\nnlh_per_credit = 25\n"
        "[criteria.C10]\nparams = { max_months = 6 }\n",
    )
    rubric = load_rubric("short", [tmp_path])
    assert "A02" not in [c.id for c in rubric.criteria] and len(rubric.criteria) == 46
    assert rubric.params["nlh_per_credit"] == 25 and rubric.params["ects_hours_per_credit"] == 27.5
    c10 = rubric.criterion("C10")
    assert c10 is not None and c10.params == {"max_months": 6} and c10.weight is WeightClass.ADVISORY
    report = evaluate(rubric, example)
    assert report.result("C10").status is Status.FAIL  # type: ignore[union-attr]
    assert report.result("N01").status is Status.FAIL  # 2 credits x 25 h = 50, not 60  # type: ignore[union-attr]


def test_extends_loops_and_unknown_bases_are_refused(tmp_path: Path) -> None:
    """A rubric cannot extend itself in a loop or extend a rubric that does not exist."""
    _write(tmp_path, "a", 'extends = "b"\n')
    _write(tmp_path, "b", 'extends = "a"\n')
    with pytest.raises(RubricError, match="makes a loop"):
        load_rubric("a", [tmp_path])
    _write(tmp_path, "c", 'extends = "nowhere"\n')
    with pytest.raises(RubricError, match="extends unknown rubric 'nowhere'"):
        load_rubric("c", [tmp_path])


def test_unknown_rubric_id_lists_what_exists() -> None:
    """Asking for a rubric that does not exist says which ones do."""
    with pytest.raises(RubricError, match=r"unknown rubric 'nope' \(available: eu-standard-elements, "):
        load_rubric("nope")
    with pytest.raises(RubricError, match="unknown rubric"):
        load_rubric("../institution-default")


def test_custom_lexicon_next_to_the_rubric(tmp_path: Path, example: dict[str, Any]) -> None:
    """A rubric may point at its own lexicon file, e.g. to flag 'explain' as vague."""
    vague = (SHIPPED_DIR.parent / "lexicon" / "vague.toml").read_text(encoding="utf-8")
    (tmp_path / "strict-vague.toml").write_text(
        vague.replace('performance = [\n  "understand"', 'performance = [\n  "explain", "understand"')
    )
    _write(tmp_path, "strict", 'extends = "institution-default"\n[lexicon]\nvague = "strict-vague.toml"\n')
    report = evaluate(load_rubric("strict", [tmp_path]), example)
    assert report.result("O02").findings[0].path == "outcomes[0].text"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("routine_steps = [", 'routine_steps = "test"\nunused = [', "compound.routine_steps must be a list"),
        ("record_window = 6", 'record_window = "six"', "compound.record_window must be a whole number"),
        ('first = ["journalise"', 'first = "journalise"\nunused = ["journalise"', "compound cycle 2 needs"),
        ('source = "corpus m013', 'unsourced = "corpus m013', "compound cycle 2 needs"),
        # the frame patterns of the other two files name these lists as {course_part}, {learner}
        ("course_part = [", "course_parts = [", r"names \{course_part\}, which words.toml's \[frame_word"),
        ("learner = [", 'learner = "students"\nunused = [', r"every \[frame_words\] entry must be a list"),
    ],
)
def test_invalid_compound_word_lists_are_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    """The O03 routine lists in words.toml are checked when the lexicon loads, like every other list."""
    words = (SHIPPED_DIR.parent / "lexicon" / "words.toml").read_text(encoding="utf-8")
    assert old in words
    (tmp_path / "bad-words.toml").write_text(words.replace(old, new, 1), encoding="utf-8")
    _write(tmp_path, "bad", 'extends = "institution-default"\n[lexicon]\nwords = "bad-words.toml"\n')
    with pytest.raises(RubricError, match=message):
        load_rubric("bad", [tmp_path])


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "words",
            "verdict_verbs = [",
            'verdict_verbs = "pick"\nunused = [',
            "compound.verdict_verbs must be a",
        ),
        (
            "words",
            "result_nouns = [",
            'result_nouns = "yield"\nunused = [',
            "compound.result_nouns must be a",
        ),
        ("vague", "lead_ins = [", 'lead_ins = "come to"\nunused = [', r"\[essential\] needs lists of"),
        (
            "words",
            "whether_verdicts = [",
            'whether_verdicts = "decide"\nunused = [',
            "compound.whether_verdicts must be a",
        ),
        ("vague", 'aware = "be aware of"', "aware = 1", "course_side.aims must map words to phrases"),
        ("bloom", "window = 24", 'window = "long"', "context rule .* a window of 1-40 words"),
        ("bloom", "window = 24", "window = 0", "context rule .* a window of 1-40 words"),
        ("bloom", "\nbefore = true\n", '\nbefore = "yes"\n', "context rule .* before = true or false"),
        (
            "words",
            "kept_record_verbs = [",
            'kept_record_verbs = "maintain"\nunused = [',
            "compound.kept_record_verbs must be a",
        ),
        (
            "words",
            "topic_list_ends = [",
            'topic_list_ends = "for"\nunused = [',
            "dictionary.topic_list_ends must be a",
        ),
    ],
)
def test_invalid_reading_rules_are_refused(
    tmp_path: Path, name: str, old: str, new: str, message: str
) -> None:
    """The verdict, result and lead-in lists and a context rule's window are checked at load time."""
    shipped = (SHIPPED_DIR.parent / "lexicon" / LEXICON_FILES[name]).read_text(encoding="utf-8")
    assert old in shipped
    (tmp_path / f"bad-{name}.toml").write_text(shipped.replace(old, new, 1), encoding="utf-8")
    _write(tmp_path, "bad", f'extends = "institution-default"\n[lexicon]\n{name} = "bad-{name}.toml"\n')
    with pytest.raises(RubricError, match=message):
        load_rubric("bad", [tmp_path])


def test_an_institution_can_count_the_steps_of_one_task_as_two_performances(tmp_path: Path) -> None:
    """O03's separate_steps reads checks.md literally: "measure ... and record it" and "and lacquer it"
    (a verb only the dictionary knows) are second performances; fixed pairs stay one."""
    texts = [
        "Measure the insulation resistance of the motor windings and record it in the test sheet.",
        "Turn a wooden toy on a hand lathe and lacquer it with natural lac colours.",
        "Compare and contrast two translations of a Kabir doha.",
    ]
    default, literal = _o03_both_ways(tmp_path, "separate_steps", texts)
    assert [f.path for f in literal.findings] == ["outcomes[0].text", "outcomes[1].text"]
    assert "('measure' and 'record')" in literal.findings[0].message
    assert "('turn' and 'lacquer')" in literal.findings[1].message


def test_an_institution_can_count_only_the_later_steps_of_a_task_as_performances(tmp_path: Path) -> None:
    """O03's separate_later_steps: a check of the result and a step after a preparation, each with an
    object of its own, and a verb only the dictionary knows are second performances; verbs listed on one
    object, a verdict and a record of the result stay one (the reading of BRIEF.md's later experts)."""
    texts = [
        "Apply two coats of anti-corrosive primer to the steel grille and check the dry film thickness.",
        "Load the yarn packages on the carrier and set the machine parameters.",
        "Explain the scheme to villagers and enrol the eligible persons.",
        "Install and test domestic wiring in a two-room house.",
        "Compare two quotations for a water pump and recommend one.",
        "Measure the insulation resistance of the motor windings and record it in the test sheet.",
    ]
    default, later = _o03_both_ways(tmp_path, "separate_later_steps", texts)
    assert [f.path for f in later.findings] == [f"outcomes[{i}].text" for i in range(3)]
    assert "('apply' and 'check')" in later.findings[0].message
    assert "('load' and 'set')" in later.findings[1].message
    assert "('explain' and 'enrol')" in later.findings[2].message


def _o03_both_ways(tmp_path: Path, param: str, texts: list[str]) -> tuple[CriterionResult, CriterionResult]:
    """O03's results on ``texts`` with the default rubric (asserted to find nothing) and with one
    that turns ``param`` on."""
    _write(
        tmp_path, "steps", f'extends = "institution-default"\n[criteria.O03]\nparams = {{ {param} = true }}\n'
    )
    design = {"outcomes": [{"id": f"LO{i}", "text": t} for i, t in enumerate(texts, start=1)]}
    default = evaluate(load_rubric("institution-default"), design).result("O03")
    steps = evaluate(load_rubric("steps", [tmp_path]), design).result("O03")
    assert default is not None and not default.findings
    assert steps is not None
    return default, steps
