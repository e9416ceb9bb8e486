"""Hypothesis strategies: schema-valid designs, half-filled drafts and arbitrary JSON.

``designs()`` follows shared/spec/design.schema.json (a test validates its output with
jsonschema); ids are drawn so that activities, assessments and resources usually point at real
outcomes, and outcome texts mix realistic sentences (stems, lexicon verbs, vague phrases) with
random text, so that the interesting branches of the checks are exercised.  ``drafts()`` takes a
valid design and breaks it the way editors and imports do: missing keys, ``None``, empty values,
wrong types and partial rows.  Sizes are kept small so that the suite stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

LEVELS = [x / 2 for x in range(2, 17)]  # 1 to 8 in steps of 0.5
# The enumerations come from the schema itself, so the strategies follow it when it changes.
_SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "designer" / "designs" / "design.schema.json")
                     .read_text(encoding="utf-8"))["properties"]
ACTIVITY_KINDS = _SCHEMA["activities"]["items"]["properties"]["kind"]["enum"]
ASSESSMENT_KINDS = _SCHEMA["assessments"]["items"]["properties"]["kind"]["enum"]
RESOURCE_KINDS = _SCHEMA["resources"]["items"]["properties"]["kind"]["enum"]
LANGS = ["en", "hi", "ta", "mr", "bn", "en-IN"]
STEMS = [
    "",
    "Learners will be able to ",
    "On completion, learners will be able to ",
    "Students will ",
    "The learner can ",
    "LO1: ",
    "This course covers ",
]
VERBS = [
    "Explain",
    "analyse",
    "Analyze",
    "Design",
    "evaluate",
    "Understand",
    "Be aware of",
    "Know",
    "Discuss",
    "Demonstrate understanding of",
    "Critically evaluate",
    "Select",
    "List",
    "Create",
    "Apply",
    "Identify",
]
OBJECTS = [
    "the marketing funnel",
    "campaign data and report the findings",
    "a survey",
    "SEO tools",
    "budget changes for a campaign",
    "the value of branding",
    "how models learn",
]

plain_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)
ids = st.builds(
    str.__add__, st.sampled_from("ALSaz"), st.text("abcXYZ0123456789_-", max_size=15)
)  # the schema's localId pattern
hours = st.one_of(st.integers(0, 60), st.floats(0, 1200, allow_nan=False, allow_infinity=False))


def _text(max_size: int) -> st.SearchStrategy[str]:
    return st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=max_size)


outcome_text = st.one_of(
    st.builds(
        lambda s, v, o: f"{s}{v} {o}.",
        st.sampled_from(STEMS),
        st.sampled_from(VERBS),
        st.sampled_from(OBJECTS),
    ),
    _text(120),
)


def _row(required: dict[str, Any], optional: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(required, optional=optional)


@st.composite
def designs(draw: st.DrawFn) -> dict[str, Any]:
    """A design that validates against design.schema.json."""
    outcome_ids = draw(
        st.lists(st.one_of(st.sampled_from([f"LO{i}" for i in range(1, 9)]), ids), max_size=6, unique=True)
    )
    refs = st.lists(st.sampled_from(outcome_ids), max_size=3) if outcome_ids else st.just([])
    maybe_refs = st.one_of(refs, st.lists(ids, max_size=2))
    outcomes = [
        draw(
            _row(
                {"id": st.just(i), "text": outcome_text},
                {"nos": st.lists(st.sampled_from(["N01", "N02"]), max_size=2)},
            )
        )
        for i in outcome_ids
    ]
    activities = draw(
        st.lists(
            _row(
                {"id": ids, "title": plain_text, "kind": st.sampled_from(ACTIVITY_KINDS), "hours": hours},
                {"week": st.integers(1, 104), "outcomes": maybe_refs},
            ),
            max_size=6,
        )
    )
    assessments = draw(
        st.lists(
            _row(
                {
                    "id": ids,
                    "title": plain_text,
                    "kind": st.sampled_from(ASSESSMENT_KINDS),
                    "purpose": st.sampled_from(["formative", "summative"]),
                },
                {
                    "weight": st.integers(0, 100),
                    "hours": st.integers(0, 400),
                    "criteria": st.text(max_size=40),
                    "supervision": st.sampled_from(["unsupervised", "supervised", "supervised_id_verified"]),
                    "outcomes": maybe_refs,
                },
            ),
            max_size=4,
        )
    )
    resources = st.lists(
        _row(
            {"title": plain_text, "kind": st.sampled_from(RESOURCE_KINDS)},
            {
                "url": st.text(max_size=30),
                "licence": st.text(max_size=20),
                "accessible": st.booleans(),
                "outcomes": maybe_refs,
            },
        ),
        max_size=3,
    )
    translation = _row(
        {},
        {
            "title": st.text(max_size=40),
            "summary": st.text(max_size=40),
            "outcomes": st.dictionaries(
                st.sampled_from(outcome_ids or ["LO1"]), st.text(max_size=40), max_size=3
            ),
        },
    )
    optional = {
        "code": st.text(max_size=40),
        "purpose": st.text(max_size=200),
        "target_learners": st.text(max_size=80),
        "prerequisites": st.sampled_from(["None", "", "Basic spreadsheets"]),
        "field_of_study": st.text(max_size=40),
        "tags": st.lists(st.text(max_size=20), max_size=3),
        "languages": st.lists(st.sampled_from(LANGS), max_size=3),
        "partners": st.lists(
            _row(
                {"name": plain_text, "kind": st.sampled_from(["industry", "ngo", "other"])},
                {"role": st.text(max_size=20), "agreement": st.text(max_size=20)},
            ),
            max_size=2,
        ),
        "need_evidence": st.lists(
            _row(
                {
                    "kind": st.sampled_from(["employer_letter", "learner_survey", "other"]),
                    "description": plain_text,
                },
                {"source": st.text(max_size=20)},
            ),
            max_size=2,
        ),
        "nsqf": _row(
            {},
            {
                "qp_code": st.text(max_size=10),
                "nos": st.lists(
                    _row({"code": st.sampled_from(["N01", "N02", "N03"])}, {"title": st.text(max_size=20)}),
                    max_size=3,
                ),
            },
        ),
        "duration_weeks": st.integers(1, 104),
        "resources": resources,
        "grading": _row({}, {"scheme": st.text(max_size=20), "pass_mark": st.integers(0, 100)}),
        "quality_assurance": _row(
            {},
            {
                "approving_body": st.text(max_size=20),
                "process": st.text(max_size=20),
                "review_cycle_months": st.integers(1, 120),
            },
        ),
        "stackability": _row(
            {"mode": st.sampled_from(["standalone", "stackable"])},
            {"target": st.text(max_size=20), "credits_counted": st.integers(0, 40)},
        ),
        "recognition": st.lists(st.sampled_from(["academic_credit", "rpl", "industry", "none"]), max_size=3),
        "accessibility": st.text(max_size=40),
        "integrity": st.text(max_size=40),
        "translations": st.dictionaries(st.sampled_from(LANGS), translation, max_size=2),
    }
    required = {
        "schema_version": st.just("1"),
        "title": _text(60),
        "summary": _text(60),
        "awarding_body": _row(
            {"name": plain_text}, {"country": st.sampled_from(["IN", "GB"]), "abc_id": st.text(max_size=20)}
        ),
        "level": st.fixed_dictionaries(
            {"framework": st.sampled_from(["NCrF", "NSQF"]), "value": st.sampled_from(LEVELS)}
        ),
        "credits": st.one_of(st.sampled_from([0.5, 1, 2, 4]), st.floats(0, 40, exclude_min=True)),
        "delivery_mode": st.sampled_from(["online", "onsite", "hybrid", "blended", "work_based"]),
        "outcomes": st.just(outcomes),
        "activities": st.just(activities),
        "assessments": st.just(assessments),
    }
    return draw(st.fixed_dictionaries(required, optional=optional))


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(max_size=10),
    st.floats(allow_nan=True, allow_infinity=True),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def _broken(draw: st.DrawFn, value: Any) -> Any:
    """The value kept, emptied, set to None or replaced by something of the wrong type."""
    choice = draw(st.sampled_from(["keep", "keep", "none", "empty", "junk"]))
    if choice == "keep":
        return value
    if choice == "none":
        return None
    if choice == "empty":
        return type(value)() if isinstance(value, list | dict | str) else 0
    return draw(json_values)


@st.composite
def drafts(draw: st.DrawFn) -> dict[str, Any]:
    """A half-filled draft: a valid design with keys dropped or broken and rows made partial."""
    design = draw(designs())
    result: dict[str, Any] = {}
    for key, value in design.items():
        if draw(st.booleans()) and draw(st.booleans()):
            continue  # a quarter of the keys go missing
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = [
                {k: v for k, v in row.items() if draw(st.booleans())} if draw(st.booleans()) else row
                for row in value
            ]
            if draw(st.booleans()):
                value.append(draw(json_values))  # a junk row
        result[key] = draw(_broken(value))
    return result
