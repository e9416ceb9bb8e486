"""Reading one outcome statement the way a reviewer does (checks.md O01-O04, issue 10).

1. Lower-case it, fold Latin accents ("Flambé" reads "flambe"), and split it into words and the marks
   , ; : ( ) (each with its place in the text).
2. Set aside the lead-in frame: numbering ("CO1:", "(a)", "2.1"), "On completion of this module,
   learners will be able to", and course-side frames ("The course will enable teachers to", "Learners
   will be trained to"), which are remembered for O04 but never judged themselves.
3. Set aside a leading condition ("Given a floor plan and absorption data, ...", "Using a spreadsheet, ...").
4. The performance starts there, after at most two adverbs ("critically evaluate"). If it is a vague
   verb or a "develop skills in"/"gain knowledge of" phrase it is not a performance (O01 and O02,
   essential); "demonstrate understanding of", recognise, discuss are the softer O02 words. Otherwise
   the longest listed verb phrase is the performance, and its object may decide its level ("write a
   query" is Apply, "write a story" Create); the range and the likely level are both kept.
5. A second listed verb after a comma or and/or, in the learner's own clause (before "how", "so that",
   "to <verb>"...), is a second performance (O03), unless it only records or completes the first.
Vague words anywhere else belong to someone else ("Explain how recommender systems learn") or are
the object of a real verb ("Apply knowledge of copyright"), so they are not findings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .records import fast_init

if TYPE_CHECKING:
    from .lexicon import Lexicon


def third_person(word: str) -> str:
    """ "analyse" -> "analyses", "identify" -> "identifies" (outcomes are often written that way)."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        return word + "es"
    return word + "s"


def participle(verb: str) -> str:
    """ "suggest" -> "suggesting", "propose" -> "proposing" (the verbs a second performance may take
    after a comma: words.toml ``participles``)."""
    return (verb.removesuffix("e") if verb.endswith("e") and not verb.endswith("ee") else verb) + "ing"


class _LatinFold(dict[int, str | None]):
    """str.translate table, filled as characters are met: a Latin letter with accents becomes its
    plain letter and a loose combining accent goes; anything else (Devanagari included) stays."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        parts = unicodedata.normalize("NFD", char)
        if 0x300 <= code <= 0x36F:
            folded: str | None = None
        elif len(parts) > 1 and parts[0].isascii() and all(0x300 <= ord(c) <= 0x36F for c in parts[1:]):
            folded = parts[0]
        else:
            folded = char
        self[code] = folded
        return folded


_FOLD = _LatinFold()


def _normalise(text: str) -> str:
    """Lower case, straight apostrophes and no accents, so that "Flambé" and "Sauté" are read as the
    listed verbs "flambe" and "saute" (words are ASCII). Precomposed letters keep the text's length."""
    lower = text.lower().replace("\u2019", "'")
    return lower if lower.isascii() else lower.translate(_FOLD)


# a number with separators is one word ("a 1:50,000 map", "Rs 1,00,000"), so its comma ends no
# condition (corpus ag092, moved from heldout33.txt to train.txt as t882, and t883)
_TOKEN = re.compile(r"\d+(?:[:,.]\d+)+|[a-z0-9]+(?:['./-][a-z0-9]+)*|[,;:()]")
_MARKS = frozenset(",;:()")
_POSSESSIVE = "'s"


def _words(lower: str) -> list[str]:
    """The words and marks of a normalised text, as ``_TOKEN.findall`` finds them.

    Most outcome texts are plain words and spaces with a full stop at the end ("Analyse campaign data
    for a local retailer."); for those the regex finds exactly the space-separated words without the
    final stops, and a split finds them in a fraction of the time (the regex search was about 5%
    of the instructions per design). Anything else (a comma, an apostrophe, a tab, a letter outside
    ASCII) takes the regex.
    """
    core = lower.rstrip(".")
    if core.isascii() and core.replace(" ", "").isalnum():
        return core.split()
    return _TOKEN.findall(lower)


@fast_init
@dataclass(frozen=True, slots=True)
class Hit:
    """A vague word or phrase at the performance, with the outcome text that follows it."""

    phrase: str
    rest: str


@fast_init
@dataclass(frozen=True, slots=True)
class OutcomeAnalysis:
    """What the lexicon makes of one outcome text."""

    verb: str  # the performance verb or phrase as listed in the lexicon; "" when there is none
    first_word: str  # first word of the performance (or of a topic frame), for messages; "" for none
    levels: tuple[int, ...]  # plausible Bloom levels, ascending; () when there is no performance
    likely: int | None  # the level in this context (used by A04); None when unclassified
    vague: tuple[Hit, ...]  # essential vague words/phrases at the performance
    soft: tuple[Hit, ...]  # advisory vague words/phrases at the performance
    course_side: tuple[str, ...]  # frames or phrases written from the course's side (O04)
    compound: tuple[str, str] | None  # (conjunction or ",", second verb) for O03
    words: frozenset[str]  # content words, for near-duplicate detection (O07)
    text: str = ""  # the outcome text as read
    start: int = 0  # index of the word where the performance starts (after frames and conditions)
    end: int = 0  # index of the word after the performance verb (0 when there is none)
    tokens: tuple[str, ...] = ()  # the words and marks as read, for task_step

    @property
    def performance(self) -> str:
        """The original text from the performance on ("Install solar panels on rooftops.")."""
        return _rest(self.text, self.start).strip(" -")

    @property
    def low(self) -> int | None:
        """Lowest plausible Bloom level (used by "too low for the level" checks)."""
        return self.levels[0] if self.levels else None

    @property
    def high(self) -> int | None:
        """Highest plausible Bloom level."""
        return self.levels[-1] if self.levels else None


