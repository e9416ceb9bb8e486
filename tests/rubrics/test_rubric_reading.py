"""Reading outcome statements the way an expert does: the families of issue 10, with its own examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rubrics import Rubric, evaluate, load_rubric
from rubrics.corpus import read_corpus
from rubrics.lexicon import Lexicon
from rubrics.reading import task_step


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_rubric("institution-default").lexicon


def _findings(rubric: Rubric, text: str, check: str) -> list[Any]:
    result = evaluate(rubric, {"outcomes": [{"id": "LO1", "text": text}]}).result(check)
    assert result is not None
    return list(result.findings)


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Upon completing this course, you will be able to chart the spread of dengue cases.", "chart"),
        (
            "On successful completion of the module a learner will be able to analyse a balance sheet.",
            "analyse",
        ),
        ("By the end of the course, students should be able to evaluate two vendors.", "evaluate"),
        ("CO1: Compute the bending moment of a beam.", "compute"),
        ("1. Plan a field visit.", "plan"),
        ("(a) Prepare a trial balance.", "prepare"),
        ("ii) Summarise a judgment.", "summarise"),
        ("\u2022 Configure a router.", "configure"),
        ("2.1 Use a vernier calliper.", "use"),
        ("Teachers who complete this module will be able to design a rubric.", "design"),
    ],
)
def test_family1_lead_in_frames_and_numbering_are_stripped(lexicon: Lexicon, text: str, verb: str) -> None:
    """The performance is found after the frame, and the frame is never course-side (O04)."""
    analysis = lexicon.analyse(text)
    assert analysis.verb == verb and analysis.course_side == ()


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Given a floor plan and absorption data, calculate the reverberation time.", "calculate"),
        ("Using a spreadsheet, forecast monthly sales.", "forecast"),
        ("For a given load, select a beam section.", "select"),
        ("Under supervision, administer an intramuscular injection.", "administer"),
        ("Given a case history, learners will be able to diagnose the likely cause.", "diagnose"),
    ],
)
def test_family2_leading_condition_is_set_aside(lexicon: Lexicon, text: str, verb: str) -> None:
    assert lexicon.analyse(text).verb == verb


@pytest.mark.parametrize(
    "text",
    [
        "Explain how recommender systems learn from ratings.",
        "Advise a client so that they understand the risks.",
        "Describe what employers know about graduate skills.",
        "Design activities that help pupils understand fractions.",
    ],
)
def test_family3_a_vague_word_of_someone_else_is_no_finding(rubric: Rubric, text: str) -> None:
    assert _findings(rubric, text, "O02") == [] and _findings(rubric, text, "O01") == []


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Apply knowledge of copyright to decide whether a reuse is fair.", ""),
        ("Acquire knowledge of the functions of the RBI.", "acquire knowledge"),
        ("Develop an understanding of cost accounting.", "develop an understanding"),
        ("Gain familiarity with Linux tools.", "gain familiarity"),
        ("Have a working knowledge of SEO.", "have a working knowledge"),
    ],
)
def test_family4_knowledge_of_after_a_real_verb(lexicon: Lexicon, text: str, vague: str) -> None:
    analysis = lexicon.analyse(text)
    assert [h.phrase for h in analysis.vague] == ([vague] if vague else [])
    assert bool(analysis.verb) is not bool(vague)


@pytest.mark.parametrize(
    ("text", "likely"),
    [
        ("Develop a marketing plan for a local shop.", 6),
        ("Build a REST API for a library.", 6),
        ("Develop skills in negotiation.", None),
        ("Develop the ability to write clear reports.", None),
        ("Build proficiency in Git.", None),
    ],
)
def test_family5_develop_and_build(lexicon: Lexicon, text: str, likely: int | None) -> None:
    """A product to develop is Create; 'develop skills in' is no performance, so it never counts as Create."""
    analysis = lexicon.analyse(text)
    assert analysis.likely == likely
    assert bool(analysis.vague) is (likely is None) and bool(analysis.levels) is (likely is not None)


def test_family5_develop_skills_does_not_reach_create_for_o05(rubric: Rubric) -> None:
    design = {
        "level": {"framework": "NCrF", "value": 6},
        "outcomes": [{"id": "LO1", "text": "Develop skills in design."}],
    }
    o05 = evaluate(rubric, design).result("O05")
    assert o05 is not None and o05.status.value == "fail"


@pytest.mark.parametrize(
    ("text", "likely", "levels"),
    [
        ("Write SQL queries that join two tables.", 3, (3,)),
        ("Write a short story set in Kolkata.", 6, (6,)),
        ("Determine the pH of a buffer.", 3, (3,)),
        ("Determine the most suitable pricing policy for a service.", 5, (5,)),
        ("Perform a titration.", 3, (3,)),
        ("Explain the campaign results.", 2, (2, 4)),
    ],
)
def test_family6_the_object_decides_the_level(
    lexicon: Lexicon, text: str, likely: int, levels: tuple[int, ...]
) -> None:
    analysis = lexicon.analyse(text)
    assert (analysis.likely, analysis.levels) == (likely, levels)


def test_family6_a04_uses_the_likely_level(rubric: Rubric, example: dict[str, Any]) -> None:
    """An MCQ can test 'Determine the pH of a buffer' (Apply), though 'determine' can be Evaluate."""
    example["outcomes"][3]["text"] = "Determine the pH of a buffer solution with a pH meter."
    example["assessments"][2]["kind"] = "mcq_exam"
    assert evaluate(rubric, example).result("A04").status.value == "not_applicable"  # type: ignore[union-attr]
    example["outcomes"][3]["text"] = "Determine the best pricing strategy for a new product."
    assert evaluate(rubric, example).result("A04").status.value == "fail"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "Communicate findings to a lay audience.",
        "Frame a research question.",
        "Ask open questions in an interview.",
        "Programmatically load a CSV file into a data frame.",
        "Troubleshoot a printer.",
        "Negotiate a contract in a role play.",
        "Triage patients with the START protocol.",
        "Pitch a product idea.",
        "Moderate an online forum.",
        "Calibrate a pH meter.",
        "Incubate eggs at the right humidity.",  # not listed: read through the dictionary at Apply
    ],
)
def test_family7_real_performance_verbs_are_known(rubric: Rubric, text: str) -> None:
    assert _findings(rubric, text, "O01") == []


@pytest.mark.parametrize(
    ("text", "compound"),
    [
        ("Analyse, interpret and critically evaluate published research.", (",", "interpret")),
        ("Articulate and critically analyse the themes of a novel.", ("and", "analyse")),
        ("Effectively use and appropriately cite scholarly sources.", ("and", "cite")),
        ("Demonstrate knowledge of tax slabs and proficiency in e-filing.", None),
        ("Dismantle and reassemble a carburettor.", None),  # two steps of one Apply procedure
        ("Use Git to create branches and merge changes.", None),  # the purpose of the use
        # practical steps and checks on one object are one routine; an analysis or design is not
        ("Install and test domestic wiring.", None),
        ("Locate and repair open-circuit faults.", None),
        ("Design and test a REST API.", ("and", "test")),
        ("Prepare and analyse financial statements.", ("and", "analyse")),
        # a second verb that keeps the first's record, or checks an Apply practical's result
        ("Operate a pasteuriser and maintain its temperature records.", None),
        ("Survey a farm and prepare an action plan.", ("and", "prepare")),
        ("Fit a regression model and test the significance of the slope.", None),
        ("Design a circuit and test it on a breadboard.", ("and", "test")),
        # a preparatory first step belongs to the practical after it
        ("Calibrate a sprayer and apply a herbicide.", None),
        ("Position a brand against rivals and design its campaign.", ("and", "design")),
        # a word that names no performance may head a list of verbs
        ("Read, interpret and respond critically to texts.", ("and", "respond")),
        # the next step of the first verb's cycle (words.toml compound.cycles), whatever its object
        ("Investigate a phishing incident and trace the attacker's entry point.", None),
        ("Investigate a data breach and recommend changes to access policies.", ("and", "recommend")),
        ("Analyse server logs and identify the compromised accounts.", ("and", "identify")),
        ("Journalise the transactions, post them to the ledger and prepare a trial balance.", None),
        ("Journalise the transactions of a firm and analyse its cash position.", ("and", "analyse")),
        ("Post updates on social media and prepare a content calendar.", ("and", "prepare")),
    ],
)
def test_family8_compounds(lexicon: Lexicon, text: str, compound: tuple[str, str] | None) -> None:
    assert lexicon.analyse(text).compound == compound


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("To make learners IT literate.", "to make learners"),
        ("Learners will be trained to install solar panels.", "learners will be trained to"),
        ("This module introduces the basics of project management.", "this module introduces"),
        (
            "The course aims to acquaint students with the financial system.",
            "the course aims to acquaint students with",
        ),
        ("Students will be taught the principles of advertising.", "students will be taught"),
    ],
)
def test_family9_course_centred_wording(rubric: Rubric, text: str, frame: str) -> None:
    (finding,) = _findings(rubric, text, "O04")
    assert f"('{frame}')" in finding.message


def test_findings_say_what_is_wrong_and_rewrite_the_learners_own_outcome(rubric: Rubric) -> None:
    """One sentence for what is wrong, one for how to fix it, with the learner's outcome rewritten."""
    (o02,) = _findings(rubric, "Develop the ability to write clear business reports.", "O02")
    assert (
        o02.message
        == "Outcome LO1 uses the vague phrase 'develop the ability', which cannot be observed or assessed."
    )
    assert (
        o02.fix
        == "Replace 'develop the ability' with an observable verb, e.g. 'Write clear business reports.'."
    )
    (o04,) = _findings(rubric, "Learners will be trained to install solar panels on rooftops.", "O04")
    assert o04.fix == "Rewrite it as what the learner will do, e.g. 'Install solar panels on rooftops.'."
    (o01,) = _findings(rubric, "This module introduces the basic concepts of project management.", "O01")
    assert "names what the course covers" in o01.message
    assert "'Explain the basic concepts of project management.'" in o01.fix
    (o03,) = _findings(rubric, "Analyse competitors' prices and recommend a price for a new product.", "O03")
    assert "'Analyse competitors' prices' and 'Recommend a price for a new product'" in o03.fix
    for finding in (o01, o02, o03, o04):
        assert finding.message.count(". ") == 0 and finding.message.endswith(".")


