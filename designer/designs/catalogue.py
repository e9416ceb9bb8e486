"""The design document's fields, declared once, in the order the editor shows them.

Each entry says where a value lives in the document (`path`, "/"-separated), which editor field holds it
(`form`), how comparisons name it (`label`) and, by where it stands, its section of the editor. Row lists
say their singular label, id prefix, minimum rows, row fields and whether rows map to outcomes. From this
one table come the form <-> document mapping (`document.py`), the comparison labels and rows
(`compare.py`), the editor's row operations (`editor.py`), the edit page's sections (`edit.html`) and the
one path -> editor field function (`field_id`) that both the check panel and the save errors use.

Adding a field to the design: the schema (`design.schema.json`), one entry here, one field in `forms.py`.
This module is plain data and small functions: it imports nothing of Flask, WTForms or the database.
"""

import math
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from designer.designs import vocabulary as v


@dataclass(frozen=True)
class Field:
    """One value of the document and the editor field that holds it."""

    entry: ClassVar[str] = "field"  # what the edit template renders
    form: str  # the editor's field name (in a row: the sub-form's field name)
    label: str = ""  # how comparisons name it ("Awarding body country"); rows: unused
    path: str | None = ""  # where it lives in the document ("" = same as `form`; None: not in the document)
    shown: str = "{}"  # in a row: how a comparison line writes it ("{} h"); "" leaves it out
    kind: str = ""  # how the value is converted: "level" (number <-> option text), "yes_no", "choice"
    choices: tuple = ()  # for kind "choice": (value, label) pairs, read in comparison lines
    render: dict = field(default_factory=dict)  # extra arguments of render_field (rows=3, class_=...)

    @property
    def key(self) -> str:
        return self.form if self.path == "" else (self.path or "")

    def to_document(self, value):
        if self.kind == "level" and value:
            try:  # the choice validator refuses other values; the preview of a refused form still maps
                number = float(value)
            except ValueError:
                return None
            if not math.isfinite(number):
                return None
            return int(number) if number.is_integer() else number
        if self.kind == "yes_no":
            return {"yes": True, "no": False}.get(value, value)
        return value.strip() if isinstance(value, str) else value

    def to_form(self, value):
        if self.kind == "level":
            return None if value is None else str(float(value)).removesuffix(".0")
        if self.kind == "yes_no" and isinstance(value, bool):
            return "yes" if value else "no"
        return value


@dataclass(frozen=True)
class Grid:
    """Fields shown side by side."""

    entry: ClassVar[str] = "grid"  # what the edit template renders
    items: tuple[Field, ...]


@dataclass(frozen=True)
class Rows:
    """A repeatable list of rows (outcomes, activities, ...), each a sub-form of `fields`."""

    entry: ClassVar[str] = "rows"  # what the edit template renders
    name: str  # the editor's FieldList name
    singular: str  # "outcome": "Add an outcome", "Outcome LO2"
    title: str  # the list as a heading / comparison section ("Learning outcomes")
    fields: tuple[Field | Grid, ...]
    path: str = ""  # where the list lives in the document ("" = same as `name`)
    id_prefix: str = ""  # new rows get the next free id: LO3
    min_rows: int = 0  # rows shown even when empty, to invite filling them in
    maps_outcomes: bool = False  # rows tick the outcomes they serve
    by_language: bool = False  # translations: an object keyed by language, not a list
    heading: bool = False  # the editor shows `title` above the rows
    macro: str = "row_fields"  # the macro of designs/_rows.html that renders one row
    article: str | None = None  # "Add an outcome"; "" for "Add evidence of need" (None: a or an)

    @property
    def key(self) -> str:
        return self.path or self.name

    @property
    def row_fields(self) -> tuple[Field, ...]:
        return tuple(entries(self.fields))

    @property
    def keyed_by_id(self) -> bool:
        return bool(self.id_prefix)

    def a(self) -> str:
        """The singular with its article: "an outcome", "evidence of need"."""
        article = self.article if self.article is not None else "an" if self.singular[0] in "aeiou" else "a"
        return f"{article} {self.singular}".strip()


