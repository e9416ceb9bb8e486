"""O01-O07: are the learning outcomes measurable, single, learner-centred and pitched at the level?

Facts: standards.md §7.1 (Bloom's revised taxonomy and its verbs), §7.2 (unmeasurable verbs and
phrases, one performance per outcome, learner's perspective), §7.3 (heuristic level table,
AICTE cap on lower-order questions), §6.1 (QM SRS 2.1, 2.3, 2.5).  The outcome text is read by
:mod:`rubrics.lexicon`; ambiguous verbs count at their lowest level for O05/O06 (checks.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .. import params as p
from ..context import Context
from ..design import Design
from ..reading import OutcomeAnalysis, participle, task_step
from .base import PASS, CheckResult, Issue, check, fail, fmt, name, outcome_of, quote, shared_not_applicable

# Fixed "not applicable" results, shared by every design (see base.SHARED).
_FEWER_THAN_TWO = shared_not_applicable("The design has fewer than two outcomes to compare.")
_NO_LEVEL_OR_CLASSIFIED = shared_not_applicable("The design has no valid level or no classified outcomes.")
_NO_LEVEL = shared_not_applicable("The design has no valid level to compare with (see C05).")
_NO_OUTCOMES = shared_not_applicable("The design has no outcomes to check (see C03).")

_DANGLING = re.compile(r"^(?:of|about|with|for|in|into|on|to)\s+", re.IGNORECASE)


def _sentence(text: str) -> str:
    """A quoted rewrite: shortened, capitalised, with a full stop."""
    text = quote(text.strip(" .,;:"))
    return text[:1].upper() + text[1:] + ("" if text.endswith("\u2026") else ".")


def _example(ctx: Context, phrase: str, rest: str, fallback_level: int = 3) -> str:
    """The learner's own outcome rewritten with an observable verb instead of ``phrase``."""
    rest = _DANGLING.sub("", rest.strip(" .,;:"))  # "demonstrate understanding | of X" -> "Explain X"
    if rest:
        verb = ctx.lexicon.suggestion(phrase)
        return f"'{_sentence(f'{verb} {rest}' if verb else rest)}'"
    return f"'{ctx.lexicon.level_examples.get(fallback_level, '')}'"


def _no_verb(ctx: Context, label: str, analysis: OutcomeAnalysis) -> tuple[str, str]:
    """Message and fix for an outcome with no measurable performance verb."""
    hit = (analysis.vague or analysis.soft or (None,))[0]
    if analysis.course_side and analysis.first_word == analysis.course_side[-1].split()[0]:
        example = _example(ctx, "explain", analysis.performance)
        message = (
            f"{label} names what the course covers ('{analysis.course_side[-1]}'), not something the learner "
            "will be able to do."
        )
        return message, f"Start it with an observable verb for what learners will do, e.g. {example}."
    if hit:
        example = _example(ctx, hit.phrase, hit.rest)
    else:  # performance re-reads the text, so only the outcomes that need it pay for it
        first, _, rest = analysis.performance.partition(" ")
        key = first.lower()
        example = _example(ctx, key, rest) if key in ctx.lexicon.suggestions else _example(ctx, "", "")
    word = analysis.first_word
    lead = f"starts with '{word}', which is not" if word else "has no"
    return (
        f"{label} {lead} a measurable action verb.",
        f"Start it with an observable verb such as explain, calculate or design, e.g. {example}.",
    )


