"""R01-R03: can the credential stack, is it recognised, are partnerships on record?

Facts: standards.md §4.2 (optional element 4: integration/stackability), §4.3 (principles
"Learning pathways" and "Recognition"), §5.2 (NMF: industry recognition), §2.2 (UGC: courses with
industry need approval; partners), §1.4 (ABC stores and accumulates credits).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import params as p
from ..context import Context
from ..design import Design
from .base import PASS, CheckResult, Issue, check, fail, fmt, outcome_of, shared_not_applicable

# Fixed "not applicable" results, shared by every design (see base.SHARED).
_NO_PARTNER = shared_not_applicable("The design names no industry partner.")

_RECOGNITION = ("academic_credit", "rpl", "industry", "professional_body", "vendor_certification", "none")


@check("R01")
def stackability(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """R01: stackability declared; a stackable design names its target and counts at most its credits."""
    s = design.stackability
    if s is None:
        return fail(
            "stackability",
            "The design does not say whether it stands alone or stacks towards a larger qualification.",
            "Declare it, e.g. stackable towards 'B.Com (Honours), skill-enhancement "
            "basket' with 2 credits counted.",
        )
    if s.mode == "standalone":
        return PASS
    if s.mode != "stackable":
        return fail(
            "stackability.mode",
            "The stackability mode is not stated as standalone or stackable.",
            "Choose standalone or stackable.",
        )
    issues = []
    if not s.target:
        issues.append(
            Issue(
                "stackability.target",
                "The design is stackable but does not name what it stacks towards.",
                "Name the programme or qualification, e.g. 'B.Com (Honours), "
                "skill-enhancement course basket'.",
            )
        )
    if (
        s.credits_counted is not None
        and design.credits is not None
        and s.credits_counted > design.credits + 1e-9
    ):
        issues.append(
            Issue(
                "stackability.credits_counted",
                f"The design counts {fmt(s.credits_counted)} credits "
                f"towards its target but only carries {fmt(design.credits)}.",
                f"Count at most {fmt(design.credits)} credits towards the target.",
            )
        )
    return outcome_of(issues)


@check("R02")
def recognition(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """R02: recognition declared."""
    if any(r in _RECOGNITION for r in design.recognition):
        return PASS
    return fail(
        "recognition",
        "The design does not say who recognises the credential.",
        "Declare its recognition, e.g. academic credit and industry recognition (or 'none').",
    )


@check("R03", partner_kinds=p.kinds(p.PARTNER_KINDS))
def partner_agreements(design: Design, params: Mapping[str, Any], ctx: Context) -> CheckResult:
    """R03: every industry partner has an agreement reference."""
    partners = [x for x in design.partners if x.kind in params["partner_kinds"]]
    if not partners:
        return _NO_PARTNER
    return outcome_of(
        Issue(
            f"partners[{x.index}].agreement",
            f"Partner {x.name or '#' + str(x.index + 1)} has no agreement reference on record.",
            "Add the MoU or letter reference, e.g. 'MoU 2026/14'.",
        )
        for x in partners
        if not x.agreement
    )
