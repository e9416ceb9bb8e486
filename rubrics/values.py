"""Reading untrusted JSON values: every helper returns a usable value or "missing", never raises.

Why: designs arrive half-typed from the editor, from imports and from old exports; the parser in
:mod:`rubrics.design` must accept anything.  The helpers run hundreds of times per design, so they
test exact types (``type(x) is``) rather than isinstance where they can: it is faster, and it
excludes bool (a subclass of int) for free.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

# Values beyond any schema maximum; clamping keeps sums and ratios finite for wild drafts.
_CLAMP = 1e9

_EMPTY: Mapping[str, Any] = {}


def text(value: object) -> str:
    """A stripped string, or ``""`` when the value is not a string."""
    return value.strip() if type(value) is str else ""


def number(value: object) -> float | None:
    """A finite float (clamped to +-1e9), or ``None`` for non-numbers, booleans, NaN and infinities."""
    kind = type(value)
    if kind is not int and kind is not float:
        return None
    result = float(value)  # type: ignore[arg-type]
    if -_CLAMP <= result <= _CLAMP:  # false for NaN
        return result
    return max(-_CLAMP, min(_CLAMP, result)) if math.isfinite(result) else None


def obj(value: object) -> Mapping[str, Any]:
    """The value when it is a JSON object, else an empty mapping."""
    if type(value) is dict:  # the common case; isinstance against the Mapping ABC is slow
        return value
    return value if isinstance(value, Mapping) else _EMPTY


def rows(value: object) -> list[tuple[int, Mapping[str, Any]]]:
    """``(index, row)`` pairs of a JSON array; non-object rows become empty rows."""
    if type(value) is not list and type(value) is not tuple:
        return []
    return [(i, item if type(item) is dict else obj(item)) for i, item in enumerate(value)]  # type: ignore[arg-type]


def strings(value: object) -> tuple[str, ...]:
    """The non-blank strings of a JSON array (other items are dropped)."""
    if (type(value) is not list and type(value) is not tuple) or not value:
        return ()  # empty lists are common (activities practising no outcome): no comprehension for them
    return tuple([t for s in value if type(s) is str and (t := s.strip())])  # type: ignore[union-attr]


def optional_obj(value: object) -> Mapping[str, Any] | None:
    """The value when it is a JSON object, else ``None`` (the whole thing is missing)."""
    if type(value) is dict:
        return value
    return value if isinstance(value, Mapping) else None


def flag(value: object) -> bool | None:
    """A JSON boolean, or ``None`` when it is missing or not a boolean."""
    return value if type(value) is bool else None  # type: ignore[return-value]
