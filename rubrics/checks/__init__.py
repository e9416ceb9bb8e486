"""All automated checks, registered by ID in :data:`REGISTRY` when this package is imported.

One module per area of checks.md, so each stays short and reads like its catalogue section.
"""

from __future__ import annotations

from . import alignment, assessment, completeness, inclusion, ncrf, outcomes, provision, recognition, workload
from .base import REGISTRY, CheckResult, CheckSpec, Issue, check

__all__ = ["REGISTRY", "CheckResult", "CheckSpec", "Issue", "check"]

# The modules register themselves on import; keep references so linters see them used.
_MODULES = (alignment, assessment, completeness, inclusion, ncrf, outcomes, provision, recognition, workload)
