"""Hypothesis strategies for schema-valid design documents with consistent cross-references.

Ids are unique per list and every outcome an activity, assessment, resource or translation names
exists. Text mixes Latin and Devanagari (Hindi) letters; numbers include halves like 2.5.
"""

from hypothesis import strategies as st

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
DEVANAGARI = "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसहािीुूेैोौंः्"
TEXT_ALPHABET = LETTERS + DEVANAGARI + "0123456789 .,;:'()-–?!&%/\"<>"


def text(min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Short human text in English and Hindi letters (with quotes and angle brackets, to test escaping)."""
    return st.text(alphabet=TEXT_ALPHABET, min_size=min_size, max_size=max_size)


def fractions(low: float, high: float, step: float = 0.25) -> st.SearchStrategy[float | int]:
    """Numbers like 2, 2.5 or 12.25 (multiples of `step`) between low and high."""
    steps = st.integers(round(low / step), round(high / step)).map(lambda n: n * step)
    return st.one_of(st.integers(int(low), int(high)), steps).filter(lambda x: low <= x <= high)


def local_ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{n}" for n in range(1, count + 1)]


def _optional(draw, mapping: dict) -> dict:
    """Keep a random subset of the optional keys."""
    return {key: draw(value) for key, value in mapping.items() if draw(st.booleans())}


@st.composite
def designs(draw) -> dict:
    """A complete, schema-valid design document."""
    outcome_ids = local_ids("LO", draw(st.integers(1, 5)))
    refs = st.lists(st.sampled_from(outcome_ids), unique=True, max_size=len(outcome_ids))
    outcomes = [
        {"id": i, "text": draw(text(1, 80))} | _optional(draw, {"nos": st.lists(text(1, 10), max_size=2)})
        for i in outcome_ids
    ]
    activities = [
        {
            "id": i,
            "title": draw(text(1)),
            "kind": draw(
                st.sampled_from(["lecture", "lab", "project", "e_tutorial", "self_study", "internship"])
            ),
            "hours": draw(fractions(0, 60)),
        }
        | _optional(draw, {"week": st.integers(1, 12), "outcomes": refs})
        for i in local_ids("A", draw(st.integers(0, 4)))
    ]
    assessments = [
        {
            "id": i,
            "title": draw(text(1)),
            "kind": draw(st.sampled_from(["quiz", "project", "viva", "portfolio"])),
            "purpose": draw(st.sampled_from(["formative", "summative"])),
        }
        | _optional(
            draw,
            {
                "weight": fractions(0, 100),
                "hours": fractions(0, 20),
                "criteria": text(),
                "supervision": st.sampled_from(["unsupervised", "supervised_id_verified"]),
                "outcomes": refs,
            },
        )
        for i in local_ids("AS", draw(st.integers(0, 3)))
    ]
    resources = [
        {"title": draw(text(1)), "kind": draw(st.sampled_from(["video", "text", "dataset"]))}
        | _optional(
            draw,
            {
                "url": st.just("https://example.org/r"),
                "licence": st.just("CC BY 4.0"),
                "accessible": st.booleans(),
                "outcomes": refs,
            },
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    document = {
        "schema_version": "1",
        "title": draw(text(1, 60)),
        "summary": draw(text(1, 120)),
        "awarding_body": {"name": draw(text(1))}
        | _optional(draw, {"country": st.just("IN"), "region": text()}),
        "level": {
            "framework": draw(st.sampled_from(["NCrF", "NSQF"])),
            "value": draw(fractions(1, 8, step=0.5)),
        },
        "credits": draw(fractions(0.5, 40)),
        "delivery_mode": draw(st.sampled_from(["online", "onsite", "hybrid", "blended", "work_based"])),
        "outcomes": outcomes,
        "activities": activities,
        "assessments": assessments,
    }
    document |= _optional(
        draw,
        {
            "code": text(max_size=20),
            "purpose": text(),
            "prerequisites": text(),
            "tags": st.lists(text(1, 20), max_size=3),
            "languages": st.lists(st.sampled_from(["en", "hi", "ta"]), unique=True, max_size=3),
            "duration_weeks": st.integers(1, 52),
            "isced_f": st.sampled_from(["04", "041", "0414", "0613"]),
            "eqf_level": st.integers(1, 8),
            "resources": st.just(resources),
            "grading": st.fixed_dictionaries({"pass_mark": fractions(0, 100)}),
            "stackability": st.fixed_dictionaries({"mode": st.sampled_from(["standalone", "stackable"])}),
            "recognition": st.lists(
                st.sampled_from(["academic_credit", "industry"]), unique=True, max_size=2
            ),
            "translations": st.fixed_dictionaries(
                {
                    "hi": st.fixed_dictionaries(
                        {
                            "title": text(1),
                            "outcomes": st.dictionaries(st.sampled_from(outcome_ids), text(1), max_size=2),
                        }
                    )
                }
            ),
        },
    )
    return document