def read_outcome(lex: Lexicon, text: str, separate_steps: bool = False) -> OutcomeAnalysis:
    """Read one outcome text (see the module docstring for the steps).

    ``separate_steps``: read every second action verb as a performance of its own, the steps of one
    practical task too ("measure the resistance and record it"; O03's ``separate_steps``)."""
    if not text.isascii():  # "e" + combining acute becomes "é", so folding keeps the text's length
        text = unicodedata.normalize("NFC", text)
    lower = _normalise(text)
    if len(lower) != len(text):  # a few characters change length when lower-cased or folded
        text = lower
    words = _words(lower)
    n = len(words)
    course: list[str] = []
    start, topic = _performance_start(lex, words, course)
    verb, levels, likely, end = "", (), None, start
    vague: tuple[Hit, ...] = ()
    soft: tuple[Hit, ...] = ()
    if not topic:
        places = _places(lex, words, start)
        vague, soft = _vague_performance(lex, words, text, places, bool(course))
        if not vague:
            verb, levels, likely, end = _first_performance(lex, words, places)
    if course and not verb and not vague and not soft:
        vague = _course_aim(lex, words, text, start, course[-1])
    present = frozenset(words)
    if not course and not lex.course_keys.isdisjoint(present):
        padded = f" {' '.join(words)} "
        course = [p.strip() for p in lex.course_phrases if p in padded]
    compound = None
    if verb and ("," in present or not lex.conjunction_first.isdisjoint(present)):
        compound, levels, likely = _compound_reading(lex, words, end, verb, (levels, likely), separate_steps)
    elif vague and "and" in present:
        compound = _after_vague(lex, words, vague[0], start)
    if verb and not lex.vague_first.isdisjoint(present) and ("and" in present or "or" in present):
        second = _vague_after(lex, words, text, end)
        if second:  # "Select a device ... and be aware of its limits": a vague second performance
            pair, hits, essential = second
            vague, soft = (vague + hits, soft) if essential else (vague, soft + hits)
            compound = compound or pair
    return OutcomeAnalysis(
        verb,
        course[-1].split()[0] if topic else (words[start] if start < n else ""),
        levels,
        likely,
        vague,
        soft,
        tuple(course),
        compound,
        (frozenset(words[start:]) if start else present).difference(lex.stopwords),
        text,
        start,
        end if verb else 0,
        tuple(words),
    )


def task_step(lex: Lexicon, analysis: OutcomeAnalysis, later: bool = False) -> tuple[str, str] | None:
    """The second performance of an outcome when the steps of one task count as well (O03's
    ``separate_steps``; the first one, as ``read_outcome(..., separate_steps=True)`` reads it): a step
    of the first verb's task counts too ("measure the resistance and record it"). With ``later`` (O03's
    ``separate_later_steps``) only a later step with an object of its own counts: a check of the
    result ("apply the coat and check its thickness"), a step after a preparation ("load the packages
    and set the machine parameters") and a verb only the dictionary knows ("and enrol the persons");
    verbs listed together on one object ("install and test the wiring"), a verdict, a record of the
    result and the other one-task readings stay one. Scans only the words after the verb again, so
    the check costs a scan, not a second reading."""
    if not analysis.end:
        return analysis.compound
    words = analysis.tokens
    if "," not in words and lex.conjunction_first.isdisjoint(words):
        return None
    step = _compound(
        lex, list(words), analysis.end, analysis.verb, analysis.likely, not later, later_steps=later
    )[0]
    return step or analysis.compound  # "... and be aware of its limits" (read by _vague_after)


def _course_aim(lex: Lexicon, words: list[str], text: str, start: int, frame: str) -> tuple[Hit, ...]:
    """The vague state a course aim leaves its learners in ("To make learners | aware of ...", "aims to
    familiarise students with | ..."; vague.toml ``course_side.aims``), with the topic after it."""
    aims = lex.course_aims
    head = words[start] if start < len(words) else ""
    if head in aims:  # the state after the frame: the topic follows its preposition
        at = start + 1 + (start + 1 < len(words) and words[start + 1] in lex.copula_ends)
        return (Hit(aims[head], _rest(text, at)),)
    phrase = next((aims[w] for w in frame.split() if w in aims), "")
    return (Hit(phrase, _rest(text, start)),) if phrase else ()


def _places(lex: Lexicon, words: list[str], start: int) -> tuple[int, ...]:
    """Where the performance may start: at ``start``, then after at most two adverbs ("critically")."""
    adverbs = _skip_adverbs(lex, words, start)
    return (start,) if adverbs == start else (start, adverbs)


def _vague_performance(
    lex: Lexicon, words: list[str], text: str, places: tuple[int, ...], course: bool
) -> tuple[tuple[Hit, ...], tuple[Hit, ...]]:
    """The vague and soft phrases where the learner's performance starts, at the first of ``places``
    that has one (see :func:`_places` and :func:`_vague_at`).

    After a course frame that ends with the verb of a vague phrase ("The programme aims to develop |
    an understanding of ..."; vague.toml ``course_side.vague_verbs``), the phrase is read from that
    verb: still no performance.
    """
    vague_first = lex.vague_first
    start = places[0]
    if len(places) > 1 and tuple(words[start : places[1] + 1]) in lex.verbs:
        return (), ()  # "Critically appreciate a poem": a listed phrase, not the vague word in it
    if course and start and words[start - 1] in lex.course_vague_verbs:
        vague, soft = _vague_at(lex, words, text, start - 1)
        if vague:
            return vague, soft
    for at in places:
        if at < len(words) and words[at] in vague_first:  # the test _vague_at starts with, saving the call
            vague, soft = _vague_at(lex, words, text, at)
            if vague or soft:
                return vague, soft
    return (), ()


def _frame_end(lex: Lexicon, words: list[str], i: int, course: list[str]) -> tuple[int, bool]:
    """Index after the lead-in frames from ``i``, and whether a course topic frame ended them.

    Course-side frames are appended to ``course``.
    """
    frames = lex.frames
    n = len(words)
    for _ in range(10):
        while i < n and words[i] in _MARKS:
            i += 1
        if frames is None or i >= n:
            break
        line = " ".join(words[i : i + 40])
        m = frames.match(line)
        if m is None and lex.subject_frames and not lex.subject_words.isdisjoint(words[i : i + 12]):
            m = lex.subject_frames.match(line)  # "the cadet will be able to"
        if m is None:
            break
        kind = m.lastgroup  # "topic", "course" or "stem": each kind is a named group
        frame = m.group(0)
        if not frame:
            break
        if kind != "stem":
            course.append(frame)
        i += frame.count(" ") + 1
        ability = _ability_end(lex, words, i) if kind != "stem" else 0
        if kind == "topic" and not ability:
            return i, True
        i = ability or i  # "The paper seeks to develop in students the ability to | analyse ..."
    while i < n and words[i] in _MARKS:
        i += 1
    return _gerund_performance(words, i, bool(course)), False


