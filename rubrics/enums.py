"""Weight classes and statuses shared by rubrics, checks and reports.

They are enums rather than strings so that a typo in a rubric file is caught at load time and
so that severities can be compared: an essential finding outranks an advisory one because
``WeightClass.ESSENTIAL > WeightClass.ADVISORY``.  The integer value of a weight class is the
number of points a criterion of that class carries (the Quality Matters style 3/2/1 scale).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class WeightClass(IntEnum):
    """How much a criterion counts: its value is its points; info criteria never fail."""

    INFO = 0
    ADVISORY = 1
    IMPORTANT = 2
    ESSENTIAL = 3

    @property
    def label(self) -> str:
        """The lower-case name used in rubric files and reports, e.g. ``"essential"``."""
        return self.name.lower()

    @property
    def points(self) -> int:
        """Points a criterion of this class carries in the score."""
        return int(self.value)

    @classmethod
    def from_label(cls, label: str) -> WeightClass:
        """Parse ``"essential"``/``"important"``/``"advisory"``/``"info"``; raise ValueError otherwise."""
        try:
            return cls[label.strip().upper()]
        except (KeyError, AttributeError):
            names = ", ".join(w.label for w in sorted(cls, reverse=True))
            raise ValueError(f"unknown weight class {label!r} (use one of {names})") from None


class Status(StrEnum):
    """Outcome of one criterion for one design."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"


#: Check-ID prefix -> area key; the area groups failures in the text report and the web page.
AREAS: dict[str, str] = {
    "C": "completeness",
    "N": "ncrf",
    "O": "outcomes",
    "A": "alignment",
    "S": "assessment",
    "W": "workload",
    "R": "recognition",
    "I": "inclusion",
}

#: Area key -> heading shown to people (checks.md section titles).
AREA_TITLES: dict[str, str] = {
    "completeness": "Completeness",
    "ncrf": "NCrF and credit alignment",
    "outcomes": "Outcome quality",
    "alignment": "Constructive alignment",
    "assessment": "Assessment quality",
    "workload": "Workload",
    "recognition": "Stackability and recognition",
    "inclusion": "Accessibility and inclusion",
    "manual": "Reviewer-scored criteria",
}


def area_of(check_id: str) -> str:
    """Area key of a check ID (``"O02"`` -> ``"outcomes"``); unknown prefixes give ``"other"``."""
    return AREAS.get(check_id[:1], "other")