@pytest.mark.parametrize(
    ("text", "verb", "performance"),
    [
        ("Flambé a crêpe Suzette at the table.", "flambe", "Flambé a crêpe Suzette at the table"),
        # the accent typed as a separate combining mark (as some editors and PDFs paste it)
        ("Saute\u0301 onions until golden.", "saute", "Sauté onions until golden"),
        ("CO2: Sauté vegetables in a wok.", "saute", "Sauté vegetables in a wok"),
        ("Identify the café's fire exits.", "identify", "Identify the café's fire exits"),
    ],
)
def test_accented_words_are_read_and_quoted_as_written(
    lexicon: Lexicon, text: str, verb: str, performance: str
) -> None:
    """Accents are folded for reading ("Flambé" is the listed "flambe"), never in what a message quotes."""
    analysis = lexicon.analyse(text)
    assert (analysis.verb, analysis.performance) == (verb, performance)


def test_an_accented_vague_phrase_is_still_vague(lexicon: Lexicon) -> None:
    analysis = lexicon.analyse("Gain familiarity with sautéing, braising and poaching.")
    assert [hit.phrase for hit in analysis.vague] == ["gain familiarity"]


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("institution-default")


@pytest.mark.parametrize(
    "text",
    [
        "analyse campaign data for a local retailer.",
        "analyse campaign data..",
        "co1: implement stacks, queues and lists",
        "the website's bounce rate",
        "use a cash-flow forecast . ",
        "2.1 use a vernier calliper",
        "plan\ta route",
        "flambe crepes \u00e0 la minute.",
        "",
        "...",
        "a . b",
    ],
)
def test_the_split_shortcut_finds_the_regex_words(text: str) -> None:
    """reading._words splits plain texts itself (issue 10, speed); it must find what the regex finds."""
    from rubrics.reading import _TOKEN, _words

    assert _words(text) == _TOKEN.findall(text)