def _gerund_performance(words: list[str], i: int, course: bool) -> int:
    """Where the performance starts when a gerund names it after a frame ("The workshop makes the trainee
    capable of servicing a carburettor", "Students will be given practice in using CAT tools", "To make
    learners | capable of designing ...": corpus e043 and f078, moved as t818-t819); the gerund is
    replaced by its verb in ``words``."""
    n = len(words)
    if course and tuple(words[i : i + 2]) in _CAPABLE and i + 2 < n and words[i + 2].endswith("ing"):
        i += 2
    before = tuple(words[i - 2 : i])
    if (
        2 <= i < n
        and before in _GERUND_AFTER
        and words[i].endswith("ing")
        # "trained in welding and fabrication" names topics: the trained gerund needs its object
        and (before != ("trained", "in") or (i + 1 < n and words[i + 1] not in _NOT_OBJECT))
    ):
        words[i] = next(iter(_lemmas(words[i]).get("VERB", ())), words[i])
    return i


# what a course makes its learners before a gerund ("To make learners competent in identifying
# high-risk pregnancies": corpus ad018, moved from heldout30.txt to train.txt as t870, and t871)
_CAPABLE = frozenset({("capable", "of"), ("competent", "in"), ("proficient", "in"), ("skilled", "in")})
# the course frames after which a gerund is the learner's performance (see _frame_end)
# "trained in maintaining cage-change records": the gerund with its object is the performance (held-out
# bg028, moved from heldout59.txt to train.txt as t1102, and t1103)
_GERUND_AFTER = _CAPABLE | {
    ("practice", "in"),
    ("training", "in"),
    ("opportunity", "in"),
    ("chance", "in"),
    ("trained", "in"),
}
# words after a gerund that leave it a topic's noun, not a verb with its object
_NOT_OBJECT = frozenset(("and", "or", "of", ",", ":", ";", ")"))


def _ability_end(lex: Lexicon, words: list[str], i: int) -> int:
    """Index after "the ability to" (vague.toml ``course_side.abilities``) at ``i`` when a listed verb
    follows it, so the learner's performance after a course's topic frame is read; 0 otherwise."""
    for ability in lex.abilities:
        end = i + len(ability)
        if tuple(words[i:end]) == ability and end < len(words) and words[end] in lex.base_verbs:
            return end
    return 0


def _performance_start(lex: Lexicon, words: list[str], course: list[str]) -> tuple[int, bool]:
    """Index where the learner's performance starts, after frames and a leading condition, and whether
    only a course's topic follows (course-side frames are appended to ``course``)."""
    start, topic = _frame_end(lex, words, 0, course)
    if not topic and start < len(words) and words[start] in lex.condition_openers:
        after = _condition_end(lex, words, start)
        if after != start:  # "Given X, learners will be able to ..."
            start, topic = _frame_end(lex, words, after, course)
    if topic and "," in words:
        later = _later_performance(lex, words, start)
        if later:  # "..., which they will analyse for ...": the learner's performance after the topic
            return later, False
    return start, topic


def _later_performance(lex: Lexicon, words: list[str], i: int) -> int:
    """Index of the listed verb in a relative clause after a course's topic (", which they will
    analyse", ", which they will then file"), or 0 when there is none."""
    for k in range(i, len(words) - 4):
        if not (
            words[k] == ","
            and words[k + 1] in lex.later_openers
            and words[k + 2] in lex.later_subjects
            and words[k + 3] in lex.later_modals
        ):
            continue
        j = k + 4 + (words[k + 4] == "then" or _is_adverb(lex, words[k + 4]))
        if j < len(words) and words[j] in lex.base_verbs:
            return j
    return 0


def _condition_end(lex: Lexicon, words: list[str], i: int) -> int:
    """Index after a leading condition clause ("Given ..., "), or ``i`` when there is none."""
    if i >= len(words) or words[i] not in lex.condition_openers:
        return i
    end = min(len(words), i + lex.condition_max)
    for j in range(i + 1, end):
        if words[j] == ",":
            return _listed_condition_end(lex, words, j + 1, end)
    return i


def _listed_condition_end(lex: Lexicon, words: list[str], j: int, end: int) -> int:
    """Index after a condition that lists its givens between commas ("For a given saree length, ends per
    inch and picks per inch, calculate ..."): the comma before a listed verb after a part with "and",
    when no verb follows the first comma; ``j`` otherwise (corpus z222, moved as t674, and t675)."""
    if j >= end or words[j] in lex.base_verbs:
        return j
    for k in range(j + 1, end - 1):
        if words[k] == ",":
            joined = "and" in words[j:k] or "or" in words[j:k]
            return k + 1 if joined and words[k + 1] in lex.base_verbs else j
    return j


def _first_performance(
    lex: Lexicon, words: list[str], places: tuple[int, ...]
) -> tuple[str, tuple[int, ...], int | None, int]:
    """The performance at the first of ``places`` that has one (see :func:`_performance`)."""
    for at in places:
        found = _performance(lex, words, at)
        if found[0]:
            return found
    listed = _listed_after(lex, words, places[0])
    if listed:  # "Read, interpret and respond critically to ...": the listed verbs are the performance
        return _performance(lex, words, listed)
    return "", (), None, places[0]


def _listed_after(lex: Lexicon, words: list[str], i: int) -> int:
    """Index of the listed verb after a word that names no performance itself but heads a list of verbs
    ("read and interpret engineering drawings", "read, interpret and respond", "read and critically
    evaluate a case report": corpus s009, moved from heldout8.txt as t405); 0 when there is none."""
    if i + 2 >= len(words) or words[i] not in lex.not_performance or words[i + 1] not in (",", "and"):
        return 0
    j = _skip_adverbs(lex, words, i + 2)
    return j if words[j] in lex.base_verbs else 0


def _skip_adverbs(lex: Lexicon, words: list[str], i: int) -> int:
    """Index after at most two adverbs ("critically", "independently"), unless the word is a verb."""
    last = len(words) - 1
    base, adverbs = lex.base_verbs, lex.adverbs
    for _ in range(2):
        if i >= last:
            break
        word = words[i]
        if not ((word.endswith("ly") and word not in base) or word in adverbs):  # _is_adverb, inlined
            break
        i += 1
    return i


def _is_adverb(lex: Lexicon, word: str) -> bool:
    return (word.endswith("ly") and word not in lex.base_verbs) or word in lex.adverbs


def _rest(text: str, end: int) -> str:
    """The original text after the first ``end`` words (found again: rarely needed, so not kept)."""
    if not end:
        return text.strip(" ,.;:")
    for n, m in enumerate(_TOKEN.finditer(_normalise(text)), start=1):
        if n == end:
            return text[m.end() :].strip(" ,.;:")
    return ""


