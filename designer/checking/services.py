"""Scoring documents with the institution's rubric, and turning a report into what the panel shows.

The rubric is read once per request (and again only when its files change); the engine itself is pure
and fast (about a millisecond per design), so drafts are scored on every editor page view.
"""

import functools
import os
import re
from dataclasses import dataclass, field

import rubrics
from rubrics.enums import AREA_TITLES


@functools.lru_cache(maxsize=16)
def rubric_by_id(rubric_id: str, rubrics_dir: str = "", stamp: tuple = ()) -> rubrics.Rubric:
    """A rubric by id, looked up in `rubrics_dir` (folders joined by os.pathsep) first; read once per
    `stamp` (the folders' file times), so a changed file is read again without a restart."""
    return rubrics.load_rubric(rubric_id, extra_dirs=[d for d in rubrics_dir.split(os.pathsep) if d])


def app_rubric(config, institution: str | None = None) -> rubrics.Rubric:
    """The default rubric of `institution` (chosen by its admins in the profile, else DEFAULT_RUBRIC; without
    `institution`, the logged-in person's), looked up in the uploaded rubrics and RUBRICS_DIR first. Looked
    up once per request and institution (a page asks for it several times: the editor's panels, the
    footer's hours per credit)."""
    from flask import g, has_request_context

    from designer.institution import rubric_store

    rubric_id = rubric_store.default_rubric_id(config, institution)  # also refreshes the uploaded rubrics
    cache = g.setdefault("app_rubrics", {}) if has_request_context() else {}
    if rubric_id not in cache:
        dirs = rubric_store.rubric_dirs(config)
        cache[rubric_id] = rubric_by_id(rubric_id, os.pathsep.join(dirs), rubric_store.dirs_stamp(dirs))
    return cache[rubric_id]


def score_document(config, document: dict, institution: str | None = None) -> rubrics.Report:
    """The report of `document` (complete or not) against the rubric of `institution` (see app_rubric)."""
    return rubrics.evaluate(app_rubric(config, institution), document)


@dataclass
class FindingLine:
    """One line of the panel: a finding, or several that say the same thing (one check about several
    fields, or several checks about one missing value), with every field it is about."""

    checks: list[str]
    severity: str
    messages: list[str]
    fix: str
    paths: list[str] = field(default_factory=list)

    def add_path(self, path: str) -> None:
        if path not in self.paths:
            self.paths.append(path)


@dataclass
class AreaGroup:
    title: str
    failed: list = field(default_factory=list)
    passed: int = 0
    lines: list[FindingLine] = field(default_factory=list)


def group_findings(report: rubrics.Report) -> list[AreaGroup]:
    """Failed criteria grouped by area (in the catalogue's order), essential ones first in each area, and
    their findings as lines without repeats (see `finding_lines`)."""
    groups: dict[str, AreaGroup] = {}
    for result in report.criteria:
        group = groups.setdefault(result.area, AreaGroup(AREA_TITLES.get(result.area, result.area)))
        if result.status.value == "fail":
            group.failed.append(result)
        elif result.status.value == "pass":
            group.passed += 1
    for group in groups.values():
        group.failed.sort(key=lambda r: (-r.weight, r.id))
    finding_lines(list(groups.values()))
    return list(groups.values())


def finding_lines(groups: list[AreaGroup]) -> None:
    """Fill each group's `lines`: one line per check, its fields listed; a check whose findings differ only
    after a shared "...: " says the start once ("not ready for the ABC: the code is missing; the level
    is missing"); a message another check already gave joins that line instead of repeating it."""
    by_message: dict[str, FindingLine] = {}
    for group in groups:
        for result in group.failed:
            line = None
            for finding in result.findings:
                seen = by_message.get(finding.message)
                if seen is not None:  # the same sentence from another check (N01, N02, N03: no credits)
                    if result.id not in seen.checks:
                        seen.checks.append(result.id)
                    seen.add_path(finding.path)
                    continue
                if line is None:
                    line = FindingLine([result.id], finding.severity.label, [], finding.fix)
                    group.lines.append(line)
                line.messages.append(finding.message)
                line.add_path(finding.path)
                by_message[finding.message] = line
            if line is not None:
                line.messages = _shared_start(line.messages)


def _shared_start(messages: list[str]) -> list[str]:
    """["X: a.", "X: b."] -> ["X: a; b."]; messages without one shared start stay as they are."""
    heads = {m.split(": ", 1)[0] for m in messages if ": " in m}
    if len(messages) < 2 or len(heads) != 1 or not all(": " in m for m in messages):
        return messages
    rests = [m.split(": ", 1)[1].rstrip(".") for m in messages]
    return [f"{heads.pop()}: {'; '.join(rests)}."]


def check_panel(report: rubrics.Report, rubric: rubrics.Rubric, *, scored: str = "") -> dict:
    """Everything the "Check my draft" panel shows: verdict, grouped findings, matrix and Bloom chart data.

    `scored` says what was scored ("the version saved at 14:02 IST (revision 3)", "what is on screen now,
    which is not saved"), so the panel never calls unsaved data the saved version."""
    figures = report.figures
    expectation = figures.level_expectation or {}
    outcomes = [
        dict(o, meets=(o.get("level") or 0) >= expectation.get("min_bloom", 0)) for o in figures.outcomes
    ]
    return {
        "report": report,
        "rubric": rubric,
        "scored": scored,
        "groups": group_findings(report),
        "essential_failures": len(report.essential_failures),
        "outcomes": outcomes,
        "expectation": expectation,
        "matrix": alignment_matrix(figures.alignment),
    }


def alignment_matrix(alignment: list[dict], assessments: list[str] | None = None) -> dict:
    """Outcomes x (activities, assessments), marking gaps: no activity, or no summative assessment.

    The one builder of the matrix: the editor's panel and the printed syllabus (which passes the
    design's `assessments` in their order, so an assessment that assesses nothing still has a column).
    A cell is the assessment's purpose, or None. Reads reports frozen by older versions too."""
    alignment = [row for row in alignment if row.get("outcome")]
    activities = sorted({a for row in alignment for a in row.get("activities") or []}, key=_natural)
    if assessments is None:
        assessments = sorted({a["id"] for row in alignment for a in row.get("assessments") or []},
                             key=_natural)
    rows = []
    for row in alignment:
        taught = set(row.get("activities") or [])
        assessed = {a["id"]: a.get("purpose") or "assessed" for a in row.get("assessments") or []}
        rows.append(
            {
                "outcome": row["outcome"],
                "index": row.get("index"),
                "activities": [a in taught for a in activities],
                "assessments": [assessed.get(a) for a in assessments],
                "untaught": not taught,
                "unassessed": "summative" not in assessed.values(),
            }
        )
    return {"activities": activities, "assessments": assessments, "rows": rows}


def _natural(ident: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", ident or ""))
