"""I01-I05: can every learner take part: accessibility, prerequisites, languages?

Facts: standards.md §6.1 (QM standard 8, accessibility and usability; 7th ed. SRS 8.4), §6.2
(OSCQR integrates accessibility), §4.2 (optional element 1: prerequisites), §5.2 (NMF critical
information: prerequisites), §1.4 and §8 (bilingual records and ``inLanguage`` on export).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import params as p
from ..context import Context
from ..design import Design
from .base import PASS, CheckResult, Issue, check, fail, outcome_of, shared_not_applicable

# Fixed "not applicable" results, shared by every design (see base.SHARED).
_ONE_LANGUAGE = shared_not_applicable("The design declares only one language.")
_NO_MEDIA = shared_not_applicable("The design lists no video or audio resources.")


@check("I01")
def accessibility_statement(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """I01: accessibility statement present."""
    if design.accessibility:
        return PASS
    return fail(
        "accessibility",
        "The design does not say how materials and assessments are accessible or how "
        "to ask for accommodations.",
        "Add a statement, e.g. 'All videos are captioned; assessments "
        "offer extra time on request to the disability cell.'",
    )


@check("I02", media_kinds=p.kinds(p.RESOURCE_KINDS))
def accessible_media(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """I02: every video and audio resource is marked accessible."""
    media = [r for r in design.resources if r.kind in params["media_kinds"]]
    if not media:
        return _NO_MEDIA
    return outcome_of(
        Issue(
            f"resources[{r.index}].accessible",
            f"{r.kind.capitalize()} resource '{r.title or '#' + str(r.index + 1)}' is not marked accessible.",
            "Provide captions or a transcript and mark it accessible, e.g. captions on every lesson video.",
        )
        for r in media
        if r.accessible is not True
    )


@check("I03")
def prerequisites(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """I03: prerequisites stated ("None" when there are none)."""
    if design.prerequisites:
        return PASS
    return fail(
        "prerequisites",
        "The design does not state its prerequisites.",
        "State what learners need before starting, or write 'None', e.g. 'Basic spreadsheet skills'.",
    )


@check("I04")
def languages(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """I04: languages of instruction stated."""
    if design.languages:
        return PASS
    return fail(
        "languages",
        "The design does not state its languages of instruction and assessment.",
        "List them as language codes, e.g. en and hi.",
    )


@check("I05")
def translations(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """I05: every language besides the main one has a translation of title, summary and outcomes."""
    if len(design.languages) < 2:
        return _ONE_LANGUAGE
    found = {t.lang: t for t in design.translations}
    ids = [o.id for o in design.outcomes if o.id and o.text]
    issues = []
    for lang in dict.fromkeys(design.languages[1:]):
        if lang == design.languages[0]:
            continue
        t = found.get(lang)
        if t is None:
            issues.append(
                Issue(
                    "translations",
                    f"The design is offered in '{lang}' but has no '{lang}' "
                    "translation of its title, summary and outcomes.",
                    f"Add a '{lang}' translation with the title, summary and every outcome.",
                )
            )
            continue
        gaps = [part for part, ok in (("title", t.title), ("summary", t.summary)) if not ok]
        translated = {k for k, _ in t.outcomes}
        gaps += [f"outcome {i}" for i in ids if i not in translated]
        if gaps:
            issues.append(
                Issue(
                    f"translations.{lang}",
                    f"The '{lang}' translation lacks: {', '.join(gaps[:6])}"
                    f"{' and more' if len(gaps) > 6 else ''}.",
                    f"Translate the missing parts into '{lang}', e.g. the title and each outcome.",
                )
            )
    return outcome_of(issues)