def _vague_at(lex: Lexicon, words: list[str], text: str, i: int) -> tuple[tuple[Hit, ...], tuple[Hit, ...]]:
    """Vague (essential) and soft (advisory) phrases where the performance starts at ``i``."""
    if i >= len(words) or words[i] not in lex.vague_first:
        return (), ()
    for n in range(min(lex.max_vague, len(words) - i), 0, -1):
        key = tuple(words[i : i + n])
        essential = key in lex.vague_performance
        if essential or key in lex.soft_performance:
            if n == 1 and words[i + 1 : i + 2] and words[i + 1] in lex.vague_not_before.get(key[0], ()):
                return (), ()  # "value an early-stage start-up", "cover a live match": the trade's verb
            hit = (Hit(" ".join(key), _rest(text, i + n)),)
            return (hit, ()) if essential else ((), hit)
    end = _copula_phrase(lex, words, i)
    if end:
        return (Hit(" ".join(words[i:end]), _rest(text, end)),), ()
    for lead in lex.vague_lead_ins:  # "come to appreciate": coming to a state is no performance
        if tuple(words[i : i + len(lead)]) == lead:
            inner, _ = _vague_at(lex, words, text, i + len(lead))
            if inner:
                return (Hit(f"{' '.join(lead)} {inner[0].phrase}", inner[0].rest),), ()
    for verbs, states, modified, essential in (
        (lex.acquire_verbs, lex.acquire_states, lex.modified_states, True),
        (lex.show_verbs, lex.show_states, lex.show_modified, False),
    ):
        end = _state_phrase(lex, words, i, verbs, states, modified)
        if end:
            hit = (Hit(" ".join(words[i:end]), _rest(text, end)),)
            return (hit, ()) if essential else ((), hit)
    return (), ()


def _copula_phrase(lex: Lexicon, words: list[str], i: int) -> int:
    """End of "be conversant with", "become proficient in", "be fully competent at" at ``i``: a copula,
    one to three words (no mark), then one of ``copula_ends``; 0 when there is none. Being in a state
    is not a performance, whatever the adjective (vague.toml ``copulas``)."""
    if words[i] not in lex.copulas:
        return 0
    for k in range(i + 2, min(i + 5, len(words))):
        if words[k - 1] in _MARKS:
            return 0
        if words[k] in lex.copula_ends:
            return k + 1
    return 0


def _state_phrase(
    lex: Lexicon,
    words: list[str],
    i: int,
    verbs: set[tuple[str, ...]],
    states: frozenset[str],
    modified: frozenset[str],
) -> int:
    """End of "develop | a sound | understanding" at ``i`` (0 when there is none)."""
    for n in (2, 1):
        if tuple(words[i : i + n]) in verbs:
            j = i + n
            for _ in range(4):
                if j < len(words) and words[j] in states:
                    # "develop a skills matrix", "an awareness campaign": a product named after the state
                    return 0 if words[j + 1 : j + 2] and words[j + 1] in lex.state_products else j + 1
                if j >= len(words) or words[j] not in lex.fillers:
                    break
                j += 1
            end = _modified_state(lex, words, j, modified)
            if end:
                return end
    return 0


def _modified_state(lex: Lexicon, words: list[str], j: int, modified: frozenset[str]) -> int:
    """End of "develop a | positive | attitude towards", "cultivate an | entrepreneurial | mindset": up to
    ``state_modifiers`` unlisted words from ``j`` (joined by "and", "or" or commas: "analytical and
    problem-solving"), then one of ``modified`` that ends the phrase (the text ends or one of
    ``state_ends`` follows, so "a skills matrix" is a product); 0 when none."""
    n = len(words)
    for k in range(j + 1, min(j + 1 + lex.state_modifiers, n)):
        modifier = words[k - 1]
        if modifier in lex.modifier_joins and k - 1 > j:  # "strong analytical and problem-solving skills"
            continue
        if modifier in _MARKS or modifier in lex.base_verbs or modifier in lex.conjunction_first:
            return 0
        state = words[k]
        if state in modified:
            return k + 1 if k + 1 == n or words[k + 1] in lex.state_ends else 0
    return 0


def _performance(lex: Lexicon, words: list[str], i: int) -> tuple[str, tuple[int, ...], int | None, int]:
    """The listed verb phrase at ``i``: (verb, levels, likely level, index after it)."""
    if i >= len(words):
        return "", (), None, i
    longest = min(lex.phrase_len.get(words[i], 0), len(words) - i)
    verbs = lex.verbs
    for n in range(longest, 0, -1):
        entry = verbs.get((words[i],) if n == 1 else tuple(words[i : i + n]))
        if entry:
            verb, levels, likely = entry
            if n == 1 and _no_performance(lex, words, i, verb):
                return "", (), None, i
            rules = lex.context.get(verb)
            if rules:
                found = _context_levels(words, i, i + n, rules)
                if found:
                    return verb, found[0], found[1], i + n
            return verb, levels, likely, i + n
    word = words[i]
    after = words[i + 1 : i + 2]
    if lex.dictionary_level and word not in lex.not_performance and after != ["of"]:
        if dictionary_noun(word) and (
            (after and _head_noun(lex, after[0], words[i + 2 :])) or _topic_list(lex, words, i)
        ):
            return "", (), None, i  # "Field visit to", "Mine ventilation": a noun before its head noun
        lemma = dictionary_verb(word) or _unknown_verb(lex, word, words[i + 1 : i + 4])
        if lemma and lemma not in lex.not_performance and not _noun_list(lex, words, i, lemma):
            level = lex.dictionary_level
            return lemma, (level,), level, i + 1
    return "", (), None, i


def _head_noun(lex: Lexicon, word: str, rest: list[str]) -> bool:
    """Whether ``word``, after an unlisted noun-or-verb, makes that word a noun: a listed head noun, a
    participle heading a topic ("relating"), or a singular abstract noun ("ventilation") in a heading
    with no determiner before its first mark ("Mine ventilation systems, ...", not "Tune ignition
    timing of a petrol engine": trade outcomes drop the article before the object, not after it)."""
    if word in lex.noun_heads or word in lex.plural_before:
        return True
    if not word.endswith(lex.noun_head_suffixes):
        return False
    lemmas = _lemmas(word)
    if lemmas.keys() != {"NOUN"} or word not in lemmas["NOUN"]:
        return False
    for w in rest:
        if w in _MARKS:
            return True
        if w in lex.unknown_before:
            return False
    return True


