"""Small, composable edits of a design dict, for table-driven tests ("set this path", "drop that key").

Paths use the same form as report findings: ``assessments[1].outcomes``, ``translations.hi.title``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

Mutation = Callable[[dict[str, Any]], None]


def _parent(design: dict[str, Any], path: str) -> tuple[Any, Any]:
    """The container holding the last step of ``path`` ("a.b[2].c") and that step's key."""
    steps: list[Any] = []
    for part in path.split("."):
        name, _, rest = part.partition("[")
        steps.append(name)
        steps += [int(i) for i in rest.rstrip("]").split("][")] if rest else []
    node: Any = design
    for step in steps[:-1]:
        node = node[step]
    return node, steps[-1]


def put(path: str, value: Any) -> Mutation:
    """Set a fresh copy of ``value`` at ``path``.

    A copy each time, because a mutation is shared by every case (and every run) that uses it: a later
    step of one case that edits the value it put (``nsqf.qp_code`` inside the ``nsqf`` table) must not
    change what the next case gets.
    """

    def mutate(design: dict[str, Any]) -> None:
        node, key = _parent(design, path)
        node[key] = copy.deepcopy(value)

    return mutate


def drop(path: str) -> Mutation:
    """Delete the key (or list item) at ``path``."""

    def mutate(design: dict[str, Any]) -> None:
        node, key = _parent(design, path)
        del node[key]

    return mutate


def each(*mutations: Mutation) -> Mutation:
    """Apply several mutations in order."""

    def mutate(design: dict[str, Any]) -> None:
        for m in mutations:
            m(design)

    return mutate


def keep(design: dict[str, Any]) -> None:
    """No change: the sound design."""
