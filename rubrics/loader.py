"""Finding, reading and strictly validating rubric files (``data/rubrics/*.toml``).

Why strict: a rubric decides whether a credential is approved, so a typo must stop the load with
a message naming the file and line rather than silently dropping a check or a threshold.  Every
key is checked: unknown top-level keys, unknown check IDs, unknown or missing parameters, weight
class names, parameter types and enumeration values.

A rubric file may ``extends = "<rubric id>"``: it then inherits the base rubric's parameters,
level table, lexicon, pass threshold and (unless ``inherit_criteria = false``) its criteria and
manual criteria; ``[criteria.X]`` tables override the base criterion's title, weight, source or
individual parameters; ``exclude = ["O07"]`` drops inherited criteria.  Rubric files are looked up
in the caller's directories first, so an institution can shadow or extend the shipped ones.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import params as p
from .checks import REGISTRY
from .rubric import LevelRow
from .tomlfile import RubricError, error, read_toml

DATA_DIR = Path(__file__).resolve().parent / "data"
SHIPPED_DIR = DATA_DIR / "rubrics"
LEXICON_DIR = DATA_DIR / "lexicon"

_TOP_KEYS = {
    "id",
    "title",
    "version",
    "date",
    "description",
    "pass_threshold",
    "extends",
    "inherit_criteria",
    "exclude",
    "params",
    "level_table",
    "lexicon",
    "criteria",
    "manual",
}
_CRITERION_KEYS = {"title", "weight", "source", "params"}
_MANUAL_KEYS = {"title", "guidance", "weight"}
#: Lexicon role -> default file name in data/lexicon (a rubric's [lexicon] table may override each).
LEXICON_FILES = {"bloom": "bloom_verbs.toml", "vague": "vague.toml", "words": "words.toml"}
RUBRIC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
_MANUAL_ID = re.compile(r"^M\d{2,3}$")


@dataclass
class RubricLayer:
    """One file's validated content; ``None``/empty means "not set in this file"."""

    path: Path
    source: str
    meta: dict[str, Any] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    level_table: tuple[LevelRow, ...] | None = None
    lexicon: dict[str, Path] = field(default_factory=dict)
    criteria: dict[str, dict[str, Any]] = field(default_factory=dict)
    manual: dict[str, dict[str, Any]] = field(default_factory=dict)

    def fail(self, message: str, section: tuple[str, ...] = (), key: str | None = None) -> RubricError:
        """An error located in this file."""
        return error(self.path, self.source, message, section, key)


def _convert(
    layer: RubricLayer, converter: p.Converter, value: object, section: tuple[str, ...], key: str
) -> Any:
    try:
        return converter(value)
    except ValueError as exc:
        raise layer.fail(f"{'.'.join(section + (key,))}: {exc}", section, key) from None


def _string(layer: RubricLayer, value: object, key: str, section: tuple[str, ...] = ()) -> str:
    if not isinstance(value, str) or not value.strip():
        raise layer.fail(f"{'.'.join(section + (key,))} must be a non-empty text in quotes", section, key)
    return value.strip()


def _table(
    layer: RubricLayer, value: object, section: tuple[str, ...], allowed: set[str] | None = None
) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise layer.fail(f"{'.'.join(section)} must be a table", section)
    for key in value:
        if allowed is not None and key not in allowed:
            raise layer.fail(
                f"unknown key '{key}' in {'.'.join(section) or 'the top level'} "
                f"(allowed: {', '.join(sorted(allowed))})",
                section,
                key,
            )
    return value


def _meta(layer: RubricLayer, raw: Mapping[str, Any]) -> None:
    meta = layer.meta
    for key in ("id", "title", "version"):
        if key not in raw:
            raise layer.fail(f"the rubric needs '{key}'")
        meta[key] = _string(layer, raw[key], key)
    if not RUBRIC_ID.match(meta["id"]) or meta["id"] != layer.path.stem:
        raise layer.fail(
            f"rubric id '{meta['id']}' must match the file name ('{layer.path.stem}') and use only "
            "letters, digits, '.', '_' and '-'",
            (),
            "id",
        )
    date = raw.get("date")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            pass
    if type(date) is not dt.date:
        raise layer.fail("date must be a date such as 2026-01-15", (), "date")
    meta["date"] = date.isoformat()
    meta["description"] = _string(layer, raw["description"], "description") if "description" in raw else ""
    if "pass_threshold" in raw:
        meta["pass_threshold"] = _convert(layer, p.percent, raw["pass_threshold"], (), "pass_threshold")
    if "extends" in raw:
        meta["extends"] = _string(layer, raw["extends"], "extends")
    inherit = raw.get("inherit_criteria", True)
    if not isinstance(inherit, bool):
        raise layer.fail("inherit_criteria must be true or false", (), "inherit_criteria")
    meta["inherit_criteria"] = inherit
    excluded = _convert(layer, p.words, raw.get("exclude", []), (), "exclude") if raw.get("exclude") else ()
    for check_id in excluded:
        if check_id.upper() not in REGISTRY:
            raise layer.fail(f"exclude names unknown check '{check_id}'", (), "exclude")
    meta["exclude"] = {c.upper() for c in excluded}


