"""The table helpers: a mutation gives the same design every time, whatever ran before it."""

from __future__ import annotations

import copy
from typing import Any

from mutations import drop, put
from test_rubric_checks import CASES

from rubrics import Rubric, Status, evaluate

_CASES = {str(c): c for c in CASES}


def test_put_gives_each_design_its_own_copy() -> None:
    """Editing what put() set in one design leaves the next design's value as declared."""
    mutation = put("nsqf", {"qp_code": "MKT/Q0101", "nos": [{"code": "MKT/N0101"}]})
    first: dict[str, Any] = {}
    mutation(first)
    first["nsqf"]["nos"][0]["code"] = "changed"
    drop("nsqf.qp_code")(first)
    second: dict[str, Any] = {}
    mutation(second)
    assert second == {"nsqf": {"qp_code": "MKT/Q0101", "nos": [{"code": "MKT/N0101"}]}}


def test_cases_pass_in_the_order_that_failed(example: dict[str, Any], default_rubric: Rubric) -> None:
    """N07-no-qp (which edits the nsqf table NSQF put) run before N07-nsqf-sound leaves it sound."""
    pristine = copy.deepcopy(example)
    _CASES["N07-no-qp"].mutate(example)
    _CASES["N07-nsqf-sound"].mutate(pristine)
    result = evaluate(default_rubric, pristine).result("N07")
    assert result is not None and result.status is Status.PASS, [f.message for f in result.findings]

