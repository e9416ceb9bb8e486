"""Typed parameters for rubric files: converters and the rubric-wide parameter list.

Why: every threshold lives in a rubric's TOML file (checks.md: "Every threshold ... is a default,
kept in the rubric's data file, not in code"), so the code only knows parameter *names and
types*.  Each check declares its parameters as ``name=converter``; the loader runs the converters
on the file's values, so a misspelt kind or a string where a number belongs is reported with the
file and line at load time instead of surfacing as a crash inside a check.  A converter takes the
raw TOML value and returns the typed value, or raises ``ValueError`` with a short reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .enums import WeightClass

Converter = Callable[[object], Any]

#: Enumerations of the design schema (shared/spec/design.schema.json), used to catch typos.
ACTIVITY_KINDS = frozenset(
    {
        "lecture",
        "tutorial",
        "e_tutorial",
        "e_content",
        "discussion_forum",
        "practical",
        "lab",
        "fieldwork",
        "project",
        "internship",
        "experiential",
        "self_study",
    }
)
ASSESSMENT_KINDS = frozenset(
    {
        "quiz",
        "mcq_exam",
        "written_exam",
        "assignment",
        "project",
        "practical",
        "portfolio",
        "presentation",
        "viva",
        "case_study",
        "peer_review",
        "rpl",
    }
)
NEED_EVIDENCE_KINDS = frozenset(
    {
        "employer_letter",
        "industry_survey",
        "labour_market_data",
        "partner_mou",
        "community_request",
        "learner_survey",
        "other",
    }
)
PARTNER_KINDS = frozenset(
    {"industry", "government", "international", "ngo", "university", "professional_body", "other"}
)
RESOURCE_KINDS = frozenset(
    {"text", "video", "audio", "slides", "dataset", "software", "simulation", "website", "other"}
)
DELIVERY_MODES = frozenset({"online", "onsite", "hybrid", "blended", "work_based"})


def number(value: object) -> float:
    """Any TOML integer or float (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {value!r}")
    return float(value)


def positive(value: object) -> float:
    """A number greater than zero."""
    result = number(value)
    if result <= 0:
        raise ValueError(f"expected a number above 0, got {value!r}")
    return result


def fraction(value: object) -> float:
    """A number from 0 to 1 (a share such as 0.10 for 10%)."""
    result = number(value)
    if not 0 <= result <= 1:
        raise ValueError(f"expected a number from 0 to 1, got {value!r}")
    return result


def percent(value: object) -> float:
    """A number from 0 to 100."""
    result = number(value)
    if not 0 <= result <= 100:
        raise ValueError(f"expected a number from 0 to 100, got {value!r}")
    return result


def count(value: object) -> int:
    """A whole number of at least 0."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number of at least 0, got {value!r}")
    return value


def bloom_level(value: object) -> int:
    """A Bloom level from 1 (Remember) to 6 (Create)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 6:
        raise ValueError(f"expected a Bloom level from 1 to 6, got {value!r}")
    return value


def flag(value: object) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def weight(value: object) -> WeightClass:
    """A weight class name: essential, important, advisory or info."""
    if not isinstance(value, str):
        raise ValueError(f"expected a weight class name, got {value!r}")
    return WeightClass.from_label(value)


def words(value: object) -> tuple[str, ...]:
    """A list of non-empty strings, lower-cased (for case-insensitive matching)."""
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise ValueError(f"expected a list of non-empty strings, got {value!r}")
    return tuple(x.strip().lower() for x in value)


def kinds(allowed: frozenset[str]) -> Converter:
    """A converter for a list of values drawn from one schema enumeration."""

    def convert(value: object) -> frozenset[str]:
        items = words(value)
        unknown = sorted(set(items) - allowed)
        if unknown:
            raise ValueError(f"unknown value(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")
        return frozenset(items)

    return convert


def _table(value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"expected a table, got {value!r}")
    unknown = sorted(set(value) - ACTIVITY_KINDS)
    if unknown:
        raise ValueError(f"unknown activity kind(s) {', '.join(unknown)}")
    return value


def hours_table(value: object) -> dict[str, float]:
    """A table of activity kind -> hours per credit (kinds left out are unscheduled effort)."""
    table = _table(value)
    try:
        return {k: positive(v) for k, v in table.items()}
    except ValueError as exc:
        raise ValueError(f"hours per credit: {exc}") from None


def kind_groups(value: object) -> dict[str, frozenset[str]]:
    """A table of group name -> list of activity kinds (e.g. the SWAYAM quadrants)."""
    if not isinstance(value, Mapping):
        raise ValueError(f"expected a table, got {value!r}")
    return {str(k): kinds(ACTIVITY_KINDS)(v) for k, v in value.items()}


#: Parameters every rubric has (under ``[params]``); checks and figures read them from the context.
GLOBAL_PARAMS: dict[str, Converter] = {
    "nlh_per_credit": positive,
    "ects_hours_per_credit": positive,
    "ects_hours_min": positive,
    "ects_hours_max": positive,
    "hours_per_credit": hours_table,
    "lower_order_max_bloom": bloom_level,
    "swayam_quadrants": kind_groups,
    "swayam_self_assessment_kinds": kinds(ASSESSMENT_KINDS),
}
