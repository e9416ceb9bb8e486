"""Public rubric loading: by id from the shipped and institution directories, or from a file.

Why separate from :mod:`rubrics.loader`: the loader validates *one* file; this module resolves
``extends`` chains, merges a file over its base, checks that the result is complete (every
parameter of every check present) and finds rubrics by id.  Institution directories are searched
before the shipped ``data/rubrics`` so an institution can add, extend or shadow rubrics.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import params as p
from .checks import REGISTRY
from .lexicon_files import load_lexicon
from .loader import LEXICON_DIR, LEXICON_FILES, RUBRIC_ID, SHIPPED_DIR, RubricLayer, parse_rubric_file
from .rubric import Criterion, ManualCriterion, Rubric
from .tomlfile import RubricError

#: The rubric used when none is named (the CLI, the web page).
DEFAULT_RUBRIC = "institution-default"


def _dirs(extra_dirs: Sequence[Path | str]) -> list[Path]:
    return [Path(d) for d in extra_dirs] + [SHIPPED_DIR]


def _find(rubric_id: str, dirs: Sequence[Path], skip: Path | None = None) -> Path | None:
    if not RUBRIC_ID.match(rubric_id):
        return None
    for directory in dirs:
        candidate = directory / f"{rubric_id}.toml"
        if candidate.is_file() and (skip is None or candidate.resolve() != skip):
            return candidate
    return None


def _merge_entry(
    layer: RubricLayer,
    kind: str,
    entry_id: str,
    own: dict[str, Any] | None,
    base: dict[str, Any] | None,
    required: Sequence[str],
) -> dict[str, Any]:
    merged = {**(base or {}), **(own or {})}
    if kind == "criteria":
        merged["params"] = {**(base or {}).get("params", {}), **(own or {}).get("params", {})}
    missing = [k for k in required if k not in merged]
    if missing:
        raise layer.fail(f"[{kind}.{entry_id}] needs {', '.join(missing)}", (kind, entry_id))
    return merged


def _criteria(layer: RubricLayer, base: Rubric | None) -> tuple[Criterion, ...]:
    inherited = {
        c.id: {"title": c.title, "weight": c.weight, "source": c.source, "params": dict(c.params)}
        for c in (base.criteria if base else ())
    }
    keep = layer.meta["inherit_criteria"]
    ids = [i for i in inherited if keep and i not in layer.meta["exclude"]]
    ids += [i for i in layer.criteria if i not in ids]
    result = []
    for check_id in ids:
        entry = _merge_entry(
            layer,
            "criteria",
            check_id,
            layer.criteria.get(check_id),
            inherited.get(check_id),
            ("title", "weight", "source"),
        )
        missing = sorted(set(REGISTRY[check_id].params) - set(entry["params"]))
        if missing:
            raise layer.fail(
                f"[criteria.{check_id}] lacks parameter(s) {', '.join(missing)}", ("criteria", check_id)
            )
        result.append(Criterion(check_id, entry["title"], entry["weight"], entry["source"], entry["params"]))
    if not result:
        raise layer.fail("the rubric has no criteria")
    return tuple(result)


def _manual(layer: RubricLayer, base: Rubric | None) -> tuple[ManualCriterion, ...]:
    inherited = {
        m.id: {"title": m.title, "guidance": m.guidance, "weight": m.weight}
        for m in (base.manual if base and layer.meta["inherit_criteria"] else ())
    }
    ids = list(inherited) + [i for i in layer.manual if i not in inherited]
    result = []
    for manual_id in ids:
        entry = _merge_entry(
            layer,
            "manual",
            manual_id,
            layer.manual.get(manual_id),
            inherited.get(manual_id),
            ("title", "guidance", "weight"),
        )
        result.append(ManualCriterion(manual_id, entry["title"], entry["guidance"], entry["weight"]))
    return tuple(result)


def _build(layer: RubricLayer, base: Rubric | None) -> Rubric:
    params = {**(base.params if base else {}), **layer.params}
    missing = sorted(set(p.GLOBAL_PARAMS) - set(params))
    if missing:
        raise layer.fail(f"[params] lacks {', '.join(missing)}", ("params",))
    level_table = layer.level_table or (base.level_table if base else None)
    if not level_table:
        raise layer.fail("the rubric needs a [[level_table]]")
    threshold = layer.meta.get("pass_threshold", base.pass_threshold if base else None)
    if threshold is None:
        raise layer.fail("the rubric needs pass_threshold")
    defaults = base.lexicon.paths if base else tuple(LEXICON_DIR / n for n in LEXICON_FILES.values())
    bloom, vague, words = (layer.lexicon.get(k, d) for k, d in zip(LEXICON_FILES, defaults, strict=True))
    meta = layer.meta
    return Rubric(
        id=meta["id"],
        title=meta["title"],
        version=meta["version"],
        date=meta["date"],
        description=meta["description"] or (base.description if base else ""),
        pass_threshold=threshold,
        params=params,
        level_table=level_table,
        criteria=_criteria(layer, base),
        manual=_manual(layer, base),
        lexicon=load_lexicon(bloom, vague, words),
        path=str(layer.path),
        extends=meta.get("extends", ""),
    )


def _load(path: Path, dirs: Sequence[Path], chain: tuple[str, ...]) -> Rubric:
    layer = parse_rubric_file(path)
    base_id = layer.meta.get("extends")
    base = None
    if base_id:
        if base_id in chain + (layer.meta["id"],):
            raise layer.fail(
                f"extends '{base_id}' makes a loop ({' -> '.join(chain + (layer.meta['id'], base_id))})",
                (),
                "extends",
            )
        base_path = _find(base_id, dirs, skip=path.resolve())
        if base_path is None:
            raise layer.fail(f"extends unknown rubric '{base_id}'", (), "extends")
        base = _load(base_path, dirs, chain + (layer.meta["id"],))
    return _build(layer, base)


def load_rubric_file(path: Path | str, extra_dirs: Sequence[Path | str] = ()) -> Rubric:
    """Load and validate one rubric file; ``extends`` is resolved in ``extra_dirs`` then the shipped rubrics.

    Raises:
        RubricError: the file is unreadable, invalid TOML, or not a valid rubric (the message names
            the file and, where known, the line).
    """
    return _load(Path(path), _dirs(extra_dirs), ())


def load_rubric(rubric_id: str, extra_dirs: Sequence[Path | str] = ()) -> Rubric:
    """Load the rubric ``<rubric_id>.toml`` from ``extra_dirs`` (first) or the shipped rubrics.

    Raises:
        RubricError: no such rubric, or the file is invalid.
    """
    dirs = _dirs(extra_dirs)
    path = _find(rubric_id, dirs)
    if path is None:
        known = ", ".join(sorted({f.stem for d in dirs if d.is_dir() for f in d.glob("*.toml")}))
        raise RubricError(f"unknown rubric '{rubric_id}' (available: {known or 'none'})")
    return _load(path, dirs, ())


def list_rubrics(extra_dirs: Sequence[Path | str] = ()) -> list[Rubric]:
    """Every rubric available (institution directories shadow shipped ids), sorted by id.

    Raises:
        RubricError: one of the files is invalid (a broken rubric should not go unnoticed).
    """
    dirs = _dirs(extra_dirs)
    found: dict[str, Path] = {}
    for directory in dirs:
        for path in sorted(directory.glob("*.toml")) if directory.is_dir() else ():
            found.setdefault(path.stem, path)
    return [_load(found[rubric_id], dirs, ()) for rubric_id in sorted(found)]
