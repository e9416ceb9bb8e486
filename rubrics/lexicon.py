"""Verb lexicons compiled for fast outcome analysis.

Why compiled: the engine analyses every outcome of every design on every keystroke-driven
re-score, so the word lists in ``data/lexicon/*.toml`` are turned once, at rubric-load time, into
dicts keyed by phrase and into single alternation regexes (:mod:`rubrics.lexicon_files` reads the
files and caches compiled lexicons).  Analyses are deliberately not memoised across evaluations:
measured, a memo of outcome texts made batch scoring slower (its long-lived objects cost the
garbage collector more than the repeated analysis, about 8 microseconds per outcome).

How an outcome is read (see checks.md "Hours vocabulary" and standards.md §7):
1. lower-case it and reduce it to words; strip leading stems such as "On completion, learners will
   be able to" or "The learner can" with the regexes in ``bloom_verbs.toml`` ``[stems]``;
2. the action verb is the longest lexicon phrase at the start (after at most two "-ly" adverbs:
   "critically evaluate"); its Bloom levels are every level it is listed at, so an ambiguous verb
   has a lowest and a highest plausible level;
3. vague words and phrases are found anywhere in the text or, for ordinary words like "see", only
   as the action verb; advisory phrases win over essential ones they overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_BOUNDARY_L = r"(?<![\w'-])"
_BOUNDARY_R = r"(?![\w'-])"


@dataclass(frozen=True, slots=True)
class Hit:
    """A vague word or phrase found in an outcome, with the outcome text that follows it."""

    phrase: str
    rest: str


@dataclass(frozen=True, slots=True)
class OutcomeAnalysis:
    """What the lexicon makes of one outcome text."""

    verb: str  # leading action verb or phrase as listed in the lexicon; "" when there is none
    first_word: str  # first word after the stem, for messages; "" for an empty text
    levels: tuple[int, ...]  # Bloom levels the verb is listed at, ascending; () when unknown
    vague: tuple[Hit, ...]  # essential vague words/phrases
    soft: tuple[Hit, ...]  # advisory vague words/phrases
    course_side: tuple[str, ...]  # phrases written from the course's side (O04)
    compound: tuple[str, str] | None  # (conjunction, second verb) for O03
    words: frozenset[str]  # content words, for near-duplicate detection (O07)

    @property
    def low(self) -> int | None:
        """Lowest plausible Bloom level (used by "too low for the level" checks)."""
        return self.levels[0] if self.levels else None

    @property
    def likely(self) -> int | None:
        """The likely level in context (for now the lowest)."""
        return self.low

    @property
    def high(self) -> int | None:
        """Highest plausible Bloom level (used by alignment checks)."""
        return self.levels[-1] if self.levels else None


def _phrase_regex(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any phrase as whole words, longest first, flexible on whitespace."""
    unique = sorted({p.lower().strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    if not unique:
        return None
    alts = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in unique)
    return re.compile(f"{_BOUNDARY_L}(?:{alts}){_BOUNDARY_R}")


class _Phrases:
    """Phrases compiled into one regex, plus one key word per phrase to skip texts that cannot match.

    Most outcomes contain none of the phrases; a set-disjointness test on the text's words is far
    cheaper than scanning with a regex of dozens of alternatives.  The key word of a phrase is its
    longest word that is not a common word ("aware" for "be aware of"), so that words every outcome
    has ("the", "will", "be") do not trigger the scan.
    """

    def __init__(self, phrases: Iterable[str], common: frozenset[str]) -> None:
        phrases = [p for p in phrases if _WORD.findall(p.lower())]
        self.regex = _phrase_regex(phrases)
        keys = set()
        for phrase in phrases:
            words = _WORD.findall(phrase.lower())
            keys.add(max((w for w in words if w not in common), key=len, default=max(words, key=len)))
        self.keys = frozenset(keys)

    def find(self, lower: str, text: str, words: frozenset[str]) -> list[tuple[Hit, int, int]]:
        """Every match in the lower-cased text, with the original text that follows it."""
        if self.regex is None or self.keys.isdisjoint(words):
            return []
        return [
            (Hit(" ".join(m.group(0).split()), text[m.end() :].strip(" ,.;:")), m.start(), m.end())
            for m in self.regex.finditer(lower)
        ]


def _third_person(word: str) -> str:
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        return word + "es"
    return word + "s"


class Lexicon:
    """Compiled verb lexicons; build with :func:`load_lexicon`, query with :meth:`analyse`."""

    def __init__(
        self,
        bloom: Mapping[str, Any],
        vague: Mapping[str, Any],
        words: Mapping[str, Any],
        paths: tuple[Path, ...] = (),
    ) -> None:
        """Compile the three parsed lexicon files (already validated by :func:`load_lexicon`)."""
        self.paths = paths  # the files it was compiled from (bloom, vague, words)
        levels = bloom["levels"]
        self.level_names: dict[int, str] = {int(k): v["name"] for k, v in levels.items()}
        self.level_examples: dict[int, str] = {int(k): v.get("example", "") for k, v in levels.items()}
        listed: dict[str, set[int]] = {}
        for key, body in levels.items():
            for verb in body["verbs"]:
                listed.setdefault(" ".join(verb.lower().split()), set()).add(int(key))
        # phrase as written in an outcome -> (phrase as listed, Bloom levels); third-person forms
        # ("analyses") point at their base form so messages quote the listed verb.
        self.verbs: dict[str, tuple[str, tuple[int, ...]]] = {
            v: (v, tuple(sorted(lv))) for v, lv in listed.items()
        }
        for verb, entry in list(self.verbs.items()):
            first, _, tail = verb.partition(" ")
            self.verbs.setdefault(" ".join(filter(None, (_third_person(first), tail))), entry)
        self.base_verbs = frozenset(v for v in listed if " " not in v)
        # first word -> longest listed phrase starting with it, so most lookups are a single probe
        self.phrase_len: dict[str, int] = {}
        for phrase in self.verbs:
            first, length = phrase.split()[0], len(phrase.split())
            self.phrase_len[first] = max(length, self.phrase_len.get(first, 0))
        stems = "|".join(f"(?:{p})" for p in bloom.get("stems", {}).get("patterns", []))
        self.stems = re.compile(f"^(?:{stems})(?: |$)") if stems else None
        self.stopwords = frozenset(words.get("similarity", {}).get("stopwords", []))
        self.essential = _Phrases(vague["essential"].get("anywhere", []), self.stopwords)
        self.advisory = _Phrases(vague["advisory"].get("anywhere", []), self.stopwords)
        self.essential_leading = frozenset(
            " ".join(w.lower().split()) for w in vague["essential"].get("leading", [])
        )
        self.advisory_leading = frozenset(
            " ".join(w.lower().split()) for w in vague["advisory"].get("leading", [])
        )
        leading = self.essential_leading | self.advisory_leading
        self.leading_first = frozenset(w.split()[0] for w in leading)
        self.leading_len = max((len(w.split()) for w in leading), default=0)
        self.course_side = _Phrases(vague.get("course_side", {}).get("phrases", []), self.stopwords)
        self.suggestions: dict[str, str] = dict(vague.get("suggestions", {}))
        compound = words.get("compound", {})
        conjunctions = compound.get("conjunctions", [])
        conj = "|".join(
            r"\s+".join(map(re.escape, c.split())) for c in sorted(conjunctions, key=len, reverse=True)
        )
        self.conjunction = (
            re.compile(rf"{_BOUNDARY_L}({conj})\s+([a-z][a-z'-]*)(?:[\s,;:]+([a-z][a-z'-]*))?")
            if conj
            else None
        )
        self.conjunction_words = frozenset(w for c in conjunctions for w in _WORD.findall(c.lower())[:1])
        self.noun_markers = frozenset(compound.get("noun_markers", []))
        # Conventional pairs ("compare and contrast") are collapsed to their first verb before
        # looking for a second performance.
        self.compound_exceptions = _Phrases(compound.get("exceptions", []), self.stopwords)

    def level_name(self, level: int | None) -> str:
        """Name of a Bloom level ("Analyse"), or "unclassified" for None."""
        return self.level_names.get(level, "unclassified") if level is not None else "unclassified"

    def suggestion(self, phrase: str) -> str:
        """An observable verb to use instead of a vague word or phrase."""
        return self.suggestions.get(phrase) or self.suggestions.get(phrase.split()[0], "explain")

    def analyse(self, text: str) -> OutcomeAnalysis:
        """Classify one outcome text: its action verb, Bloom levels, vague words and style problems."""
        lower = text.lower().replace("\u2019", "'")
        if len(lower) != len(text):  # a few characters change length when lower-cased
            text = lower
        tokens = _WORD.findall(lower)
        present = frozenset(tokens)
        words = self._strip_stems(tokens)
        verb, levels = self._leading(words)
        soft_found = self.advisory.find(lower, text, present)
        essential_found = self.essential.find(lower, text, present)
        vague = (
            _unique(
                hit
                for hit, start, end in essential_found
                if not any(s < end and start < e for _, s, e in soft_found)
            )
            if essential_found
            else []
        )
        soft = _unique(hit for hit, _, _ in soft_found) if soft_found else []
        if words and words[0] in self.leading_first:
            self._leading_vague(words, lower, text, vague, soft)
        course = self.course_side.find(lower, text, present)
        compound = None
        if verb and not self.conjunction_words.isdisjoint(present):
            compound = self._compound(lower, present)
        return OutcomeAnalysis(
            verb=verb,
            first_word=words[0] if words else "",
            levels=levels,
            vague=tuple(vague),
            soft=tuple(soft),
            course_side=tuple(_unique(h.phrase for h, _, _ in course)) if course else (),
            compound=compound,
            words=frozenset(words).difference(self.stopwords),
        )

    def _strip_stems(self, tokens: list[str]) -> list[str]:
        """The words after any leading stem ("Learners will be able to", "LO1", "On completion")."""
        norm = " ".join(tokens)
        if self.stems is not None:
            for _ in range(8):
                m = self.stems.match(norm)
                if not m or not m.end():
                    break
                norm = norm[m.end() :]
        return norm.split()

    def _leading(self, words: list[str]) -> tuple[str, tuple[int, ...]]:
        """The listed action verb at the start of ``words`` and its Bloom levels."""
        for start in range(3):  # skip up to two adverbs: "critically evaluate", "independently plan"
            if start >= len(words) or (start and not words[start - 1].endswith("ly")):
                break
            longest = self.phrase_len.get(words[start], 0)
            for n in range(min(longest, len(words) - start), 0, -1):
                entry = self.verbs.get(" ".join(words[start : start + n]))
                if entry:
                    return entry
        return "", ()

    def _leading_vague(
        self, words: list[str], lower: str, text: str, vague: list[Hit], soft: list[Hit]
    ) -> None:
        """Add words that are vague only as the action verb ("see", "discuss") to the hit lists."""
        for leading, bucket in ((self.essential_leading, vague), (self.advisory_leading, soft)):
            for n in range(min(self.leading_len, len(words)), 0, -1):  # longest phrase first
                phrase = " ".join(words[:n])
                if phrase in leading:
                    if all(h.phrase != phrase for h in bucket):
                        bucket.append(Hit(phrase, _rest_after(lower, text, phrase)))
                    break

    def _compound(self, lower: str, present: frozenset[str]) -> tuple[str, str] | None:
        """The first "and/or + action verb" in the text, if it names a second performance."""
        if self.conjunction is None:
            return None
        exceptions = self.compound_exceptions
        if exceptions.regex is not None and not exceptions.keys.isdisjoint(present):
            lower = exceptions.regex.sub(lambda m: m.group(0).split()[0], lower)
        for m in self.conjunction.finditer(lower):
            conj, second, after = " ".join(m.group(1).split()), m.group(2), m.group(3)
            if second in self.base_verbs and not (after and after in self.noun_markers):
                return conj, second
        return None


def _unique(items: Iterable[Any]) -> list[Any]:
    """Items in first-seen order without repeats (a phrase used twice is reported once)."""
    seen: dict[str, Any] = {}
    for item in items:
        seen.setdefault(item.phrase if isinstance(item, Hit) else item, item)
    return list(seen.values())


def _rest_after(lower: str, text: str, phrase: str) -> str:
    m = re.search(_BOUNDARY_L + r"\s+".join(map(re.escape, phrase.split())) + _BOUNDARY_R, lower)
    return text[m.end() :].strip(" ,.;:") if m else ""