@dataclass(frozen=True)
class Details:
    """A folded part of a section, open when anything in it is filled in."""

    entry: ClassVar[str] = "details"  # what the edit template renders
    summary: str
    items: tuple


@dataclass(frozen=True)
class Section:
    entry: ClassVar[str] = "section"  # what the edit template renders
    id: str
    title: str
    items: tuple
    nav: str = ""  # a shorter name for the table of contents
    help: str = ""


def F(form: str, label: str = "", path: str | None = "", **render) -> Field:  # noqa: N802 - reads as a table
    """A field entry; keyword arguments other than kind/shown/choices go to render_field."""
    options = {k: render.pop(k) for k in ("kind", "shown", "choices") if k in render}
    return Field(form, label, path, render=render, **options)


def G(*items: Field) -> Grid:  # noqa: N802
    return Grid(items)


ID = F("id", shown="", class_="id-field")
OUTCOMES = F("outcomes", shown="outcomes {}")


def kind_of(choices) -> Field:
    return F("kind", kind="choice", choices=tuple(choices))


HELP = {
    "outcomes": "On completion, learners will be able to… Write 2 to 8 outcomes, each one observable "
    "performance.",
    "activities": "What learners do and for how many hours; tick the outcomes each activity practises. The "
    "boxes list the outcomes written above (a new outcome shows up here once it has text; without "
    "JavaScript, after you press Save draft or an Add button).",
    "assessments": "How learners show each outcome. Every outcome needs at least one summative assessment; "
    "summative weights add up to 100.",
    "resources": "Videos, readings, datasets and software learners use; say whether each is accessible.",
    "translations": "For bilingual syllabi: the title, summary and outcomes in another language, e.g. Hindi.",
}

