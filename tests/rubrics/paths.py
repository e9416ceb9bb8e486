"""Where the shared contract (the schema and the example design) lives for the rubric tests.

It sits beside the project (``../shared``); from a git worktree nested one level deeper, beside the
nearest ancestor that has it.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = next(
    (d / "shared" for d in ROOT.parents if (d / "shared" / "spec").is_dir()), ROOT.parent / "shared"
)
EXAMPLE_PATH = SHARED / "spec" / "examples" / "digital-marketing-analytics.json"
SCHEMA_PATH = SHARED / "spec" / "design.schema.json"
