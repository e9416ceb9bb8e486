"""Verb lexicons and reading rules, compiled once for fast outcome reading.

Why compiled: the engine reads every outcome of every design on every keystroke-driven re-score, so
the lists in ``data/lexicon/*.toml`` are turned once, at rubric-load time, into dicts keyed by word
tuples and into a few regexes (:mod:`rubrics.lexicon_files` reads the files and caches compiled
lexicons). How an outcome is read is :mod:`rubrics.reading`; :meth:`Lexicon.analyse` is its entry.
Analyses are deliberately not memoised across evaluations: measured, a memo of outcome texts made
batch scoring slower (its long-lived objects cost the garbage collector more than the reading).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .reading import OutcomeAnalysis, participle, read_outcome, third_person

_NAME = re.compile(r"\{([a-z_]+)\}")  # "{learner}"; a quantifier such as {0,2} has digits only


def expand_names(pattern: str, names: Mapping[str, list[str]]) -> str:
    """``pattern`` with each ``{name}`` of words.toml's ``[frame_words]`` replaced by ``(?:a|b|...)``.

    Why: the frames of bloom_verbs.toml and vague.toml name the same learner and course nouns; one list
    for each keeps them alike, so a noun added for one frame is known to every frame. Raises KeyError
    for a name the table lacks (lexicon_files reports it).
    """
    return _NAME.sub(lambda m: _alternation(names[m.group(1)]), pattern)


def _alternation(fragments: list[str]) -> str:
    """``(?:a|b|...)`` with the fragments grouped by their first letter, ``(?:l(?:earners?|ibrarians?)|
    s(?:tudents?|taff))``: Python's regex engine tries alternatives one by one, so a word is compared
    with the few fragments of its letter instead of all fifty (measured: frame matching is a tenth of
    the reading). A fragment whose first letter is quantified ("s?x") is kept whole."""
    groups: dict[str, list[str]] = {}
    whole = []
    for fragment in fragments:
        first, rest = fragment[:1], fragment[1:]
        if first.isalpha() and rest and rest[0] not in "?*+{":
            groups.setdefault(first, []).append(rest)
        else:
            whole.append(fragment)
    parts = [f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()] + whole
    return "(?:" + "|".join(parts) + ")"


def _frame_regex(names: Mapping[str, list[str]], *kinds: tuple[str, list[str]]) -> re.Pattern[str] | None:
    """One anchored regex of frame patterns, a named group per kind (the match's ``lastgroup`` says
    which kind matched; kinds are tried in the order given), or None when there are no patterns."""
    groups = [
        f"(?P<{kind}>{'|'.join(f'(?:{expand_names(p, names)})' for p in patterns)})"
        for kind, patterns in kinds
        if patterns
    ]
    return re.compile(f"^(?:{'|'.join(groups)})(?= |$)") if groups else None


def _key(phrase: str) -> tuple[str, ...]:
    # a comma is a word of its own, as the reader splits it ("analyse, compare and evaluate")
    return tuple(phrase.lower().replace(",", " , ").split())


def _with_third_person(phrases: Iterable[str]) -> set[tuple[str, ...]]:
    keys = set()
    for phrase in phrases:
        key = _key(phrase)
        if key:
            keys |= {key, (third_person(key[0]), *key[1:])}
    return keys


class Lexicon:
    """Compiled verb lexicons and reading rules; build with :func:`load_lexicon`, read with ``analyse``."""

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
        listed: dict[tuple[str, ...], set[int]] = {}
        for key, body in levels.items():
            for verb in body["verbs"]:
                listed.setdefault(_key(verb), set()).add(int(key))
        for addition in bloom.get("additions", []):
            for verb in addition["verbs"]:
                listed.setdefault(_key(verb), set()).add(int(addition["level"]))
        likely = {_key(k): int(v) for k, v in bloom.get("likely", {}).items()}
        # words as written -> (phrase as listed, Bloom levels, likely level); third-person forms
        # ("analyses") point at their base form so messages quote the listed verb.
        self.verbs: dict[tuple[str, ...], tuple[str, tuple[int, ...], int]] = {}
        for key, found in listed.items():
            lv = tuple(sorted(found))
            written = " ".join(key).replace(" , ", ", ")
            entry = (written, lv, likely.get(key, lv[0]) if likely.get(key, lv[0]) in lv else lv[0])
            self.verbs[key] = entry
        for key, entry in list(self.verbs.items()):
            self.verbs.setdefault((third_person(key[0]), *key[1:]), entry)
        self.base_verbs = frozenset(k[0] for k in listed if len(k) == 1)
        # first word -> longest listed phrase starting with it, so most lookups are a single probe
        self.phrase_len: dict[str, int] = {}
        for key in self.verbs:
            self.phrase_len[key[0]] = max(len(key), self.phrase_len.get(key[0], 0))
        # verb -> its rules: (objects, levels, likely, how many words after the verb are searched,
        # whether the words before the verb are searched too)
        self.context: dict[str, list[tuple[tuple[str, ...], tuple[int, ...], int, int, bool]]] = {}
        for rule in bloom.get("context", []):
            objects = tuple(f" {' '.join(o.lower().split())} " for o in rule["objects"])
            self.context.setdefault(rule["verb"].lower(), []).append(
                (
                    objects,
                    tuple(sorted(rule["levels"])),
                    int(rule["likely"]),
                    int(rule.get("window", 8)),
                    bool(rule.get("before", False)),
                )
            )
        self._compile_vague(vague)
        # One regex for every frame, tried at each step in this order: topic frames (what follows is
        # the course's topic), course-side frames, then the learner's lead-in stems.
        names = words.get("frame_words", {})
        stems = bloom.get("stems", {})
        course_side = vague.get("course_side", {})
        self.frames = _frame_regex(
            names,
            ("topic", course_side.get("topics", [])),
            ("course", course_side.get("frames", [])),
            ("stem", stems.get("patterns", [])),
        )
        # Frames with any subject ("the cadet will be able to", "probationary station masters will be
        # trained to"): a second regex, tried only when a gate word is near (see _frame_end)
        self.subject_frames = _frame_regex(
            names, ("course", course_side.get("subjects", [])), ("stem", stems.get("subjects", []))
        )
        self.subject_words = frozenset(stems.get("subject_words", [])) | frozenset(
            course_side.get("subject_words", [])
        )
        self._compile_words(words)
        self.course_keys = self._course_keys()

    def _course_keys(self) -> frozenset[str]:
        """One word of each course-side phrase, to skip texts that cannot contain any.

        The longest word that is not a stopword: "we will" is keyed by "we", since "will" is in most
        lead-in frames ("Learners will be able to") and sent half the outcomes to the phrase search.
        """
        keys = set()
        for phrase in self.course_phrases:
            words = phrase.split()
            keys.add(max([w for w in words if w not in self.stopwords] or words, key=len))
        return frozenset(keys)

    def _compile_vague(self, vague: Mapping[str, Any]) -> None:
        essential, advisory = vague["essential"], vague["advisory"]
        self.vague_performance = _with_third_person(essential.get("performance", []))
        # a vague or soft word that is a trade's verb before these words ("value an asset", "cover a match")
        self.vague_not_before = {
            k: frozenset(v) for part in (essential, advisory) for k, v in part.get("not_before", {}).items()
        }
        self.soft_performance = _with_third_person(advisory.get("performance", []))
        self.max_vague = max((len(k) for k in self.vague_performance | self.soft_performance), default=1)
        fillers = frozenset(essential.get("fillers", []))
        self.fillers = fillers
        self.acquire_verbs = _with_third_person(essential.get("verbs", []))
        self.acquire_states = frozenset(essential.get("states", []))
        self.modified_states = frozenset(essential.get("modified_states", []))
        self.state_modifiers = int(essential.get("state_modifiers", 0))
        self.state_ends = frozenset(essential.get("state_ends", []))
        self.modifier_joins = frozenset(essential.get("modifier_joins", []))
        self.state_products = frozenset(essential.get("state_products", []))
        self.copulas = frozenset(essential.get("copulas", []))
        self.copula_ends = frozenset(essential.get("copula_ends", []))
        self.vague_lead_ins = tuple(_key(lead) for lead in essential.get("lead_ins", []))
        self.show_verbs = _with_third_person(advisory.get("verbs", []))
        self.show_states = frozenset(advisory.get("states", []))
        self.show_modified = self.show_states & self.modified_states
        course = vague.get("course_side", {})
        self.abilities = tuple(_key(a) for a in course.get("abilities", []))
        self.course_vague_verbs = frozenset(course.get("vague_verbs", []))
        self.course_aims: dict[str, str] = dict(course.get("aims", {}))
        self.course_phrases = tuple(f" {' '.join(p.lower().split())} " for p in course.get("phrases", []))
        self.vague_first = (
            frozenset(
                k[0]
                for k in self.vague_performance | self.soft_performance | self.acquire_verbs | self.show_verbs
            )
            | self.copulas
            | {lead[0] for lead in self.vague_lead_ins}
        )
        self.suggestions: dict[str, str] = dict(vague.get("suggestions", {}))

    def _compile_words(self, words: Mapping[str, Any]) -> None:
        conditions = words.get("conditions", {})
        self.condition_openers = frozenset(conditions.get("openers", []))
        self.condition_max = int(conditions.get("max_words", 16))
        self.later_openers = frozenset(conditions.get("later_openers", []))
        self.later_subjects = frozenset(conditions.get("later_subjects", []))
        self.later_modals = frozenset(conditions.get("later_modals", []))
        self.adverbs = frozenset(words.get("adverbs", {}).get("words", []))
        compound = words.get("compound", {})
        self.conjunctions = {_key(c) for c in compound.get("conjunctions", [])}
        self.conjunction_first = frozenset(c[0] for c in self.conjunctions)
        self.noun_markers = frozenset(compound.get("noun_markers", []))
        self.homographs = frozenset(compound.get("homographs", []))
        self.determiners = frozenset(compound.get("determiners", []))
        self.compound_nouns = {_key(c) for c in compound.get("compound_nouns", [])}
        stoppers = [_key(s) for s in compound.get("stoppers", [])]
        self.stoppers = frozenset(s[0] for s in stoppers if len(s) == 1)
        self.means = frozenset(compound.get("means", []))
        self.examinations = frozenset(compound.get("examinations", []))
        self.whether_verdicts = frozenset(compound.get("whether_verdicts", []))
        self.verb_homographs = frozenset(compound.get("verb_homographs", []))
        self.one_task = frozenset(compound.get("one_task", []))
        self.reported_to = frozenset(compound.get("reported_to", []))
        self.record_verbs = frozenset(compound.get("record_verbs", []))
        self.record_nouns = frozenset(compound.get("record_nouns", []))
        self.kept_record_verbs = frozenset(compound.get("kept_record_verbs", []))
        self.own_record_words = frozenset(compound.get("own_record_words", []))
        self.findings_verbs = frozenset(compound.get("findings_verbs", []))
        self.findings_words = frozenset(compound.get("findings_words", []))
        self.result_records = frozenset(compound.get("result_records", []))
        self.result_makers = frozenset(compound.get("result_makers", []))
        self.result_words = frozenset(compound.get("result_words", []))
        self.justifications = frozenset(compound.get("justifications", []))
        self.choice_makers = frozenset(compound.get("choice_makers", []))
        self.record_window = int(compound.get("record_window", 6))
        self.verdict_verbs = frozenset(compound.get("verdict_verbs", []))
        self.advice_verbs = frozenset(compound.get("advice_verbs", []))
        self.comparisons = frozenset(compound.get("comparisons", []))
        self.pass_fail = frozenset(compound.get("pass_fail", []))
        self.verdict_objects = {_key(o) for o in compound.get("verdict_objects", [])}
        self.picks = frozenset(compound.get("picks", []))
        self.pick_relatives = frozenset(compound.get("pick_relatives", []))
        self.examples = frozenset(compound.get("examples", []))
        # "suggesting" -> "suggest", "proposing" -> "propose": a participle after a comma
        self.participles = {participle(verb): verb for verb in compound.get("participles", [])}
        self.repair_participles = {participle(verb): verb for verb in compound.get("repair_participles", [])}
        self.diagnoses = frozenset(compound.get("diagnoses", []))
        self.test_verbs = frozenset(compound.get("test_verbs", []))
        self.test_nouns = frozenset(compound.get("test_nouns", []))
        self.checks_not_after = frozenset(compound.get("checks_not_after", []))
        self.kind_verbs = frozenset(compound.get("kind_verbs", []))
        self.kind_nouns = frozenset(compound.get("kind_nouns", []))
        self.result_verbs = frozenset(compound.get("result_verbs", []))
        self.result_after = frozenset(compound.get("result_after", []))
        self.result_nouns = frozenset(compound.get("result_nouns", []))
        self.routine_steps = frozenset(compound.get("routine_steps", []))
        self.result_checks = frozenset(compound.get("result_checks", []))
        self.result_properties = {k: frozenset(v) for k, v in compound.get("result_properties", {}).items()}
        self.preparatory = frozenset(compound.get("preparatory", []))
        self.exceptions = {_key(e) for e in compound.get("exceptions", [])}
        self.adjective_after = {k: frozenset(v) for k, v in compound.get("adjective_after", {}).items()}
        # first verb -> the verbs that are later steps of its cycle
        self.cycle_steps: dict[str, frozenset[str]] = {}
        for cycle in compound.get("cycles", []):
            for first in cycle["first"]:
                self.cycle_steps[first] = self.cycle_steps.get(first, frozenset()) | frozenset(cycle["steps"])
        self.stopwords = frozenset(words.get("similarity", {}).get("stopwords", []))
        dictionary = words.get("dictionary", {})
        self.dictionary_level = int(dictionary.get("level", 0))
        self.unknown_before = frozenset(dictionary.get("unknown_before", []))
        self.unknown_suffixes = tuple(dictionary.get("unknown_suffixes", []))
        self.noun_heads = frozenset(dictionary.get("noun_heads", []))
        self.plural_before = frozenset(dictionary.get("plural_before", []))
        self.noun_head_suffixes = tuple(dictionary.get("noun_head_suffixes", []))
        self.gives_before = {k: frozenset(v) for k, v in dictionary.get("gives_before", {}).items()}
        self.topic_heads = frozenset(dictionary.get("topic_heads", []))
        self.topic_list_ends = frozenset(dictionary.get("topic_list_ends", []))
        self.section_labels = frozenset(dictionary.get("section_labels", []))
        # never a state noun ("skills in X"), nor an acquiring verb without a state ("gain hands-on practice")
        self.not_performance = (
            frozenset(dictionary.get("not_performance", []))
            | self.acquire_states
            | {k[0] for k in self.acquire_verbs | self.vague_performance if len(k) == 1}
        )

    def level_name(self, level: int | None) -> str:
        """Name of a Bloom level ("Analyse"), or "unclassified" for None."""
        return self.level_names.get(level, "unclassified") if level is not None else "unclassified"

    def suggestion(self, phrase: str) -> str:
        """An observable verb to use instead of a vague phrase ("" when the words after it are one)."""
        words = phrase.split()
        for key in (phrase, words[-1] if words else "", words[0] if words else ""):
            if key in self.suggestions:
                return self.suggestions[key]
        return "explain"

    def analyse(self, text: str, separate_steps: bool = False) -> OutcomeAnalysis:
        """Read one outcome text: its performance verb, Bloom levels, vague words and style problems
        (``separate_steps``: every second action verb is a performance; see ``read_outcome``)."""
        return read_outcome(self, text, separate_steps)