@check("O01")
def measurable_verb(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """O01: every outcome starts with a measurable action verb from the lexicon."""
    if not design.outcomes:
        return _NO_OUTCOMES
    issues = []
    for outcome, analysis in zip(design.outcomes, ctx.analyses, strict=True):
        if outcome.text and analysis.verb:
            continue  # the usual case; labels are only worth building for a finding
        label = name("Outcome", outcome.id, outcome.index)
        path = f"outcomes[{outcome.index}].text"
        if not outcome.text:
            issues.append(
                Issue(
                    path,
                    f"{label} has no text.",
                    "Write what learners will be able to do, e.g. 'Analyse campaign data to "
                    "identify the channels that drive conversions.'",
                )
            )
        elif not analysis.verb:
            issues.append(Issue(path, *_no_verb(ctx, label, analysis)))
    return outcome_of(issues)


@check("O02", soft_weight=p.weight)
def vague_words(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """O02: no vague verbs or phrases [essential]; softer words fail at advisory weight."""
    written = ctx.written
    if not written:
        return _NO_OUTCOMES
    issues = []
    for outcome, analysis in written:
        if not (analysis.vague or analysis.soft):
            continue  # the usual case; labels are only worth building for a finding
        label = name("Outcome", outcome.id, outcome.index)
        path = f"outcomes[{outcome.index}].text"
        if analysis.vague:
            hit = analysis.vague[0]
            words = " and ".join(f"'{h.phrase}'" for h in analysis.vague[:3])
            kind = "phrase" if " " in hit.phrase else "verb"
            kind += "s" if len(analysis.vague) > 1 else ""
            issues.append(
                Issue(
                    path,
                    f"{label} uses the vague {kind} {words}, which cannot be observed or assessed.",
                    f"Replace '{hit.phrase}' with an observable verb, e.g. "
                    f"{_example(ctx, hit.phrase, hit.rest)}.",
                )
            )
        elif analysis.soft:
            hit = analysis.soft[0]
            issues.append(
                Issue(
                    path,
                    f"{label} uses '{hit.phrase}', which says little about what learners will actually do.",
                    f"Use a more specific verb, e.g. {_example(ctx, hit.phrase, hit.rest)}.",
                    params["soft_weight"],
                )
            )
    return outcome_of(issues)


def _split_example(text: str, conj: str, second: str) -> str:
    pattern = r"\s*,\s*" if conj == "," else r"[\s,;]+" + r"\s+".join(map(re.escape, conj.split())) + r"\s+"
    # the second verb as written, else as the participle it was read from (", suggesting measures")
    for form in (second, participle(second)):
        m = re.search(rf"{pattern}(?:\w+ly\s+)?{re.escape(form)}\b", text, re.IGNORECASE)
        if m:
            break
    if not m:
        return f"'{quote(text, 40)}' and a second outcome starting with '{second.capitalize()}'"
    first, rest = text[: m.start()].rstrip(" ,;."), (second.capitalize() + text[m.end() :]).rstrip(" .")
    return f"'{quote(first, 50)}' and '{quote(rest, 50)}'"


@check("O03", separate_steps=p.flag, separate_later_steps=p.flag)
def one_performance(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """O03: one performance per outcome: no two action verbs joined by and/or. With ``separate_steps``,
    the steps of one practical task ("measure the resistance and record it") count as two as well; with
    ``separate_later_steps``, only the later steps with objects of their own (see ``task_step``)."""
    written = ctx.written
    if not written:
        return _NO_OUTCOMES
    issues = []
    steps, later = params["separate_steps"], params["separate_later_steps"]
    for outcome, analysis in written:
        compound = analysis.compound
        if steps or later:
            compound = task_step(ctx.lexicon, analysis, later=not steps)
        if compound:
            conj, second = compound
            first = analysis.verb or analysis.vague[0].phrase  # "understand ... and apply them"
            issues.append(
                Issue(
                    f"outcomes[{outcome.index}].text",
                    f"{name('Outcome', outcome.id, outcome.index)} asks for two performances "
                    f"('{first}'{',' if conj == ',' else ' ' + conj} '{second}'), so one assessment "
                    "result cannot show both.",
                    f"Split it into two outcomes, e.g. {_split_example(outcome.text, conj, second)}.",
                )
            )
    return outcome_of(issues)


@check("O04")
def learner_side(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """O04: written from the learner's side, not the course's."""
    written = ctx.written
    if not written:
        return _NO_OUTCOMES
    return outcome_of(
        Issue(
            f"outcomes[{o.index}].text",
            f"{name('Outcome', o.id, o.index)} describes what the course does ('{a.course_side[0]}'), not "
            "what the learner will be able to do.",
            f"Rewrite it as what the learner will do, e.g. {_learner_side(ctx, a)}.",
        )
        for o, a in written
        if a.course_side
    )


def _learner_side(ctx: Context, analysis: OutcomeAnalysis) -> str:
    """The outcome from the learner's side: its own performance, or 'Explain <the topic>'."""
    if analysis.verb and analysis.performance:
        return f"'{_sentence(analysis.performance)}'"
    hit = (analysis.vague or (None,))[0]
    if hit:
        return _example(ctx, hit.phrase, hit.rest)
    return (
        _example(ctx, "explain", analysis.performance)
        if analysis.performance
        else "'Explain the main web analytics metrics'"
    )


def _level_text(design: Design) -> str:
    level = design.level
    return f"a level {fmt(level.value)} design" if level and level.value is not None else "this design"


@check("O05")
def highest_level(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """O05: the highest Bloom level reaches the level table's minimum for the design's level."""
    written = ctx.written
    if not written:
        return _NO_OUTCOMES
    row = ctx.level_row
    if row is None:
        return _NO_LEVEL
    # levels[0] is what OutcomeAnalysis.low gives; read directly, it saves two property calls per outcome
    highest = max((a.levels[0] for _, a in written if a.levels), default=None)
    if highest is not None and highest >= row.min_bloom:
        return PASS
    lex = ctx.lexicon
    reached = f"{lex.level_name(highest)} (level {highest})" if highest else "no recognisable Bloom level"
    return fail(
        "outcomes",
        f"The highest outcome reaches {reached}, but {_level_text(design)} should reach "
        f"at least {lex.level_name(row.min_bloom)} (level {row.min_bloom}).",
        f"Raise at least one outcome to {lex.level_name(row.min_bloom)} or above, e.g. "
        f"'{lex.level_examples.get(row.min_bloom, '')}'",
    )


@check("O06")
def lower_order_share(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """O06: share of Remember+Understand outcomes at most the level table's cap."""
    row = ctx.level_row
    classified = [(o, a) for o, a in ctx.written if a.levels]  # levels[0] is a.low, without the property
    if row is None or not classified:
        return _NO_LEVEL_OR_CLASSIFIED
    top = ctx.params["lower_order_max_bloom"]
    lower = [o for o, a in classified if a.levels[0] <= top]
    share = 100 * len(lower) / len(classified)
    if share <= row.max_lower_order_percent + 1e-9:
        return PASS
    lex = ctx.lexicon
    names = " or ".join(lex.level_name(n) for n in range(1, top + 1))
    ids = ", ".join(name("Outcome", o.id, o.index).removeprefix("Outcome ") for o in lower)
    return fail(
        "outcomes",
        f"{len(lower)} of {len(classified)} outcomes ({fmt(share)}%: {ids}) are at {names} "
        f"level; {_level_text(design)} should have at most {fmt(row.max_lower_order_percent)}%.",
        f"Rewrite some of them at a higher level, e.g. '{lex.level_examples.get(top + 1, '')}'",
    )


@check("O07", similarity=p.fraction)
def near_duplicates(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """O07: no two outcomes are duplicates or near-duplicates (word overlap at or above the threshold)."""
    # Each outcome's content words become a bit mask over the design's vocabulary, so comparing
    # all pairs is integer arithmetic (Jaccard = shared bits / all bits).
    bits: dict[str, int] = {}
    masks = []
    for outcome, analysis in ctx.written:
        mask = 0
        for word in analysis.words:
            mask |= bits.setdefault(word, 1 << len(bits))
        if mask:
            masks.append((outcome, mask, len(analysis.words)))
    if len(masks) < 2:
        return _FEWER_THAN_TWO
    threshold = params["similarity"]
    issues = []
    for j, (later, mb, nb) in enumerate(masks):
        for earlier, ma, na in masks[:j]:
            shared = (ma & mb).bit_count()
            if shared and shared >= threshold * (na + nb - shared):
                issues.append(
                    Issue(
                        f"outcomes[{later.index}].text",
                        f"{name('Outcome', later.id, later.index)} says nearly the same as "
                        f"{name('outcome', earlier.id, earlier.index)}.",
                        "Merge the two or make the difference explicit, e.g. a different task, data set or "
                        "level of independence.",
                    )
                )
                break
    return outcome_of(issues)