def test_a_course_aim_of_awareness_is_vague_and_its_topic_is_rewritten(rubric: Rubric) -> None:
    """"To make learners aware of X" fails O02 as well as O01 and O04 (vague.toml course_side.aims); O01
    still names the course's frame, and both fixes rewrite the topic as the learner's performance."""
    text = "The programme aims to familiarise artisans with Channapatna lacquerware toy techniques."
    (o01,) = _findings(rubric, text, "O01")
    assert "('the programme aims to familiarise artisans with')" in o01.message
    assert "'Explain Channapatna lacquerware toy techniques.'" in o01.fix
    (o02,) = _findings(rubric, text, "O02")
    assert o02.message.startswith("Outcome LO1 uses the vague verb 'familiarise', which cannot be")
    (o02,) = _findings(rubric, "To make learners aware of the economics of carbon pricing.", "O02")
    assert "'be aware of'" in o02.message and "'Identify the economics of carbon pricing.'" in o02.fix
    acquaint = "The course aims to acquaint students with the Indian financial system."
    assert not _findings(rubric, acquaint, "O02")


def test_the_quick_step_scan_reads_as_the_full_separate_steps_reading(lexicon: Lexicon) -> None:
    """O03's separate_steps re-scans only the words after the verb (task_step, to keep the speed goal);
    on every statement of the corpus it finds the pair a full reading with separate_steps finds."""
    corpus = Path(__file__).resolve().parent / "corpus"
    texts = [s.text for path in sorted(corpus.glob("*.txt")) for s in read_corpus(path)]
    assert len(texts) > 5000
    differ = [t for t in texts if task_step(lexicon, lexicon.analyse(t)) != lexicon.analyse(t, True).compound]
    assert not differ, differ[:5]
