"""Per-section status for the editor's section navigation (issue 11): on a phone the editor is a long page,
so the navigation says which sections are empty, which have findings of the check and which are complete.

Plain functions of the document and the rubric report; a finding belongs to the section of the editor
field it links to (the same `field_id` the check panel uses), so the two never disagree.
"""

from dataclasses import dataclass

from designer.designs import catalogue
from designer.designs.catalogue import Field, Rows, Section, entries, field_id, get_path

EMPTY, FINDINGS, COMPLETE = "empty", "findings", "complete"


@dataclass(frozen=True)
class SectionStatus:
    state: str  # EMPTY, FINDINGS or COMPLETE
    findings: int = 0

    @property
    def label(self) -> str:
        if self.state == FINDINGS:
            return f"{self.findings} finding{'s' if self.findings != 1 else ''}"
        return {EMPTY: "empty", COMPLETE: "complete"}[self.state]


def _owners() -> dict[str, str]:
    """Editor field or row-list name -> the id of the section it stands in."""
    owners = {}
    for section in catalogue.SECTIONS:
        for item in entries(section.items):
            owners[item.form if isinstance(item, Field) else item.name] = section.id
    return owners


_OWNER = _owners()


def section_of_element(element_id: str) -> str | None:
    """The section of an editor element id (`level`, `outcomes-2-text`, `outcomes-rows`); None for the
    page as a whole (`top`)."""
    if element_id in _OWNER:
        return _OWNER[element_id]
    return _OWNER.get(element_id.split("-")[0])


def _filled(document: dict, section: Section) -> bool:
    for item in entries(section.items):
        if isinstance(item, Rows):
            value = get_path(document, item.key)
        elif item.path is None:
            continue  # not in the document (the department), so it cannot make a section "started"
        else:
            value = get_path(document, item.key)
        if value not in (None, "", [], {}):
            return True
    return False


def section_statuses(document: dict, report, kept_rows: dict | None = None) -> dict[str, SectionStatus]:
    """Section id -> its status: findings counted by the field they link to."""
    counts: dict[str, int] = {}
    for result in report.criteria:
        if result.status.value != "fail":
            continue
        for finding in result.findings:
            section = section_of_element(field_id(finding.path, kept_rows))
            if section:
                counts[section] = counts.get(section, 0) + 1
    out = {}
    for section in catalogue.SECTIONS:
        if counts.get(section.id):
            out[section.id] = SectionStatus(FINDINGS, counts[section.id])
        else:
            out[section.id] = SectionStatus(COMPLETE if _filled(document, section) else EMPTY)
    return out
