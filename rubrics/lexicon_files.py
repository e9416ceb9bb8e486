"""Reading, validating and caching the lexicon files (``data/lexicon/*.toml``).

Why separate from :mod:`rubrics.lexicon`: that module is the hot path (outcome analysis); this one
runs once per lexicon file set.  A compiled :class:`~rubrics.lexicon.Lexicon` is cached by the
files' paths and modification times, so every rubric that uses the same files shares one compiled
lexicon (compiling one takes about 10 ms), and an edited file is picked up on the next load.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from .lexicon import Lexicon, expand_names
from .tomlfile import RubricError, error, read_toml


def _is_strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def _validate_bloom(bloom: dict[str, Any], source: str, path: Path, names: dict[str, list[str]]) -> None:
    levels = bloom.get("levels")
    if not isinstance(levels, dict) or not levels:
        raise error(path, source, "the file needs [levels.1] .. [levels.6] tables")
    for key, body in levels.items():
        if not (
            key.isdigit()
            and isinstance(body, dict)
            and isinstance(body.get("name"), str)
            and _is_strings(body.get("verbs"))
            and body["verbs"]
        ):
            raise error(
                path,
                source,
                f"level {key!r} needs a numeric key, a name and a list of verbs",
                ("levels", key),
            )
    for n, addition in enumerate(bloom.get("additions", [])):
        if not (
            isinstance(addition, dict)
            and str(addition.get("level")) in levels
            and _is_strings(addition.get("verbs"))
            and isinstance(addition.get("source"), str)
            and addition["source"]
        ):
            raise error(
                path, source, f"additions entry {n + 1} needs a level, verbs and a source", ("additions",)
            )
    if not all(isinstance(v, int) and str(v) in levels for v in bloom.get("likely", {}).values()):
        raise error(path, source, "every likely level must be a level number of the table", ("likely",))
    for n, rule in enumerate(bloom.get("context", [])):
        if not (
            isinstance(rule, dict)
            and isinstance(rule.get("verb"), str)
            and _is_strings(rule.get("objects"))
            and isinstance(rule.get("levels"), list)
            and rule["levels"]
            and all(isinstance(v, int) and str(v) in levels for v in rule["levels"])
            and rule.get("likely") in rule["levels"]
            and isinstance(rule.get("window", 8), int)
            and 0 < rule.get("window", 8) <= 40
            and isinstance(rule.get("before", False), bool)
            and isinstance(rule.get("source"), str)
            and rule["source"]
        ):
            raise error(
                path,
                source,
                f"context rule {n + 1} needs a verb, objects, levels, likely (one of them), a source"
                " and, if any, a window of 1-40 words and before = true or false",
                ("context",),
            )
    patterns = bloom.get("stems", {}).get("patterns", [])
    if not _is_strings(patterns):
        raise error(path, source, "stems.patterns must be a list of strings", ("stems",), "patterns")
    subjects = bloom.get("stems", {}).get("subjects", [])
    if not (_is_strings(subjects) and _is_strings(bloom.get("stems", {}).get("subject_words", []))):
        message = "stems.subjects and stems.subject_words must be lists of strings"
        raise error(path, source, message, ("stems",))
    for pattern in patterns + subjects:
        _check_pattern(pattern, path, source, "stems", names)


def _validate_vague(vague: dict[str, Any], source: str, path: Path, names: dict[str, list[str]]) -> None:
    keys = {
        "essential": (
            "performance",
            "verbs",
            "fillers",
            "states",
            "modified_states",
            "state_ends",
            "modifier_joins",
            "copulas",
            "copula_ends",
            "state_products",
            "lead_ins",
        ),
        "advisory": ("performance", "verbs", "states"),
    }
    for part in ("essential", "advisory"):
        not_before = vague.get(part, {}).get("not_before", {})
        if not (isinstance(not_before, dict) and all(_is_strings(v) for v in not_before.values())):
            raise error(path, source, f"{part}.not_before must map words to lists of strings", (part,))
    for part, lists in keys.items():
        body = vague.get(part)
        if not isinstance(body, dict) or not all(_is_strings(body.get(k, [])) for k in lists):
            raise error(path, source, f"[{part}] needs lists of strings {', '.join(lists)}", (part,))
    if not isinstance(vague["essential"].get("state_modifiers", 0), int):
        message = "essential.state_modifiers must be a whole number"
        raise error(path, source, message, ("essential",), "state_modifiers")
    course = vague.get("course_side", {})
    for key in ("frames", "topics", "phrases", "subjects", "subject_words", "abilities", "vague_verbs"):
        if not _is_strings(course.get(key, [])):
            raise error(path, source, f"course_side.{key} must be a list of strings", ("course_side",), key)
    aims = course.get("aims", {})
    if not (isinstance(aims, dict) and all(isinstance(v, str) for v in aims.values())):
        raise error(path, source, "course_side.aims must map words to phrases", ("course_side",), "aims")
    for pattern in course.get("frames", []) + course.get("topics", []) + course.get("subjects", []):
        _check_pattern(pattern, path, source, "course_side", names)
    if not all(isinstance(x, str) for x in vague.get("suggestions", {}).values()):
        raise error(path, source, "every suggestion must be a string", ("suggestions",))


def _check_pattern(pattern: str, path: Path, source: str, section: str, names: dict[str, list[str]]) -> None:
    try:
        re.compile(expand_names(pattern, names))
    except KeyError as exc:
        message = f"pattern {pattern!r} names {{{exc.args[0]}}}, which words.toml's [frame_words] lacks"
        raise error(path, source, message, (section,)) from None
    except re.error as exc:
        raise error(path, source, f"invalid pattern {pattern!r}: {exc}", (section,)) from None


def frame_words(words: dict[str, Any], source: str, path: Path) -> dict[str, list[str]]:
    """The ``[frame_words]`` lists of words.toml that frame patterns name as ``{name}``."""
    names = words.get("frame_words", {})
    if not (isinstance(names, dict) and all(_is_strings(v) and v for v in names.values())):
        raise error(path, source, "every [frame_words] entry must be a list of strings", ("frame_words",))
    return names


def _validate_words(words: dict[str, Any], source: str, path: Path) -> None:
    for table, key in (
        ("conditions", "openers"),
        ("conditions", "later_openers"),
        ("conditions", "later_subjects"),
        ("conditions", "later_modals"),
        ("adverbs", "words"),
        ("compound", "conjunctions"),
        ("compound", "noun_markers"),
        ("compound", "homographs"),
        ("compound", "verb_homographs"),
        ("compound", "determiners"),
        ("compound", "stoppers"),
        ("compound", "means"),
        ("compound", "examinations"),
        ("compound", "one_task"),
        ("compound", "reported_to"),
        ("compound", "record_verbs"),
        ("compound", "record_nouns"),
        ("compound", "kept_record_verbs"),
        ("compound", "own_record_words"),
        ("compound", "findings_verbs"),
        ("compound", "findings_words"),
        ("compound", "result_records"),
        ("compound", "result_makers"),
        ("compound", "result_words"),
        ("compound", "justifications"),
        ("compound", "choice_makers"),
        ("compound", "verdict_verbs"),
        ("compound", "whether_verdicts"),
        ("compound", "advice_verbs"),
        ("compound", "comparisons"),
        ("compound", "pass_fail"),
        ("compound", "verdict_objects"),
        ("compound", "result_verbs"),
        ("compound", "result_after"),
        ("compound", "result_nouns"),
        ("compound", "routine_steps"),
        ("compound", "result_checks"),
        ("compound", "preparatory"),
        ("compound", "exceptions"),
        ("compound", "picks"),
        ("compound", "pick_relatives"),
        ("compound", "examples"),
        ("compound", "participles"),
        ("compound", "repair_participles"),
        ("compound", "diagnoses"),
        ("compound", "compound_nouns"),
        ("compound", "test_verbs"),
        ("compound", "test_nouns"),
        ("compound", "checks_not_after"),
        ("compound", "kind_verbs"),
        ("compound", "kind_nouns"),
        ("similarity", "stopwords"),
        ("dictionary", "not_performance"),
        ("dictionary", "unknown_before"),
        ("dictionary", "unknown_suffixes"),
        ("dictionary", "noun_heads"),
        ("dictionary", "plural_before"),
        ("dictionary", "noun_head_suffixes"),
        ("dictionary", "topic_heads"),
        ("dictionary", "topic_list_ends"),
        ("dictionary", "section_labels"),
    ):
        if not _is_strings(words.get(table, {}).get(key, [])):
            raise error(path, source, f"{table}.{key} must be a list of strings", (table,), key)
    for table, key in (
        ("compound", "adjective_after"),
        ("compound", "result_properties"),
        ("dictionary", "gives_before"),
    ):
        mapping = words.get(table, {}).get(key, {})
        if not (isinstance(mapping, dict) and all(_is_strings(v) for v in mapping.values())):
            raise error(path, source, f"{table}.{key} must map words to lists of strings", (table,), key)
    for n, cycle in enumerate(words.get("compound", {}).get("cycles", [])):
        if not (
            isinstance(cycle, dict)
            and cycle.get("first")
            and _is_strings(cycle["first"])
            and cycle.get("steps")
            and _is_strings(cycle["steps"])
            and isinstance(cycle.get("source"), str)
            and cycle["source"]
        ):
            raise error(
                path,
                source,
                f"compound cycle {n + 1} needs lists first and steps and a source",
                ("compound",),
            )
    level = words.get("dictionary", {}).get("level", 0)
    if not (isinstance(level, int) and 0 <= level <= 6):
        raise error(path, source, "dictionary.level must be 0 (off) or a level 1-6", ("dictionary",), "level")
    if not isinstance(words.get("compound", {}).get("record_window", 6), int):
        raise error(
            path, source, "compound.record_window must be a whole number", ("compound",), "record_window"
        )
    if not isinstance(words.get("conditions", {}).get("max_words", 16), int):
        raise error(path, source, "conditions.max_words must be a whole number", ("conditions",), "max_words")


@lru_cache(maxsize=16)
def _compile(paths: tuple[Path, Path, Path], _stamps: tuple[int, ...]) -> Lexicon:
    (bloom, bsrc), (vague, vsrc), (words, wsrc) = (read_toml(p) for p in paths)
    _validate_words(words, wsrc, paths[2])
    names = frame_words(words, wsrc, paths[2])
    _validate_bloom(bloom, bsrc, paths[0], names)
    _validate_vague(vague, vsrc, paths[1], names)
    return Lexicon(bloom, vague, words, paths)


def load_lexicon(bloom: Path, vague: Path, words: Path) -> Lexicon:
    """Compile (or fetch from cache) the lexicon made of these three files.

    Raises:
        RubricError: a file is missing, is not valid TOML, or lacks the expected tables.
    """
    paths = (bloom.resolve(), vague.resolve(), words.resolve())
    try:
        stamps = tuple(p.stat().st_mtime_ns for p in paths)
    except OSError as exc:
        raise RubricError(f"{exc.filename}: cannot read the lexicon file ({exc.strerror})") from None
    return _compile(paths, stamps)