# fmt: off
SECTIONS: tuple[Section, ...] = (
    Section("basics", "Basics", (
        F("title", "Title", required=True),
        G(F("code", "Course code"), F("department", "Department", path=None)),
        F("summary", "Summary", rows=3),
        F("purpose", "Purpose", rows=3),
        F("target_learners", "Target learners", rows=2),
        F("prerequisites", "Prerequisites", rows=2),
        G(F("field_of_study", "Field of study"), F("tags", "Tags")),
    )),
    Section("level", "Level and credits", (
        G(F("framework", "Framework", "level/framework"), F("level", "Level", "level/value", kind="level"),
          F("credits", "Credits")),
        G(F("delivery_mode", "Delivery mode"), F("duration_weeks", "Duration (weeks)")),
        G(F("isced_f", "ISCED-F field code"), F("eqf_level", "EQF level")),
        Details("NSQF alignment (skill qualifications only)", (
            F("nsqf_qp_code", "NSQF Qualification Pack code", "nsqf/qp_code"),
            Rows("nos", "NOS", "National Occupational Standards", path="nsqf/nos",
                 fields=(G(F("code", shown="{}"), F("title")),)),
        )),
    )),
    Section("awarding", "Awarding body and need", (
        G(F("awarding_name", "Awarding body", "awarding_body/name"),
          F("awarding_country", "Awarding body country", "awarding_body/country")),
        G(F("awarding_region", "Awarding body region", "awarding_body/region"),
          F("abc_id", "ABC id", "awarding_body/abc_id"),
          F("aishe_code", "AISHE code", "awarding_body/aishe_code")),
        Rows("need_evidence", "evidence of need", "Evidence of need", heading=True, article="", fields=(
            G(kind_of(v.EVIDENCE_KINDS), F("source", shown="source: {}")),
            F("description", rows=2),
        )),
        Rows("partners", "partner", "Partners", heading=True, fields=(
            G(F("name"), kind_of(v.PARTNER_KINDS)),
            G(F("role", shown="role: {}"), F("agreement", shown="agreement: {}")),
        )),
    )),
    Section("outcomes", "Learning outcomes", help=HELP["outcomes"], items=(
        Rows("outcomes", "outcome", "Learning outcomes", id_prefix="LO", min_rows=1, fields=(
            G(ID, F("text", rows=2)),
            F("nos", shown="NOS {}"),
        )),
    )),
    Section("activities", "Activities", help=HELP["activities"], items=(
        Rows("activities", "activity", "Activities", id_prefix="A", min_rows=1, maps_outcomes=True, fields=(
            G(ID, F("title")),
            G(kind_of(v.ACTIVITY_KINDS), F("hours", shown="{} h", class_="hours"),
              F("week", shown="week {}")),
            OUTCOMES,
        )),
    )),
    Section("assessments", "Assessments", help=HELP["assessments"], items=(
        Rows("assessments", "assessment", "Assessments", id_prefix="AS", min_rows=1, maps_outcomes=True,
             fields=(
                 G(ID, F("title")),
                 G(kind_of(v.ASSESSMENT_KINDS), F("purpose"), F("supervision", shown="supervision: {}")),
                 G(F("weight", shown="{}%"), F("hours", shown="{} h", class_="hours")),
                 F("criteria", shown="criteria: {}", rows=2),
                 OUTCOMES,
             )),
        G(F("grading_scheme", "Grading scheme", "grading/scheme"),
          F("pass_mark", "Pass mark (%)", "grading/pass_mark")),
    )),
    Section("resources", "Resources", help=HELP["resources"], items=(
        Rows("resources", "resource", "Resources", maps_outcomes=True, fields=(
            G(F("title"), kind_of(v.RESOURCE_KINDS), F("licence", shown="licence: {}")),
            F("url", shown="url: {}"),
            F("accessible", shown="accessible: {}", kind="yes_no"),
            OUTCOMES,
        )),
    )),
    Section("quality", "Quality assurance and recognition", nav="Quality and recognition", items=(
        F("approving_body", "Approving body", "quality_assurance/approving_body"),
        F("qa_process", "Quality-assurance process", "quality_assurance/process", rows=2),
        F("review_cycle_months", "Review cycle (months)", "quality_assurance/review_cycle_months"),
        G(F("stack_mode", "Stackability", "stackability/mode"),
          F("stack_target", "Stacks towards", "stackability/target"),
          F("stack_credits", "Credits counted towards it", "stackability/credits_counted")),
        F("recognition", "Recognition"),
    )),
    Section("access", "Accessibility and languages", (
        F("accessibility", "Accessibility", rows=2),
        F("integrity", "Academic integrity", rows=2),
        F("languages", "Languages"),
    )),
    Section("translations", "Translations", help=HELP["translations"], items=(
        Rows("translations", "translation", "Translations", by_language=True, macro="translation_row",
             fields=(F("lang"), F("title"), F("summary"))),
    )),
)
# fmt: on


def entries(items) -> list:
    """The fields and row lists of a layout, grids and folded parts opened."""
    out = []
    for item in items:
        if isinstance(item, Grid):
            out.extend(item.items)
        elif isinstance(item, Details):
            out.extend(entries(item.items))
        else:
            out.append(item)
    return out


def _walk() -> list:
    return [item for section in SECTIONS for item in entries(section.items)]


FIELDS: tuple[Field, ...] = tuple(i for i in _walk() if isinstance(i, Field))
ROW_LISTS: dict[str, Rows] = {i.name: i for i in _walk() if isinstance(i, Rows)}
DOCUMENT_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.path is not None)
MAPPED_ROWS: tuple[str, ...] = tuple(name for name, rows in ROW_LISTS.items() if rows.maps_outcomes)
# Top-level document keys the editor manages (everything else is kept from the previous revision).
MANAGED_KEYS = frozenset(
    [f.key.split("/")[0] for f in DOCUMENT_FIELDS] + [r.key.split("/")[0] for r in ROW_LISTS.values()]
)
# Schema properties the design keeps in its own columns, not in its revisions (the editor's department
# field has no document path): the JSON export writes them and the import reads them back.
COLUMN_KEYS = frozenset({"department"})


def section_of(item) -> Section:
    """The editor section an entry (field or row list) stands in."""
    return next(s for s in SECTIONS if item in entries(s.items))