def _no_performance(lex: Lexicon, words: list[str], i: int, verb: str) -> bool:
    """Whether the listed one-word ``verb`` at ``i`` names no performance here: its -s form as a plural
    noun heading a topic ("Provisions relating to"), or before what a course gives ("Obtain practice
    in"), or a noun-or-verb before a topic's head ("Display techniques and lighting", not "Use
    techniques of ..."); see words.toml ``plural_before``, ``gives_before`` and ``topic_heads``."""
    if i + 1 >= len(words):
        return False
    after = words[i + 1]
    if after == ",":
        return _noun_list(lex, words, i, verb)
    if after in _ROMAN and words[i] in lex.homographs:
        return True  # "Schedule VII activities, CSR committee, ...": corpus l062, moved as t858, and t859
    if words[i] in lex.homographs:
        if after in lex.topic_heads:
            return words[i + 2 : i + 3] != ["of"]
        if _topic_list(lex, words, i):
            return True
    return (words[i] != verb and after in lex.plural_before) or after in lex.gives_before.get(verb, ())


# roman numerals that name a part, a schedule or a form after a noun ("Schedule VII", "Part III"); not
# "i", "v" or "x", which are also words or letters
_ROMAN = frozenset("ii iii iv vi vii viii ix xi xii xiii xiv xv xvi".split())


def _noun_list(lex: Lexicon, words: list[str], i: int, verb: str) -> bool:
    """Whether the -s form of ``verb`` at ``i`` heads a list of nouns ("Tools, fabrics, foam densities and
    webbing used in upholstery"): a comma and a word that is no verb follow it ("Designs, builds and
    tests" lists verbs). Source: corpus w060 (moved from heldout15.txt to train.txt as t697) and t698."""
    if words[i] == verb or words[i + 1 : i + 2] != [","] or i + 2 >= len(words):
        return False
    after = words[i + 2]
    return after not in lex.base_verbs and (after,) not in lex.verbs and not dictionary_verb(after)


def _topic_list(lex: Lexicon, words: list[str], i: int) -> bool:
    """Whether the noun-or-verb at ``i`` starts a topic line's list of nouns rather than a performance:
    "and" and a word that is only an adjective follow it ("Structure and mandatory elements of ..."), or
    the words up to the first preposition or mark hold a comma, no determiner or pronoun, and a gerund
    that names an activity: the second word of the first item ("Flex printing, ACP cladding and ...")
    or the last word of a later one of two words or more ("Paper craft, clay modelling and block printing
    for ..."). A performance names its object with a determiner or lists
    plain nouns ("Process monthly payroll, ensuring correct deductions"). See words.toml
    ``topic_list_ends``. Under a syllabus heading ("Week 8: Link budget, free-space path loss and fade
    margin") the comma is enough, and a later item may have its determiner ("Week 2: Compound interest,
    inflation and the time value of money"): see words.toml ``section_labels``."""
    if words[i + 1 : i + 2] == ["and"] and i + 2 < len(words):
        return _lemmas(words[i + 2]).keys() == {"ADJ"}
    ends, objects = lex.topic_list_ends, lex.unknown_before
    heading = _under_heading(lex, words, i)
    comma = gerund = False
    first = True  # still in the first item
    size = 1  # words in the current item so far
    for j in range(i + 1, len(words)):
        word = words[j]
        if word in ends or (word in _MARKS and word != ","):
            break
        if word in _PRONOUNS or (word in objects and (first or not heading)):
            return False
        if word in (",", "and", "or"):
            comma = comma or word == ","
            gerund = gerund or (not first and size > 1 and _activity(words[j - 1]))
            first, size = False, 0
            continue
        if not size and word in lex.base_verbs and not dictionary_noun(word):
            return False  # "Monitor furnace temperatures and adjust fuel firing, ...": a list of verbs
        size += 1
        if j == i + 1 and _activity(word):
            gerund = True  # "Flex printing", "Soil sampling tools"
    else:
        j = len(words)
    # a later item's gerund counts in a compound only ("clay modelling"): "Plan meals, shopping and
    # cooking for a family" plans the activities it lists
    return comma and (heading or gerund or (not first and size > 1 and _activity(words[j - 1])))


def _under_heading(lex: Lexicon, words: list[str], i: int) -> bool:
    """Whether the word at ``i`` comes right after a syllabus heading's label ("Unit III:", "Week 8:",
    "Module 3 -"), where topic lines outnumber outcomes (121 to 52 in the corpus)."""
    return i in (2, 3) and words[0] in lex.section_labels and (i == 2 or words[2] == ":")


def _activity(word: str) -> bool:
    """Whether ``word`` is a gerund naming an activity ("modelling", "counting"; not "king" or "sing")."""
    return len(word) > 4 and word.endswith("ing")


# objects of a performance that a topic line's list of nouns never holds
_PRONOUNS = frozenset(("them", "it", "themselves", "yourself"))


def _context_levels(
    words: list[str], i: int, j: int, rules: list[tuple[tuple[str, ...], tuple[int, ...], int, int, bool]]
) -> tuple[tuple[int, ...], int] | None:
    """The levels and likely level of the first context rule whose objects come in its window of words
    from ``j`` (right after the verb at ``i``), or before the verb too for a rule that says so (a
    case given in a leading condition); None when no rule applies."""
    windows: dict[tuple[int, bool], str] = {}
    for objects, rule_levels, rule_likely, size, before in rules:
        window = windows.get((size, before))
        if window is None:
            # possessives read as their noun ("a patient's pain" is about a patient)
            after = (words[:i] if before else []) + words[j : j + size]
            window = windows[size, before] = f" {' '.join(w.removesuffix(_POSSESSIVE) for w in after)} "
        if any(o in window for o in objects):
            return rule_levels, rule_likely
    return None


_PLAIN = re.compile(r"[a-z]{3,}(?:-[a-z]+)*")