def _level_table(layer: RubricLayer, value: object) -> tuple[LevelRow, ...]:
    if not isinstance(value, list) or not value:
        raise layer.fail("level_table must be a list of [[level_table]] rows", ("level_table",))
    rows = []
    for n, row in enumerate(value):
        body = _table(layer, row, ("level_table",), {"max_level", "min_bloom", "max_lower_order_percent"})
        missing = {"max_level", "min_bloom", "max_lower_order_percent"} - set(body)
        if missing:
            raise layer.fail(f"level_table row {n + 1} lacks {', '.join(sorted(missing))}", ("level_table",))
        rows.append(
            LevelRow(
                _convert(layer, p.number, body["max_level"], ("level_table",), "max_level"),
                _convert(layer, p.bloom_level, body["min_bloom"], ("level_table",), "min_bloom"),
                _convert(
                    layer,
                    p.percent,
                    body["max_lower_order_percent"],
                    ("level_table",),
                    "max_lower_order_percent",
                ),
            )
        )
    if (
        any(a.max_level >= b.max_level for a, b in zip(rows, rows[1:], strict=False))
        or rows[-1].max_level < 8
    ):
        raise layer.fail(
            "level_table rows must go up by max_level and the last must cover level 8", ("level_table",)
        )
    return tuple(rows)


def _criteria(layer: RubricLayer, value: object) -> None:
    for check_id, body in _table(layer, value, ("criteria",)).items():
        section = ("criteria", check_id)
        if check_id not in REGISTRY:
            raise layer.fail(
                f"unknown check '{check_id}' (known checks: {', '.join(sorted(REGISTRY))})", section
            )
        body = _table(layer, body, section, _CRITERION_KEYS)
        entry: dict[str, Any] = {
            k: _string(layer, body[k], k, section) for k in ("title", "source") if k in body
        }
        if "weight" in body:
            entry["weight"] = _convert(layer, p.weight, body["weight"], section, "weight")
        spec = REGISTRY[check_id].params
        given = _table(layer, body.get("params", {}), section + ("params",), set(spec))
        entry["params"] = {k: _convert(layer, spec[k], v, section + ("params",), k) for k, v in given.items()}
        layer.criteria[check_id] = entry


def _manual(layer: RubricLayer, value: object) -> None:
    for manual_id, body in _table(layer, value, ("manual",)).items():
        section = ("manual", manual_id)
        if not _MANUAL_ID.match(manual_id):
            raise layer.fail(f"manual criterion id '{manual_id}' must look like M01", section)
        body = _table(layer, body, section, _MANUAL_KEYS)
        entry: dict[str, Any] = {
            k: _string(layer, body[k], k, section) for k in ("title", "guidance") if k in body
        }
        if "weight" in body:
            entry["weight"] = _convert(layer, p.weight, body["weight"], section, "weight")
        layer.manual[manual_id] = entry


def parse_rubric_file(path: Path) -> RubricLayer:
    """Read and validate one rubric file on its own (before ``extends`` is resolved)."""
    raw, source = read_toml(path)
    layer = RubricLayer(path, source)
    _table(layer, raw, (), _TOP_KEYS)
    _meta(layer, raw)
    spec = p.GLOBAL_PARAMS
    given = _table(layer, raw.get("params", {}), ("params",), set(spec))
    layer.params = {k: _convert(layer, spec[k], v, ("params",), k) for k, v in given.items()}
    if "level_table" in raw:
        layer.level_table = _level_table(layer, raw["level_table"])
    for key, value in _table(layer, raw.get("lexicon", {}), ("lexicon",), set(LEXICON_FILES)).items():
        name = _string(layer, value, key, ("lexicon",))
        candidates = [path.parent / name, LEXICON_DIR / name]
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            raise layer.fail(
                f"lexicon file '{name}' not found next to the rubric or among the shipped lexicons",
                ("lexicon",),
                key,
            )
        layer.lexicon[key] = found
    _criteria(layer, raw.get("criteria", {}))
    _manual(layer, raw.get("manual", {}))
    return layer
