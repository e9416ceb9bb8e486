"""Reading TOML data files and turning problems into errors that name the file and the line.

Rubric and lexicon files are edited by hand by quality officers, so an error must say where to
look.  ``tomllib`` reports syntax errors with a line number; for semantic errors (an unknown check
ID, a misspelt weight class) we search the source text for the table or key that holds the bad
value, because ``tomllib`` does not keep positions.  The search understands ``[a.b]`` and
``[[a]]`` headers and ``key = value`` lines, which is all our files use; when it finds nothing
the message simply has no line number.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

_HEADER = re.compile(r"^\s*\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


class RubricError(ValueError):
    """A rubric or lexicon file cannot be used; the message names the file and, where known, the line."""


def _split_key(dotted: str) -> tuple[str, ...]:
    parts = re.findall(r'"[^"]*"|\'[^\']*\'|[^.\s]+', dotted)
    return tuple(p.strip("\"'") for p in parts)


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; raise RubricError naming the file (and line) when it cannot be read or parsed."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(f"{path}: cannot read the file ({exc})") from None
    try:
        return tomllib.loads(source), source
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        where = f", line {match.group(1)}" if match else ""
        raise RubricError(f"{path}{where}: invalid TOML: {exc}") from None


def find_line(source: str, section: tuple[str, ...] = (), key: str | None = None) -> int | None:
    """1-based line of ``key`` inside table ``section`` (or of the table itself when key is None).

    When the exact key is not written on a line of its own (an inline table, a value inherited
    from elsewhere) the line of the deepest enclosing table or key is returned instead.
    """
    target = section + ((key,) if key is not None else ())
    current: tuple[str, ...] = ()
    fallback: int | None = None
    fallback_depth = 0
    for number, line in enumerate(source.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = _split_key(header.group(1))
            path = current
        else:
            found = _KEY.match(line)
            if not found:
                continue
            path = current + _split_key(found.group(1))
        if path == target:
            return number
        if target[: len(path)] == path and len(path) > fallback_depth:
            fallback, fallback_depth = number, len(path)
    return fallback


def error(
    path: Path | str, source: str, message: str, section: tuple[str, ...] = (), key: str | None = None
) -> RubricError:
    """Build a RubricError for ``message`` located at ``section``/``key`` in the file."""
    line = find_line(source, section, key) if (section or key) else None
    where = f", line {line}" if line else ""
    return RubricError(f"{path}{where}: {message}")