def _unknown_verb(lex: Lexicon, word: str, after: list[str]) -> str:
    """An unlisted trade verb no dictionary knows ("megger the windings", "palletise cartons"): a word
    lemminflect knows under no part of speech, followed by a determiner or ending in a verb suffix
    (words.toml ``[dictionary]`` ``unknown_before`` and ``unknown_suffixes``), or one it knows only as
    a singular noun, followed by a determiner ("grout the joints"), or by "and" and a listed verb with
    a determiner ("kern and track a headline"); "" otherwise. ``after``: up to three words after it."""
    listed = (
        len(after) == 3
        and after[0] in ("and", "or")
        and bool(after[1] in lex.base_verbs or dictionary_verb(after[1]))
    )
    before = lex.unknown_before
    determined = bool(after) and (after[0] in before or (listed and after[2] in before))
    for prefix in _VERB_PREFIXES:
        again = word[len(prefix) + 1 :] if word.startswith(prefix + "-") else word[len(prefix) :]
        prefixed = len(again) > 2 and word.startswith(prefix) and unknown_word(word)
        if prefixed and dictionary_verb(again) == again:
            # a verb done again or beforehand ("reproject the layers": held-out au093, moved as t981;
            # t982-t983; "re-stitch the canopy": bd100, moved as t1051, and t1052; "pre-treat pigeon pea
            # grains": held-out bn022, and t1119-t1120)
            return word
    if not _PLAIN.fullmatch(word):
        return ""
    if not (determined or word.endswith(lex.unknown_suffixes)):
        return ""
    if unknown_word(word):
        return word
    # a noun of the trade used as its verb ("Grout the joints", "Shutter a column"): a noun cannot be
    # followed by a determiner, so a word the dictionary knows only as a singular noun is the verb here
    lemmas = _lemmas(word)
    return word if determined and lemmas.keys() == {"NOUN"} and word in lemmas["NOUN"] else ""


# prefixes that make a verb of a verb ("re-stitch", "reproject", "pre-treat", "precool")
_VERB_PREFIXES = ("re", "pre")


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas of ``word`` under every part of speech it knows ({} for an unknown word).

    Imported on first use: loading the dictionary takes about a second, and most outcomes start with a
    listed verb. Cached, because the same few unlisted words recur across a batch of designs.
    """
    from lemminflect import getAllLemmas  # noqa: PLC0415 - deferred on purpose (see above)

    return getAllLemmas(word)


def unknown_word(word: str) -> bool:
    """Whether lemminflect's dictionary knows ``word`` under no part of speech at all."""
    return not _lemmas(word)


def dictionary_noun(word: str) -> bool:
    """Whether lemminflect's dictionary knows ``word`` as a noun too ("field", "waste", "sample")."""
    return "NOUN" in _lemmas(word)


def dictionary_verb(word: str) -> str:
    """The verb ``word`` is, in its base or third-person form, per lemminflect's dictionary ("" if none)."""
    for lemma in _lemmas(word).get("VERB", ()):
        if word in (lemma, third_person(lemma)):
            return lemma
    return ""


def _compound(
    lex: Lexicon,
    words: list[str],
    j: int,
    verb: str,
    level: int | None,
    separate_steps: bool = False,
    later_steps: bool = False,
) -> tuple[tuple[str, str] | None, bool]:
    """The first second performance after the verb (ending at ``j``; ``level`` its likely level), and
    whether a verdict concluded the verb's own performance on the way ("and recommend one"). With
    ``separate_steps`` (see :func:`read_outcome`) no step is read as part of the first verb's task;
    with ``later_steps`` only the later steps that :func:`task_step` names are."""
    listing = True  # still in "analyse, interpret and ..." right after the verb
    means = False  # after "by", "using", "via": a conjunction joins means unless a verb phrase follows
    examples = False  # after "such as", "including": only ", and <verb>" ends the list of examples
    verdict = False
    k, n = j, len(words)
    while k < n:
        w = words[k]
        if w in lex.stoppers or (w == "to" and k + 1 < n and words[k + 1] in lex.base_verbs):
            return None, verdict
        conj = _conjunction(lex, words, k)
        if not conj:
            means = means or w in lex.means
            examples = examples or w in lex.examples
            listing = listing and _is_adverb(lex, w)
            k += 1
            continue
        # ", and plan mitigations": a comma before the conjunction joins clauses, not nouns
        clause = listing or (conj != "," and words[k - 1] == ",")
        if not clause and (
            # "defects such as short shots and sink marks", not "... and suggest corrective measures"
            (examples and not _verb_phrase_after_means(lex, words, k + len(conj.split())))
            or _noun_list_end(lex, words, k)  # "select thread, needle and stitch length"
        ):
            k += 1
            continue
        m = k + len(conj.split())
        while m < n - 1 and _is_adverb(lex, words[m]) and m - k < 4:
            m += 1
        if m + 1 < n and words[m] == "to" and words[m + 1] in lex.base_verbs:
            m += 1  # "trained to issue caution orders and to conduct an inspection": a second infinitive
        if means and not _verb_phrase_after_means(lex, words, m):
            k += 1
            continue
        listed = m < n and words[m] in lex.base_verbs
        second = _second_verb(lex, words, m, verb, conj, clause, separate_steps, later_steps)
        if second and separate_steps:
            return (conj, second), verdict
        if second:
            if _concludes(lex, words, m, second, verb, level):
                verdict = verdict or second not in lex.pass_fail  # a pass-or-fail keeps the check's level
            elif not _same_practical(
                lex, words, (j, k, m), second, verb, level, listing and m == k + 1, later_steps
            ):
                return (conj, second), verdict
        listing = listing and listed
        k = m + 1 if listed else m
    return None, verdict


def _noun_list_end(lex: Lexicon, words: list[str], k: int) -> bool:
    """Whether the "and" at ``k`` ends a list of single nouns ("admission, attendance and transfer
    certificate registers"): a comma two words before it, no listed verb between, and no determiner
    after the word that follows it (", and fill the coolant" stays a verb)."""
    return (
        k >= 3
        and words[k] == "and"
        and words[k - 2] == ","
        and words[k - 1].isalpha()  # not "the Space Activities Bill, 2017 and suggest amendments"
        and words[k - 3].isalpha()
        and words[k - 1] not in lex.base_verbs
        and k + 2 < len(words)
        and words[k + 2] not in lex.determiners
    )


def _vague_after(
    lex: Lexicon, words: list[str], text: str, j: int
) -> tuple[tuple[str, str], tuple[Hit, ...], bool] | None:
    """A vague or soft phrase joined by "and" or "or" after the learner's verb (ending at ``j``), in the
    learner's own clause: ("and", phrase), its hit, and whether it is essential; None when there is
    none. Source: corpus u016, u029, u063, u073 (moved from heldout16.txt to train.txt as t704-t707)
    and t708-t709."""
    n = len(words)
    for k in range(j, n - 1):
        w = words[k]
        after = words[k + 1]
        if w in lex.stoppers or (w == "to" and (after in lex.base_verbs or after in lex.vague_first)):
            return None
        if w not in ("and", "or"):
            continue
        m = k + 1 + (after == "then")
        vague, soft = _vague_at(lex, words, text, m)
        if vague or soft:
            hit = (vague or soft)[0]
            return (w, hit.phrase), (hit,), bool(vague)
    return None


