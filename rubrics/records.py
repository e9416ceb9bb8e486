"""``@record``: a frozen dataclass with a faster ``__init__``.

Why: scoring one design creates a hundred or so small immutable objects (design rows, outcome
analyses, issues, findings, criterion results).  A ``@dataclass(frozen=True)`` ``__init__`` sets
each field through ``object.__setattr__``, one call per field, which made object creation a
quarter of the scoring time.  ``@record`` keeps everything the dataclass generates (repr,
equality, hashing, the frozen ``__setattr__`` that raises ``FrozenInstanceError``, ``fields()``,
``replace()``) and only swaps ``__init__`` for one with the same signature and defaults that writes
straight into the instance ``__dict__``.  It does not support ``default_factory``,
``__post_init__`` or ``slots``; the decorator refuses them rather than silently ignoring them.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar, dataclass_transform

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True)
def record(cls: type[_T]) -> type[_T]:
    """Make ``cls`` a frozen dataclass whose ``__init__`` writes its fields straight into ``__dict__``."""
    cls = dataclasses.dataclass(frozen=True)(cls)
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"@record does not run __post_init__ ({cls.__name__})")
    names, defaults = [], {}
    for f in dataclasses.fields(cls):
        if f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"@record does not support default_factory ({cls.__name__}.{f.name})")
        names.append(f.name)
        if f.default is not dataclasses.MISSING:
            defaults[f"_default_{f.name}"] = f.default
    params = ", ".join(f"{n}=_default_{n}" if f"_default_{n}" in defaults else n for n in names)
    assignments = "".join(f"    d[{n!r}] = {n}\n" for n in names)
    source = f"def __init__(self, {params}):\n    d = self.__dict__\n{assignments}"
    namespace: dict[str, Any] = dict(defaults)
    exec(source, namespace)  # noqa: S102 - the same technique dataclasses uses to build __init__
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls
