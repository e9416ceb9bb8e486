"""Verb lexicons compiled for fast outcome analysis.

Why compiled: the engine analyses every outcome of every design on every keystroke-driven
re-score, so the word lists in ``data/lexicon/*.toml`` are turned once, at rubric-load time, into
dicts keyed by phrase and into single alternation regexes.  Compiled lexicons are cached per set
of files (keyed by path and modification time), and each lexicon memoises the analysis of outcome
texts it has already seen (a bounded dict), because a draft is re-scored with mostly unchanged
outcomes.

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
from functools import lru_cache
from pathlib import Path
from typing import Any

from .tomlfile import RubricError, error, read_toml

_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_CACHE_LIMIT = 8192
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


def _third_person(word: str) -> str:
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        return word + "es"
    return word + "s"


class Lexicon:
    """Compiled verb lexicons; build with :func:`load_lexicon`, query with :meth:`analyse`."""

    def __init__(self, bloom: Mapping[str, Any], vague: Mapping[str, Any], words: Mapping[str, Any]):
        """Compile the three parsed lexicon files (already validated by :func:`load_lexicon`)."""
        levels = bloom["levels"]
        self.level_names: dict[int, str] = {int(k): v["name"] for k, v in levels.items()}
        self.level_examples: dict[int, str] = {int(k): v.get("example", "") for k, v in levels.items()}
        listed: dict[str, set[int]] = {}
        for key, body in levels.items():
            for verb in body["verbs"]:
                listed.setdefault(" ".join(verb.lower().split()), set()).add(int(key))
        self.verbs: dict[str, tuple[int, ...]] = {v: tuple(sorted(lv)) for v, lv in listed.items()}
        for verb, lv in list(self.verbs.items()):
            first, _, tail = verb.partition(" ")
            self.verbs.setdefault(" ".join(filter(None, (_third_person(first), tail))), lv)
        self.base_verbs = frozenset(v for v in listed if " " not in v)
        self.max_phrase = max(len(v.split()) for v in self.verbs)
        stems = "|".join(f"(?:{p})" for p in bloom.get("stems", {}).get("patterns", []))
        self.stems = re.compile(f"^(?:{stems}) ") if stems else None
        self.essential = _phrase_regex(vague["essential"].get("anywhere", []))
        self.advisory = _phrase_regex(vague["advisory"].get("anywhere", []))
        self.essential_leading = frozenset(w.lower() for w in vague["essential"].get("leading", []))
        self.advisory_leading = frozenset(w.lower() for w in vague["advisory"].get("leading", []))
        self.course_side = _phrase_regex(vague.get("course_side", {}).get("phrases", []))
        self.suggestions: dict[str, str] = dict(vague.get("suggestions", {}))
        compound = words.get("compound", {})
        conj = "|".join(r"\s+".join(map(re.escape, c.split()))
                        for c in sorted(compound.get("conjunctions", []), key=len, reverse=True))
        self.conjunction = re.compile(
            rf"{_BOUNDARY_L}({conj})\s+([a-z][a-z'-]*)(?:[\s,;:]+([a-z][a-z'-]*))?") if conj else None
        self.noun_markers = frozenset(compound.get("noun_markers", []))
        self.compound_exceptions = frozenset(compound.get("exceptions", []))
        self.stopwords = frozenset(words.get("similarity", {}).get("stopwords", []))
        self._memo: dict[str, OutcomeAnalysis] = {}

    def level_name(self, level: int | None) -> str:
        """Name of a Bloom level ("Analyse"), or "unclassified" for None."""
        return self.level_names.get(level, "unclassified") if level is not None else "unclassified"

    def suggestion(self, phrase: str) -> str:
        """An observable verb to use instead of a vague word or phrase."""
        return self.suggestions.get(phrase) or self.suggestions.get(phrase.split()[0], "explain")

    def analyse(self, text: str) -> OutcomeAnalysis:
        """Classify one outcome text (memoised: the same text always gives the same analysis)."""
        found = self._memo.get(text)
        if found is None:
            if len(self._memo) >= _CACHE_LIMIT:
                self._memo.clear()
            found = self._memo[text] = self._analyse(text)
        return found

    def _strip_stems(self, lower: str) -> list[str]:
        norm = " ".join(_WORD.findall(lower))
        if self.stems is not None:
            for _ in range(8):
                m = self.stems.match(norm + " ")
                if not m or not m.end():
                    break
                norm = norm[m.end():]
        return norm.split()

    def _leading(self, words: list[str]) -> tuple[str, tuple[int, ...]]:
        for start in range(3):  # skip up to two adverbs: "critically evaluate", "independently plan"
            if start and not words[start - 1].endswith("ly"):
                break
            for n in range(min(self.max_phrase, len(words) - start), 0, -1):
                phrase = " ".join(words[start:start + n])
                levels = self.verbs.get(phrase)
                if levels:
                    return phrase, levels
        return "", ()

    def _analyse(self, text: str) -> OutcomeAnalysis:
        lower = text.lower().replace("\u2019", "'")
        if len(lower) != len(text):  # a few characters change length when lower-cased
            text = lower
        words = self._strip_stems(lower)
        verb, levels = self._leading(words)
        soft_found = _find(self.advisory, lower, text)
        taken = [(start, end) for _, start, end in soft_found]
        vague = _unique(hit for hit, start, end in _find(self.essential, lower, text)
                        if not any(s < end and start < e for s, e in taken))
        soft = _unique(hit for hit, _, _ in soft_found)
        for leading, bucket in ((self.essential_leading, vague), (self.advisory_leading, soft)):
            for n in (2, 1):
                phrase = " ".join(words[:n])
                if len(words) >= n and phrase in leading:
                    if all(h.phrase != phrase for h in bucket):
                        bucket.append(Hit(phrase, _rest_after(lower, text, phrase)))
                    break
        course = _unique(hit.phrase for hit, _, _ in _find(self.course_side, lower, text))
        return OutcomeAnalysis(
            verb=verb, first_word=words[0] if words else "", levels=levels, vague=tuple(vague),
            soft=tuple(soft), course_side=tuple(course),
            compound=self._compound(lower, verb) if verb else None,
            words=frozenset(w for w in words if w not in self.stopwords))

    def _compound(self, lower: str, verb: str) -> tuple[str, str] | None:
        if self.conjunction is None:
            return None
        for m in self.conjunction.finditer(lower):
            conj, second, after = " ".join(m.group(1).split()), m.group(2), m.group(3)
            if second not in self.base_verbs or (after and after in self.noun_markers):
                continue
            if f"{verb} {conj} {second}" in self.compound_exceptions:
                continue
            return conj, second
        return None


def _find(regex: re.Pattern[str] | None, lower: str, text: str) -> list[tuple[Hit, int, int]]:
    """Every match of ``regex`` in the lower-cased text, with the original text that follows it."""
    if regex is None:
        return []
    return [(Hit(" ".join(m.group(0).split()), text[m.end():].strip(" ,.;:")), m.start(), m.end())
            for m in regex.finditer(lower)]


def _unique(items: Iterable[Any]) -> list[Any]:
    """Items in first-seen order without repeats (a phrase used twice is reported once)."""
    seen: dict[str, Any] = {}
    for item in items:
        seen.setdefault(item.phrase if isinstance(item, Hit) else item, item)
    return list(seen.values())


def _rest_after(lower: str, text: str, phrase: str) -> str:
    m = re.search(_BOUNDARY_L + r"\s+".join(map(re.escape, phrase.split())) + _BOUNDARY_R, lower)
    return text[m.end():].strip(" ,.;:") if m else ""


def _is_strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def _validate(files: tuple[tuple[dict[str, Any], str], ...], paths: tuple[Path, ...]) -> None:
    """Check the shape of the three lexicon files; raise RubricError naming file and line."""
    (bloom, bsrc), (vague, vsrc), (words, wsrc) = files
    levels = bloom.get("levels")
    if not isinstance(levels, dict) or not levels:
        raise error(paths[0], bsrc, "the file needs [levels.1] .. [levels.6] tables")
    for key, body in levels.items():
        if not (key.isdigit() and isinstance(body, dict) and isinstance(body.get("name"), str)
                and _is_strings(body.get("verbs")) and body["verbs"]):
            raise error(paths[0], bsrc, f"level {key!r} needs a numeric key, a name and a list of verbs",
                        ("levels", key))
    patterns = bloom.get("stems", {}).get("patterns", [])
    if not _is_strings(patterns):
        raise error(paths[0], bsrc, "stems.patterns must be a list of strings", ("stems",), "patterns")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise error(paths[0], bsrc, f"invalid stem pattern {pattern!r}: {exc}",
                        ("stems",), "patterns") from None
    for part in ("essential", "advisory"):
        body = vague.get(part)
        if not isinstance(body, dict) or not all(_is_strings(body.get(k, [])) for k in ("anywhere", "leading")):
            raise error(paths[1], vsrc, f"[{part}] needs lists of strings 'anywhere' and 'leading'", (part,))
    if not _is_strings(vague.get("course_side", {}).get("phrases", [])):
        raise error(paths[1], vsrc, "course_side.phrases must be a list of strings", ("course_side",))
    if not all(isinstance(x, str) for x in vague.get("suggestions", {}).values()):
        raise error(paths[1], vsrc, "every suggestion must be a string", ("suggestions",))
    for table, key in (("compound", "conjunctions"), ("compound", "noun_markers"),
                       ("compound", "exceptions"), ("similarity", "stopwords")):
        if not _is_strings(words.get(table, {}).get(key, [])):
            raise error(paths[2], wsrc, f"{table}.{key} must be a list of strings", (table,), key)


@lru_cache(maxsize=16)
def _compile(paths: tuple[Path, Path, Path], _stamps: tuple[int, ...]) -> Lexicon:
    loaded = tuple(read_toml(p) for p in paths)
    _validate(loaded, paths)
    return Lexicon(loaded[0][0], loaded[1][0], loaded[2][0])


def load_lexicon(bloom: Path, vague: Path, words: Path) -> Lexicon:
    """Compile (or fetch from cache) the lexicon made of these three files."""
    paths = (bloom.resolve(), vague.resolve(), words.resolve())
    try:
        stamps = tuple(p.stat().st_mtime_ns for p in paths)
    except OSError as exc:
        raise RubricError(f"{exc.filename}: cannot read the lexicon file ({exc.strerror})") from None
    return _compile(paths, stamps)
