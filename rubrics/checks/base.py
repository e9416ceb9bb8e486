"""The check registry and the small vocabulary every check uses.

A check is a plain function ``(design, params, ctx) -> CheckResult`` registered under its
checks.md ID with ``@check("O02", soft_weight=params.weight)``; the keyword arguments declare the
parameters the rubric file must supply and how to convert them.  Checks return :class:`Issue`
objects; the engine turns them into report findings.

Why an issue may carry its own weight: several checks have parts of different weight (checks.md:
C03's "2-8 outcomes" part is advisory, O02's softer words are advisory, W01's working-learner cap
is advisory, C05's school levels are important, C09 is essential for NSQF designs).  An issue's
``weight`` says how much *that* failure weighs (taken from the rubric's parameters, so institutions
can change it); ``None`` means the criterion's own weight.  A check can also say that, for this
design, the criterion as a whole weighs differently (``CheckResult.weight``; C09 on NSQF designs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..context import Context
from ..design import Design
from ..enums import Status, WeightClass
from ..params import Converter
from ..records import fast_init


@fast_init
@dataclass(frozen=True, slots=True)
class Issue:
    """One thing wrong with the design: where, what, how to fix it, and (optionally) its weight."""

    path: str
    message: str
    fix: str
    weight: WeightClass | None = None  # None: the criterion's weight


@fast_init
@dataclass(frozen=True, slots=True)
class CheckResult:
    """What a check concluded: a status, the issues behind a failure, and an optional note."""

    status: Status
    issues: tuple[Issue, ...] = ()
    note: str = ""  # why the check does not apply, or a summary for info criteria
    weight: WeightClass | None = None  # the criterion's weight for this design, when it differs


CheckFn = Callable[[Design, Mapping[str, Any], Context], CheckResult]


@dataclass(frozen=True)
class CheckSpec:
    """A registered check: its ID, function and declared parameters."""

    id: str
    fn: CheckFn
    params: Mapping[str, Converter] = field(default_factory=dict)


REGISTRY: dict[str, CheckSpec] = {}

#: Results that many designs share (module constants), by id: the engine builds the report entry of
#: each once per criterion instead of once per design, as it does for :data:`PASS`.
SHARED: dict[int, CheckResult] = {}


def shared(result: CheckResult) -> CheckResult:
    """Register a module-level result for reuse by every design (it stays alive, so its id is unique)."""
    SHARED[id(result)] = result
    return result


PASS = shared(CheckResult(Status.PASS))


def check(check_id: str, **params: Converter) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check ``check_id`` taking the declared parameters."""

    def register(fn: CheckFn) -> CheckFn:
        if check_id in REGISTRY:
            raise RuntimeError(f"check {check_id} is registered twice")
        REGISTRY[check_id] = CheckSpec(check_id, fn, params)
        return fn

    return register


def outcome_of(issues: Iterable[Issue], *, weight: WeightClass | None = None, note: str = "") -> CheckResult:
    """PASS when there are no issues, else FAIL with them."""
    found = tuple(issues)
    if not found:
        return PASS if weight is None and not note else CheckResult(Status.PASS, note=note, weight=weight)
    return CheckResult(Status.FAIL, found, note=note, weight=weight)


def fail(path: str, message: str, fix: str, weight: WeightClass | None = None) -> CheckResult:
    """FAIL with a single issue."""
    return CheckResult(Status.FAIL, (Issue(path, message, fix, weight),))


def not_applicable(note: str) -> CheckResult:
    """The check does not apply to this design; ``note`` says why."""
    return CheckResult(Status.NOT_APPLICABLE, note=note)


def shared_not_applicable(note: str) -> CheckResult:
    """A :func:`not_applicable` result with a fixed note, made once at import and reused (see SHARED)."""
    return shared(not_applicable(note))


NSQF_ONLY = shared_not_applicable("Only for NSQF-aligned designs.")  # A06 and N07


def fmt(value: float | None) -> str:
    """A number for people: ``2`` not ``2.0``, at most two decimals; "nothing" for None."""
    if value is None:
        return "nothing"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def plural(n: float, word: str, many: str | None = None) -> str:
    """``"1 outcome"``, ``"3 outcomes"``."""
    return f"{fmt(n)} {word if n == 1 else (many or word + 's')}"


def either(items: Iterable[str]) -> str:
    """``"a, b or c"`` from schema values such as ``case_study`` (underscores become spaces)."""
    words = [i.replace("_", " ") for i in sorted(items)]
    return " or ".join(filter(None, (", ".join(words[:-1]), words[-1]))) if words else ""


def name(kind: str, item_id: str, index: int) -> str:
    """How a message names an item: ``"Outcome LO3"``, or ``"Outcome #3"`` when it has no id."""
    return f"{kind} {item_id}" if item_id else f"{kind} #{index + 1}"


def quote(text: str, limit: int = 60) -> str:
    """Shorten a design text for quoting inside a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
