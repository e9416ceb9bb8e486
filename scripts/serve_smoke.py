"""The HTTP half of scripts/serve-smoke.sh: a person's way through the stack scripts/serve.sh started.

Against BASE (e.g. http://127.0.0.1:8731), with the demo data: /healthz and /readyz (database and
broker ok), the demo reviewer logs in, reviews and approves the design waiting for review; the Celery
worker renders its syllabus (the render job is done: read with `flask jobs list`, so the PDF came from
the worker, not from the download); its author logs in and downloads the PDF. Exit 0, or 1 naming the
step that failed.
"""

import json
import re
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_stack import Browser, form_of  # noqa: E402 - after the path set-up above

REVIEWER = ("reviewer@demo.example", "demo-reviewer-pass")
AUTHOR = ("faculty2@demo.example", "demo-faculty2-pass")  # owns the design waiting for review


def check(condition: bool, step: str) -> None:
    if not condition:
        raise SystemExit(f"serve-smoke: FAILED at {step}")
    print(f"serve-smoke: ok: {step}", flush=True)


def login(base: str, account: tuple[str, str]) -> Browser:
    browser = Browser(base, defaultdict(list), threading.Lock())
    fields, _ = form_of(browser.page("/login"), "/login")
    code, _, location = browser.request("login", "/login",
                                        dict(fields) | {"email": account[0], "password": account[1]})
    check(code in (302, 303) and "/login" not in location, f"log in as {account[0]} ({code})")
    return browser


def approve_waiting(base: str) -> int:
    reviewer = login(base, REVIEWER)
    queue = reviewer.page("/review/queue")
    ids = sorted({int(i) for i in re.findall(r'href="/review/designs/(\d+)"', queue)})
    check(bool(ids), "the review queue lists the demo design waiting for review")
    design_id = ids[-1]
    page = reviewer.page(f"/review/designs/{design_id}")
    fields, radios = form_of(page, f"/review/designs/{design_id}")
    best: dict[str, str] = {}
    for name, value in radios:  # every rating at its best
        if name.startswith("rating_") and value.isdigit() and int(value) > int(best.get(name, "-1")):
            best[name] = value
    chosen = [f for f in fields if f[0] != "decision" and f[0] not in best] + list(best.items())
    code, _, _ = reviewer.request("review", f"/review/designs/{design_id}", chosen)
    check(code in (200, 302, 303), f"record the review of design {design_id} ({code})")
    token = dict(fields).get("csrf_token", "")
    code, _, _ = reviewer.request("approve", f"/review/designs/{design_id}/decision",
                                  {"csrf_token": token, "decision": "approve", "comment": "Smoke test"})
    check(code in (302, 303), f"approve design {design_id} ({code})")
    return design_id


def render_job_done(flask: str, design_id: int, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        listing = subprocess.run([flask, "--app", "wsgi", "jobs", "list"], cwd=ROOT, capture_output=True,
                                 text=True).stdout
        rows = [line.split() for line in listing.splitlines()[1:]]
        render = [r for r in rows if len(r) > 2 and r[1] == "render"]
        if render and render[0][2] in ("done", "failed"):
            check(render[0][2] == "done", f"the worker rendered design {design_id}'s syllabus: "
                                          f"{' '.join(render[0])}")
            return
        time.sleep(1)
    check(False, f"the render job of design {design_id} finished within {seconds:.0f} s")


def main() -> None:
    base, flask = sys.argv[1].rstrip("/"), sys.argv[2]
    browser = Browser(base, defaultdict(list), threading.Lock())
    check(browser.request("healthz", "/healthz")[0] == 200, "/healthz answers 200")
    code, body, _ = browser.request("readyz", "/readyz")
    checks = json.loads(body).get("checks", {})
    check(code == 200 and checks.get("database") == "ok" and checks.get("broker") == "ok",
          f"/readyz answers {code} {checks}")
    design_id = approve_waiting(base)
    render_job_done(flask, design_id)
    author = login(base, AUTHOR)
    code, content, _ = author.request("download", f"/designs/{design_id}/syllabus.pdf")
    check(code == 200 and content.startswith(b"%PDF"), f"download the approved syllabus ({code}, "
                                                       f"{len(content)} bytes)")


if __name__ == "__main__":
    main()