def _after_vague(lex: Lexicon, words: list[str], hit: Hit, start: int) -> tuple[str, str] | None:
    """A listed verb joined by "and" after a vague performance, with its own object ("Understand
    the basics of room acoustics and apply them in ...", "Be familiar with field exploration methods
    ... and interpret their results", "Gain knowledge of ICH Q9 principles and apply them"): a second
    performance, as after a listed verb ("... and skills in Y" names no verb). Source: corpus z225,
    e008 and g023 (moved from heldout14.txt, heldout21.txt and heldout23.txt to train.txt as t678,
    t823 and t831), t679, t824 and t832."""
    first = hit.phrase.split()
    for i in range(start, len(words) - len(first) + 1):
        if words[i : i + len(first)] == first:
            return _compound(lex, words, i + len(first), hit.phrase, None)[0]
    return None


def _second_verb(
    lex: Lexicon,
    words: list[str],
    m: int,
    verb: str,
    conj: str,
    clause: bool,
    separate_steps: bool = False,
    dictionary: bool = False,
) -> str:
    """The verb of a second performance at ``m``, after a conjunction: a listed verb that names a
    performance of its own (see :func:`_second_performance`), or the verb of a participle after a
    comma ("Examine the causes ..., suggesting measures": "suggest"); "" when there is none. With
    ``separate_steps``, a step of one task ("and record it") and a verb only the dictionary knows, with
    its own object ("and lacquer it with lac colours"), count as well; with ``dictionary``, only such
    a verb."""
    second = words[m] if m < len(words) else ""
    if (separate_steps or dictionary) and second not in lex.base_verbs and _determined(lex, words, m):
        lemma = dictionary_verb(second)
        if lemma and lemma not in lex.not_performance and second not in lex.stoppers:
            return lemma
    if conj == "," and second in lex.participles:
        return lex.participles[second]
    if conj == "," and second in lex.repair_participles and verb in lex.diagnoses:
        return lex.repair_participles[second]  # "Diagnose faults in the door operator, replacing ..."
    if second in lex.base_verbs:
        return second if _second_performance(lex, words, m, (verb, conj), clause, separate_steps) else ""
    for size in range(min(lex.phrase_len.get(second, 0), len(words) - m), 1, -1):
        # a listed phrase whose first word is no verb of its own ("and carry out minor tear repairs"):
        # corpus u004 (moved from heldout16.txt to train.txt as t710) and t711
        if tuple(words[m : m + size]) in lex.verbs:
            after = words[m + size : m + size + 1]
            return " ".join(words[m : m + size]) if after and after[0] not in lex.noun_markers else ""
    return ""


def _determined(lex: Lexicon, words: list[str], m: int) -> bool:
    """Whether a determiner or a pronoun object follows the word at ``m`` ("and lacquer the toy", "and
    record it"): then the word is a verb, not a noun in a list."""
    after = words[m + 1] if m + 1 < len(words) else ""
    return after in lex.unknown_before or after in ("it", "them")


def _verb_phrase_after_means(lex: Lexicon, words: list[str], m: int) -> bool:
    """Whether a listed verb and a determiner (not "it" or "them", which carry the same object on to the
    next step of one practical: "amplify a DNA fragment by PCR and run it on a gel"), or a listed verb
    that is no noun, start at ``m``, the word after the conjunction and its adverbs ("by R. K. Narayan
    and critically evaluate")."""
    if m + 1 >= len(words):
        return False
    if words[m] not in lex.base_verbs:  # a listed phrase ("and carry out corrective pruning": t953)
        return lex.phrase_len.get(words[m], 0) > 1 and tuple(words[m : m + 2]) in lex.verbs
    after = words[m + 1]
    if words[m] in lex.examinations:  # "by slow evaporation and characterise them by microscopy"
        return after in lex.determiners
    if after in ("it", "them") or after in lex.noun_markers:
        return False
    # a verb that is no noun needs no determiner ("by observational gait analysis and recommend
    # alignment changes": corpus u019, moved from heldout16.txt to train.txt as t930, and t931-t932)
    return after in lex.determiners or words[m] not in lex.homographs or words[m] in lex.verb_homographs


def _second_performance(
    lex: Lexicon, words: list[str], m: int, pair: tuple[str, str], clause: bool, separate_steps: bool
) -> bool:
    """Whether the listed verb at ``m`` after a conjunction is a performance of its own.

    ``pair``: the first verb and the conjunction; ``clause``: the conjunction follows the verb directly
    ("analyse and design", "clean, analyse and visualise") or a comma (", and plan mitigations"), so
    what follows is a verb, not a noun; ``separate_steps``: a step of one task counts ("and record it").
    """
    verb, conj = pair
    second = words[m]
    after = words[m + 1] if m + 1 < len(words) else ""
    if second in lex.reported_to and _to_someone(words, m + 1):
        return True  # "and report abnormal findings to the nurse": the "to" makes it a verb
    if not separate_steps and _completes_first(lex, words, m, verb):
        return False
    if (*verb.split(), *conj.split(), second) in lex.exceptions:
        return False
    if after in lex.adjective_after.get(second, ()):
        return False  # ", complete with its recipe card": an adjective
    if clause:
        return True
    if after in lex.noun_markers or not after or (second, after) in lex.compound_nouns:
        return False
    if second in lex.verb_homographs and after not in ("and", "or", ","):
        return True  # "and monitor adherence at follow-up sessions"
    return second not in lex.homographs or after in lex.determiners


def _completes_first(lex: Lexicon, words: list[str], m: int, verb: str) -> bool:
    """Whether the second verb at ``m`` only records, reports or completes the first ``verb``'s
    performance: one of ``one_task``; documenting that performance's own findings ("and document the
    findings", "its dimensions"); recording after a performance that yields a reading, or recording a
    result ("measure and record the blood glucose", "and record the readings"); justifying a choice
    ("select a fixative and justify the choice"). See words.toml ``one_task``, ``findings_verbs``,
    ``result_records`` and ``justifications``."""
    second = words[m]
    if second in lex.one_task:
        return True
    if second in lex.findings_verbs:
        return not lex.findings_words.isdisjoint(_record_window(lex, words, m))
    if second in lex.result_records:
        return verb in lex.result_makers or not lex.result_words.isdisjoint(_record_window(lex, words, m))
    return second in lex.justifications and verb in lex.choice_makers


