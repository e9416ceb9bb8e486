"""Benchmark: how fast does the rubric engine score designs, JSON parsing included?

Why: the web page re-scores a draft as faculty type, and batch re-scoring after a rubric change
runs over every stored design.  Goals: at least 2,000 designs per second on one core and under
2 ms per design including JSON parsing.

It generates N designs (default 10,000; 10 outcomes, 20 activities and 6 assessments each, from a
fixed seed), serialises them to JSON strings, pins itself to one CPU, then times
``evaluate(rubric, json.loads(text))`` per design, in CPU time (what the core spent) and wall
time.  Outcome texts are combined from word pools (43,200 combinations), and every design is
analysed from scratch (the engine keeps no memo between evaluations).  The machine line times a
fixed pure-Python loop, because shared build hosts vary by 2x from minute to minute: compare runs
only at similar calibration figures.

With ``--baseline DIR`` (a directory holding an older ``rubrics`` package, e.g. made with
``git archive main rubrics | tar -x -C DIR``) it also scores the same designs with that older engine,
interleaved in chunks of 250 designs (alternating which goes first), and prints both rates and their
ratio: on a busy shared host only a comparison within one run says whether a change made scoring slower.

Run: ``.venv/bin/python benchmarks/bench_rubrics.py [--n 10000] [--seed 7] [--repeat 1] [--baseline DIR]``
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import statistics
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rubrics import Rubric, evaluate, load_rubric  # noqa: E402 - after the path set-up above

# Word pools for synthetic designs; kept dense on purpose.
# fmt: off
VERBS = ("Explain;Describe;Summarise;Classify;Apply;Calculate;Configure;Use;Analyse;Compare;Examine;"
         "Differentiate;Evaluate;Justify;Recommend;Critique;Design;Develop;Create;Plan;Propose;Identify;List;"
         "Demonstrate;Implement;Assess;Understand;Be aware of;Critically evaluate;Prioritise").split(";")
STEMS = ["", "", "", "Learners will be able to ", "On completion, learners will be able to ",
         "Students will "]
OBJECTS = ("campaign data;the marketing funnel;conversion metrics;a customer survey;supply chain risks;"
           "a cash-flow forecast;the website's bounce rate;a social media calendar;a crop rotation plan;"
           "a mediation agreement;a data pipeline;a cybersecurity incident;an SEO audit;"
           "a small-business budget;a logistics route;a training needs analysis;a machine learning model;"
           "an interview transcript;a field survey;a news feature").split(";")
CONTEXTS = ("for a local retailer;using open data;in a team of three;against industry benchmarks;"
            "with a spreadsheet;for a non-profit client;under time constraints;from two data sources;"
            "in Hindi and English;for a rural cooperative;;and report the findings").split(";")
ACTIVITY_KINDS = ("lecture tutorial e_tutorial e_content discussion_forum practical lab fieldwork project "
                  "internship experiential self_study").split()
ASSESSMENT_KINDS = ("quiz mcq_exam written_exam assignment project practical portfolio presentation viva "
                    "case_study peer_review").split()
# fmt: on


# fmt: off
def make_design(rng: random.Random, n: int) -> dict[str, Any]:
    """One synthetic, mostly valid design with 10 outcomes, 20 activities and 6 assessments."""
    ids = [f"LO{i + 1}" for i in range(10)]
    outcomes = [{"id": oid, "text": f"{rng.choice(STEMS)}{rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                 f"{rng.choice(CONTEXTS)}".strip() + "."} for oid in ids]
    activities = [{"id": f"A{i + 1}", "title": f"Activity {i + 1}", "kind": rng.choice(ACTIVITY_KINDS),
                   "hours": rng.choice([1, 2, 3, 4, 5, 6]), "week": rng.randint(1, 12),
                   "outcomes": rng.sample(ids, rng.randint(0, 3))} for i in range(20)]
    assessments = [{"id": f"AS{i + 1}", "title": f"Assessment {i + 1}", "kind": rng.choice(ASSESSMENT_KINDS),
                    "purpose": "formative" if i == 0 else "summative", "hours": rng.choice([0, 1, 2, 4]),
                    "criteria": "Accuracy (50%), reasoning (50%)" if rng.random() < 0.9 else "",
                    "supervision": rng.choice(["unsupervised", "supervised", "supervised_id_verified"]),
                    "outcomes": rng.sample(ids, rng.randint(1, 4))} for i in range(6)]
    for assessment, weight in zip(assessments[1:], [10, 10, 20, 20, 40], strict=True):
        assessment["weight"] = weight
    hours = sum(a["hours"] for a in activities) + sum(a["hours"] for a in assessments)
    return {
        "schema_version": "1", "title": f"Micro-credential {n}", "code": f"MC-{n:05d}",
        "summary": "A synthetic design for benchmarking.", "purpose": "Answers a regional skills gap.",
        "target_learners": rng.choice(["Undergraduates", "Working professionals"]), "prerequisites": "None",
        "languages": rng.choice([["en"], ["en", "hi"]]),
        "awarding_body": {"name": "Example University", "country": "IN", "abc_id": "ABC-1"},
        "partners": [{"name": "Chamber", "kind": "industry", "agreement": rng.choice(["", "MoU 1"])}],
        "need_evidence": [{"kind": "industry_survey", "description": "Survey of 40 firms"}],
        "level": {"framework": rng.choice(["NCrF", "NCrF", "NSQF"]),
                  "value": rng.choice([4.5, 5, 5.5, 6, 6.5, 7])},
        "credits": max(0.5, round(hours / 30 * 2) / 2),
        "delivery_mode": rng.choice(["online", "hybrid", "onsite"]),
        "duration_weeks": rng.choice([4, 6, 8, 12]), "outcomes": outcomes, "activities": activities,
        "assessments": assessments,
        "resources": [{"title": f"Resource {i}", "kind": rng.choice(["text", "video", "dataset"]),
                       "accessible": rng.random() < 0.8, "outcomes": rng.sample(ids, 2)} for i in range(5)],
        "grading": {"scheme": "UGC 10-point", "pass_mark": 40},
        "quality_assurance": {"approving_body": "Board of Studies", "process": "Internal review",
                              "review_cycle_months": 12},
        "stackability": {"mode": "standalone"}, "recognition": ["academic_credit"],
        "accessibility": "Captioned videos.", "integrity": "The integrity policy applies.",
    }
# fmt: on


def run(rubric: Rubric, texts: list[str]) -> tuple[float, list[int], float, list[int]]:
    """Score every text once; CPU and wall seconds in total and nanoseconds per design."""
    wall: list[int] = []
    cpu: list[int] = []
    wall_clock, cpu_clock = time.perf_counter_ns, time.process_time_ns
    start_wall, start_cpu = wall_clock(), cpu_clock()
    for text in texts:
        w0, c0 = wall_clock(), cpu_clock()
        evaluate(rubric, json.loads(text))
        cpu.append(cpu_clock() - c0)
        wall.append(wall_clock() - w0)
    return (cpu_clock() - start_cpu) / 1e9, cpu, (wall_clock() - start_wall) / 1e9, wall


def load_baseline(directory: str) -> ModuleType:
    """The ``rubrics`` package found in ``directory``, imported as ``rubrics_baseline``."""
    init = Path(directory).resolve() / "rubrics" / "__init__.py"
    spec = importlib.util.spec_from_file_location(
        "rubrics_baseline", init, submodule_search_locations=[str(init.parent)]
    )
    if spec is None or spec.loader is None or not init.is_file():
        raise SystemExit(f"no rubrics package in {directory}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["rubrics_baseline"] = module  # its relative imports resolve under this name
    spec.loader.exec_module(module)
    return module


def compare(texts: list[str], baseline: ModuleType, chunk: int = 250) -> tuple[float, float]:
    """Designs per CPU second of (this engine, the baseline), scoring the same chunks alternately."""
    engines: list[tuple[Callable[..., Any], Any]] = [
        (evaluate, load_rubric("institution-default")),
        (baseline.evaluate, baseline.load_rubric("institution-default")),
    ]
    for fn, rubric in engines:
        for text in texts[:200]:  # warm-up
            fn(rubric, json.loads(text))
    spent = [0, 0]
    clock = time.process_time_ns
    for n, start in enumerate(range(0, len(texts), chunk)):
        part = texts[start : start + chunk]
        order = (0, 1) if n % 2 == 0 else (1, 0)
        for which in order:
            fn, rubric = engines[which]
            t0 = clock()
            for text in part:
                fn(rubric, json.loads(text))
            spent[which] += clock() - t0
    return len(texts) / (spent[0] / 1e9), len(texts) / (spent[1] / 1e9)


def main() -> int:
    """Generate, serialise, score and report timings; exit 1 when a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1, help="runs to make; the fastest is judged")
    parser.add_argument("--baseline", help="directory with an older rubrics package to compare with")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the goal says
    rng = random.Random(args.seed)
    texts = [json.dumps(make_design(rng, i)) for i in range(args.n)]
    rubric = load_rubric("institution-default")
    for text in texts[:200]:  # warm-up: imports, caches
        evaluate(rubric, json.loads(text))
    calibration = min(timeit.repeat("sum(range(10000))", number=200, repeat=5)) / 200 * 1e6
    print(
        f"designs: {args.n} (10 outcomes, 20 activities, 6 assessments; mean JSON "
        f"{statistics.mean(map(len, texts)):,.0f} bytes), rubric {rubric.id} {rubric.version} with "
        f"{len(rubric.criteria)} checks"
    )
    print(f"machine: sum(range(10000)) takes {calibration:.0f} us (a quiet modern core: about 100)")
    best = None
    for _ in range(args.repeat):
        cpu_s, cpu, wall_s, wall = run(rubric, texts)
        for label, elapsed, times in (("CPU time ", cpu_s, cpu), ("wall time", wall_s, wall)):
            p95 = statistics.quantiles(times, n=20)[-1] / 1e6
            print(
                f"{label}: {args.n / elapsed:,.0f} designs/s; per design incl. JSON parsing: median "
                f"{statistics.median(times) / 1e6:.3f} ms, p95 {p95:.3f} ms, max {max(times) / 1e6:.3f} ms"
            )
        result = (args.n / cpu_s, statistics.quantiles(cpu, n=20)[-1] / 1e6)
        best = result if best is None or result[0] > best[0] else best
    assert best is not None
    ok = best[0] >= 2000 and best[1] < 2
    print(
        f"goals (>= 2,000 designs/s and < 2 ms per design, CPU time, best run): "
        f"{'met' if ok else 'NOT met'} ({best[0]:,.0f} designs/s, p95 {best[1]:.3f} ms)"
    )
    if args.baseline:
        now, before = compare(texts, load_baseline(args.baseline))
        change = 100 * (now / before - 1)
        kept = now >= 0.75 * before
        print(
            f"against the baseline in {args.baseline}, interleaved: this engine {now:,.0f} designs/s, "
            f"baseline {before:,.0f} designs/s ({change:+.1f}%); never more than 25% slower: "
            f"{'met' if kept else 'NOT met'}"
        )
        ok = ok and kept
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