def get_path(document: Any, path: str):
    """The value at a "/"-path of a document, or None where any step is missing or not an object."""
    value = document
    for part in path.split("/"):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def put_path(document: dict, path: str, value) -> None:
    """Set a "/"-path, creating the objects on the way."""
    *outer, last = path.split("/")
    for part in outer:
        document = document.setdefault(part, {})
    document[last] = value


# --- Paths to editor fields: one function for the check panel's links and the save errors. ---

_BRACKETS = re.compile(r"\[(\d+)\]")
_BY_PATH = {f.key: f.form for f in DOCUMENT_FIELDS}
_BY_FORM = {f.form for f in FIELDS}


def field_id(path: str, kept_rows: dict[str, list[int]] | None = None) -> str:
    """The editor element id a document path points at.

    Accepts the rubric's paths (`outcomes[2].text`) and the schema's (`outcomes/2/text`). A row index
    counts the document's rows; `kept_rows` maps a list to the form indexes of its non-blank rows (the
    document leaves blank rows out, so document row 0 may be the form's row 1). A path into a list
    without a row (or past its rows) points at the list; "" points at the top of the page.
    """
    parts = _path_parts(path)
    if not parts:
        return "top"
    for length in range(len(parts), 0, -1):
        prefix = "/".join(parts[:length])
        if prefix in _BY_PATH:
            return _BY_PATH[prefix]
        rows = _ROWS_BY_PATH.get(prefix)
        if rows is not None:
            return _row_id(rows, parts[length:], (kept_rows or {}).get(rows.name))
    if parts[0] in _BY_FORM:
        return parts[0]
    return _first_field_under(parts[0]) or parts[0]


_ROWS_BY_PATH = {r.key: r for r in ROW_LISTS.values()}


def _path_parts(path: str) -> list[str]:
    """A document path's steps: "outcomes[2].statement", "outcomes/2/statement" -> outcomes, 2, statement."""
    return [p for p in _BRACKETS.sub(r"/\1", path or "").replace(".", "/").split("/") if p]


def _row_id(rows: Rows, rest: list[str], kept: list[int] | None) -> str:
    if rows.by_language or not rest or not rest[0].isdigit():
        return f"{rows.name}-rows"
    index = int(rest[0])
    if kept is not None:
        if index >= len(kept):
            return f"{rows.name}-rows"
        index = kept[index]
    return f"{rows.name}-{index}-{rest[1]}" if len(rest) > 1 else f"{rows.name}-{index}"


def _first_field_under(key: str) -> str:
    """A whole object (`quality_assurance`) points at its first field, or the one named like it."""
    fields = [f.form for f in DOCUMENT_FIELDS if f.key.startswith(key + "/")]
    return key if key in fields else (fields[0] if fields else "")


_LABEL_BY_PATH = {f.key: f.label for f in DOCUMENT_FIELDS if f.label}


def field_label(path: str) -> str:
    """How a person names the field a document path points at ("Awarding body", "Outcome 3")."""
    parts = _path_parts(path)
    for length in range(len(parts), 0, -1):
        prefix = "/".join(parts[:length])
        if prefix in _LABEL_BY_PATH:
            return _LABEL_BY_PATH[prefix]
        rows = _ROWS_BY_PATH.get(prefix)
        if rows is not None:
            rest = parts[length:]
            if rows.by_language or not rest or not rest[0].isdigit():
                return rows.title
            return f"{rows.singular[0].upper()}{rows.singular[1:]} {int(rest[0]) + 1}"
    under = [f for f in DOCUMENT_FIELDS if parts and f.key.startswith(parts[0] + "/") and f.label]
    under.sort(key=lambda f: f.form != parts[0])  # like field_id: the field named like the object first
    return under[0].label if under else (parts[0].replace("_", " ").capitalize() if parts else "The design")


def section_id_of(path: str) -> str | None:
    """The id of the editor section holding the field a document path points at (None: no field)."""
    anchor = field_id(path)
    for section in SECTIONS:
        for item in entries(section.items):
            if isinstance(item, Field) and item.form == anchor:
                return section.id
            if isinstance(item, Rows) and anchor.startswith(item.name + "-"):
                return section.id
    return None
