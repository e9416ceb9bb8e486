"""Faster construction for the engine's frozen, slotted dataclasses (issue 10).

Why: a frozen dataclass's generated ``__init__`` stores each field with
``object.__setattr__(self, name, value)``, the generic attribute path (a method lookup, then a search of
the class for the name's descriptor), at about 100 ns a field.  Scoring one design builds some 600
fields of such records (the design's rows, one analysis per outcome, the context, the report entries),
which was a fifth of the instructions per benchmark design.  :func:`fast_init` gives the class an
``__init__`` with the same parameters and defaults that stores each field through the slot's own
descriptor (the ``member_descriptor`` that ``slots=True`` made for it): the same store, without the
generic lookup, about a third of the time.

Everything else stays the dataclass's own: assignment still raises ``FrozenInstanceError`` (the class's
``__setattr__`` is untouched), and equality, hashing, ``repr``, ``replace()`` and ``fields()`` work as
before.  Only plain records qualify: a ``__post_init__``, an ``init=False`` field, a keyword-only field
or a ``default_factory`` is refused at import time rather than silently skipped.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any, TypeVar

_T = TypeVar("_T")


def fast_init(cls: type[_T]) -> type[_T]:
    """Replace the ``__init__`` of a frozen, slotted dataclass by one that sets the slots directly."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in vars(cls):
        raise TypeError(f"fast_init needs a frozen, slotted dataclass, not {cls.__name__}")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"fast_init cannot run {cls.__name__}.__post_init__")
    namespace: dict[str, Any] = {}
    arguments: list[str] = []
    stores: list[str] = []
    for f in fields(cls):  # type: ignore[arg-type]
        if not f.init or f.kw_only or f.default_factory is not MISSING:
            raise TypeError(f"fast_init supports plain positional fields only ({cls.__name__}.{f.name})")
        if f.default is MISSING:
            arguments.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            arguments.append(f"{f.name}=_default_{f.name}")
        namespace[f"_set_{f.name}"] = vars(cls)[f.name].__set__  # the slot's member descriptor
        stores.append(f"    _set_{f.name}(self, {f.name})")
    source = f"def __init__(self, {', '.join(arguments)}):\n" + ("\n".join(stores) or "    pass") + "\n"
    exec(source, namespace)  # as dataclasses itself builds __init__: one plain function, no *args
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = dict(cls.__init__.__annotations__)  # type: ignore[misc]
    init.__doc__ = cls.__init__.__doc__  # type: ignore[misc]
    cls.__init__ = init  # type: ignore[misc]
    return cls