def _record_window(lex: Lexicon, words: list[str], m: int) -> list[str]:
    """The words after the verb at ``m`` that a record's noun or a result may come in (words.toml
    ``record_window``)."""
    return words[m + 1 : m + 1 + lex.record_window]


def _to_someone(words: list[str], i: int) -> bool:
    """Whether "to the", "to a" or "to an" comes in the six words from ``i`` ("report abnormal findings to
    the nurse in charge"): the report goes to someone who acts on it."""
    window = words[i : i + 7]
    return any(w == "to" and nxt in ("the", "a", "an") for w, nxt in zip(window, window[1:], strict=False))


def _same_practical(
    lex: Lexicon,
    words: list[str],
    places: tuple[int, int, int],
    second: str,
    verb: str,
    level: int | None,
    listed: bool,
    later: bool = False,
) -> bool:
    """Whether the second verb is a step of the first verb's practical, not a performance of its own.

    ``places``: where the first verb's words end, where the conjunction is and where the second verb
    is; ``level``: the first verb's likely level; ``listed``: the two verbs share one object, as in
    "install and test domestic wiring"; ``later``: a check of the result or a step after a preparation,
    with an object of its own, is a performance of its own (see :func:`task_step`). See
    ``routine_steps``, ``record_verbs``, ``result_checks``, ``preparatory``, ``cycles``,
    ``result_verbs`` and ``test_verbs`` in words.toml for the readings this follows.
    """
    j, k, m = places
    steps = lex.cycle_steps.get(verb)
    if steps is not None and second in steps:  # the next step of the first verb's cycle
        return True
    if second in lex.findings_verbs:
        return False  # documenting what is not the first performance's own findings is a duty of its own
    window = _record_window(lex, words, m)
    if second in lex.record_verbs and not lex.record_nouns.isdisjoint(window):
        # a register or a log kept over time is a duty of its own, unless it is the first performance's
        # ("maintain its batch records") or the fieldworker's diary
        return second not in lex.kept_record_verbs or not lex.own_record_words.isdisjoint(window)
    if (
        second in lex.result_verbs
        and (
            verb in lex.result_after  # "analyse a flood series ... and estimate the 100-year flood"
            or not lex.result_nouns.isdisjoint(window)  # "synthesise aspirin and calculate the % yield"
            or (verb in lex.test_verbs and not lex.test_nouns.isdisjoint(words[j:k]))  # a test's result
        )
    ):
        return True
    if second in lex.kind_verbs and _names_kind(lex, words, m + 1):
        return True  # "analyse the samasa and identify its type"
    entry = lex.verbs.get((second,))
    second_practical = second in lex.routine_steps or (entry is not None and entry[2] == 3)
    if verb in lex.preparatory and second_practical:
        return listed or not later
    if listed:
        return (level == 3 or verb in lex.routine_steps) and second_practical
    if later:
        return False
    if not (level == 3 and second in lex.result_checks and verb not in lex.checks_not_after):
        return False
    properties = lex.result_properties.get(second)
    return properties is None or not properties.isdisjoint(words[m + 1 : m + 5])


def _names_kind(lex: Lexicon, words: list[str], i: int) -> bool:
    """Whether the words from ``i`` name the kind of what was analysed ("its type", "the metre")."""
    return i + 1 < len(words) and words[i] in ("its", "their", "the") and words[i + 1] in lex.kind_nouns


def _concludes(lex: Lexicon, words: list[str], m: int, second: str, verb: str, level: int | None) -> bool:
    """Whether the second verb at ``m`` is the verdict that concludes the first verb's judgement: after
    an analysis or a judgement, a choice among what was judged ("appraise three proposals and recommend
    one", "evaluate the mills and select the mill whose ..."); after any performance, a yes-or-no
    verdict ("conduct a gender audit and judge whether it meets the criteria"); after a comparison, any
    choice ("compare two vaccines and recommend a vaccine type"). See ``verdict_verbs``."""
    if second in lex.advice_verbs:
        return level in (4, 5)  # "compare the two regimes and advise the shipper on the choice"
    if second in lex.pass_fail:
        return True  # "determine the viscosity of the batch and accept or reject it"
    if second not in lex.verdict_verbs:
        return False
    if verb in lex.comparisons:
        return True
    if words[m + 1 : m + 2] == ["whether"]:  # "and decide whether", not "and recommend whether"
        return second in lex.whether_verdicts
    return level in (4, 5) and _verdict(lex, words, m + 1, second)


def _compound_reading(
    lex: Lexicon,
    words: list[str],
    end: int,
    verb: str,
    level: tuple[tuple[int, ...], int | None],
    separate_steps: bool,
) -> tuple[tuple[str, str] | None, tuple[int, ...], int | None]:
    """The second performance after the verb (see :func:`_compound`), and the levels (``level``: the
    verb's levels and likely level): a performance that ends in its verdict is a judgement ("compare
    three offers and recommend the most suitable one")."""
    levels, likely = level
    compound, verdict = _compound(lex, words, end, verb, likely, separate_steps)
    if compound is None and verdict and likely in (3, 4):
        return None, tuple(sorted({*levels, 5})), 5
    return compound, levels, likely


def _verdict(lex: Lexicon, words: list[str], i: int, second: str) -> bool:
    """Whether the words from ``i``, after the verdict verb ``second``, pick among what was judged
    ("one", "whether", "the best"; after a verb that picks, "the mill whose ...", "the one that ...")."""
    if any(tuple(words[i : i + size]) in lex.verdict_objects for size in (1, 2)):
        return True
    return (
        second in lex.picks
        and words[i : i + 1] == ["the"]
        and not lex.pick_relatives.isdisjoint(words[i + 2 : i + 4])
    )


def _conjunction(lex: Lexicon, words: list[str], k: int) -> str:
    """The comma or conjunction at ``k`` ("" when there is none)."""
    if words[k] == ",":
        return ","
    if words[k] not in lex.conjunction_first:
        return ""
    for size in (3, 2, 1):
        key = tuple(words[k : k + size])
        if key in lex.conjunctions:
            return " ".join(key)
    return ""
