"""Benchmark: the production stack (gunicorn, PostgreSQL, Redis, Celery workers) end to end.

Why: the issue's goals are about the whole stack, not a function: many people through gunicorn at
once, syllabi stored soon after approval without anyone waiting, packs of pre-rendered syllabi in
seconds, cold packs that scale with worker processes, and workers killed mid-pack losing nothing.

It needs an EMPTY PostgreSQL database (--database-url; the tables are built by the migrations), starts
its own redis-server on a free loopback port, Celery workers and gunicorn (gunicorn.conf.py), and prints:
1. journey: --clients parallel people (each a faculty member and a reviewer) log in, open the editor
   and save, check the draft, submit; the reviewer logs in, reviews, approves; the author downloads
   the syllabus. They start at once or over --ramp seconds, and pause --think seconds between steps
   as people reading a page do (0: not at all). Median and p95 per step, and the count of 5xx answers;
2. approval to stored PDF: from the approving request's answer to the render job's end (median, max),
   and how many approvals were answered before their PDF was stored (all of them should be); and
   (2b) --single approvals made one at a time with nothing else queued;
3. warm pack: --pack syllabi approved (and rendered on approval) over a minute earlier, requested on the
   web as an organiser, until the job is done;
4. cold pack with 1 and with 2 worker processes (storage emptied before each);
5. kill: a cold --kill-pack pack; at half its syllabi the worker gets SIGTERM, then SIGKILL; a new worker
   finishes it; the pages are compared with an undisturbed build and orphan processes counted 30 s later.

Run (full size, on a quiet machine):
``.venv/bin/python benchmarks/bench_stack.py --database-url postgresql://designer:designer@127.0.0.1/bench
--clients 50 --gunicorn-workers 4 --pack 100 --kill-pack 50``. The defaults are smaller.
"""

from __future__ import annotations

import argparse
import functools
import http.cookiejar
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import lxml.html  # noqa: E402 - after the path set-up above
import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from designer import create_app  # noqa: E402
from designer.auth.hashing import hash_password  # noqa: E402
from designer.checking.services import app_rubric  # noqa: E402
from designer.designs.services import create_design  # noqa: E402
from designer.extensions import db  # noqa: E402
from designer.jobs.models import Job  # noqa: E402
from designer.jobs.queue import WORKER_QUEUES  # noqa: E402
from designer.models import User  # noqa: E402
from designer.review import services  # noqa: E402
from tests.conftest import example_document  # noqa: E402

PASSWORD = "bench-password-long-1"
STEPS = ["login", "editor", "save", "check", "submit", "reviewer login", "review", "approve", "download"]


def form_of(page: str, action_part: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What a browser would post for the POST form whose action contains `action_part` (not a GET
    filter form on the same page), and every choice it offers (unchecked boxes, options).

    lxml's C parser: the load generator shares the server's 2 cores here, and Python's html.parser
    took 14 ms of them per editor page (lxml 3 ms)."""
    for form in lxml.html.document_fromstring(page).forms:
        if action_part in (form.get("action") or "") and (form.get("method") or "get").lower() == "post":
            fields, choices = [], []
            for element in form.iter("input", "select", "textarea"):
                if element.get("name"):
                    _read_control(element, fields, choices)
            return fields, choices
    raise RuntimeError(f"no form posting to {action_part!r}")


def _read_control(element, fields: list, choices: list) -> None:
    name = element.get("name")
    if element.tag == "textarea":  # a browser drops the newline that opens the element's text
        text = element.text or ""
        fields.append((name, text[1:] if text.startswith("\n") else text))
    elif element.tag == "select":
        options = element.findall(".//option")
        choices += [(name, option.get("value", "")) for option in options]
        chosen = [o for o in options if o.get("selected") is not None] or options[:1]
        fields.append((name, chosen[-1].get("value", "") if chosen else ""))
    elif element.get("type", "text") not in ("submit", "button", "file"):
        if element.get("type") in ("checkbox", "radio") and element.get("checked") is None:
            choices.append((name, element.get("value", "on")))
        else:
            fields.append((name, element.get("value", "")))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person: own cookies; every request timed under a step name."""

    def __init__(self, base: str, stats: dict, lock: threading.Lock):
        self.base, self.stats, self.lock = base, stats, lock
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())

    def request(self, step: str, path: str, data=None) -> tuple[int, bytes, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        try:
            response = self.opener.open(self.base + path, data=body, timeout=120)
            code, content, location = response.status, response.read(), response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            code, content, location = error.code, error.read(), error.headers.get("Location", "")
        with self.lock:
            self.stats[step].append((time.perf_counter() - started) * 1000)
            if code >= 500:
                self.stats["5xx"].append(f"{step} {path} {code}")
        return code, content, location

    def page(self, path: str) -> str:
        return self.request("_get", path)[1].decode("utf-8", "replace")

    def login(self, step: str, email: str) -> None:
        fields, _ = form_of(self.page("/login"), "/login")
        data = dict(fields) | {"email": email, "password": PASSWORD}
        code, _, _ = self.request(step, "/login", data)
        assert code in (302, 303), f"login of {email} answered {code}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, seconds: float, what: str, step: float = 0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise SystemExit(f"timed out waiting for {what}")


class Stack:
    """redis-server, Celery workers and gunicorn as child processes sharing one environment."""

    def __init__(self, database_url: str, storage: Path, worker_nice: int = 0):
        self.redis_port, self.folder = free_port(), Path(tempfile.mkdtemp(prefix="bench-stack-"))
        self.redis = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(self.redis_port),
                                       "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
                                      stdout=subprocess.DEVNULL)
        self.env = {**os.environ, "DATABASE_URL": database_url, "PDF_CACHE_DIR": str(storage),
                    "CELERY_BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0", "SECRET_KEY": "b" * 40,
                    # every client comes from loopback here; a campus has many addresses
                    "LOGIN_LIMIT_PER_ADDRESS": "100000 per minute",
                    "LOGIN_LIMIT_PER_ACCOUNT": "1000 per minute",
                    "INSTITUTION_NAME": "Bench University", "LOG_LEVEL": "WARNING",
                    "PACK_LIMIT": "4", "CELERY_VISIBILITY_TIMEOUT": "20"}
        self.workers: list[subprocess.Popen] = []
        self.web = None
        self.nice = ["nice", "-n", str(worker_nice)] if worker_nice else []  # nice execs: same pid

    def start_worker(self, concurrency: int) -> subprocess.Popen:
        log = open(self.folder / f"worker-{len(self.workers)}.log", "wb")
        worker = subprocess.Popen(
            self.nice + [sys.executable, "-m", "celery", "-A", "designer.jobs.worker", "worker",
             "--queues", WORKER_QUEUES, "--concurrency", str(concurrency),
             "--without-gossip", "--without-mingle",
             "--hostname", f"bench{len(self.workers)}@%h"], cwd=ROOT, env=self.env, stdout=log,
            stderr=subprocess.STDOUT)
        self.workers.append(worker)
        wait_for(lambda: len(children(worker.pid)) >= concurrency, 90, "the worker's pool")
        return worker

    def stop_workers(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(60)
        self.workers = []

    def start_web(self, workers: int) -> str:
        port = free_port()
        env = self.env | {"GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers),
                          "GUNICORN_ACCESS_LOG": str(self.folder / "access.log")}
        # Not DESIGNER_PRODUCTION: its Secure cookies need TLS, and this is plain HTTP on loopback.
        self.web = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
                                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: _answers(base + "/readyz"), 90, "gunicorn")
        return base

    def close(self) -> None:
        self.stop_workers()
        for process in (self.web, self.redis):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(30)
        shutil.rmtree(self.folder, ignore_errors=True)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{pid}$", text, re.M) and not re.search(r"^State:\s+Z", text, re.M):
            found.append(int(status.parent.name))
    return found


def seed(app, clients: int, pack: int) -> tuple[list[tuple[str, str, int]], list[int]]:
    """Pairs (faculty email, reviewer email, design id) and ids of `pack` designs to approve directly."""
    with app.app_context():
        upgrade()
        password = hash_password(PASSWORD)

        def person(email, role):
            user = User(email=email, name=email.split("@")[0], role=role, institution="Bench University",
                        department="Bench", password_hash=password)
            db.session.add(user)
            db.session.flush()
            return user

        pairs = []
        for i in range(clients):
            author, reviewer = person(f"author{i}@bench.example", "faculty"), person(
                f"reviewer{i}@bench.example", "reviewer")
            design = create_design(db.session, author, example_document() | {"title": f"Journey {i:03d}",
                                                                              "code": f"MC-J-{i:03d}"})
            pairs.append((author.email, reviewer.email, design.id))
        person("organiser@bench.example", "organiser")
        owner = person("packauthor@bench.example", "faculty")
        chair = person("chair@bench.example", "reviewer")
        pack_ids = [create_design(db.session, owner, example_document() | {
            "title": f"Pack course {i:03d}", "code": f"MC-P-{i:03d}"}).id for i in range(pack)]
        db.session.commit()
        return pairs, pack_ids, owner.id, chair.id


def approve_all(app, design_ids, owner_id, reviewer_id) -> None:
    """Approve through the workflow services (so each approval queues its render)."""
    with app.app_context():
        rubric = app_rubric(app.config)
        owner, reviewer = db.session.get(User, owner_id), db.session.get(User, reviewer_id)
        from designer.models import Design

        for design_id in design_ids:
            design = db.session.get(Design, design_id)
            services.submit(db.session, design, owner, rubric)
            submission = services.open_submission(db.session, design)
            services.record_review(db.session, design, reviewer, services.full_marks(submission), "")
            services.decide(db.session, design, reviewer, "approve", "")
            db.session.commit()


def journey(base: str, pair, stats, lock, answered: dict, think: float = 0) -> None:
    author_email, reviewer_email, design_id = pair
    pause = _thinking(think, design_id)
    author = Browser(base, stats, lock)
    author.login("login", author_email)
    pause()
    code, page, _ = author.request("editor", f"/designs/{design_id}/edit")
    pause()
    fields, _ = form_of(page.decode(), f"/designs/{design_id}/edit")
    fields = [(k, v + " (revised)" if k == "title" else v) for k, v in fields]
    code, _, _ = author.request("save", f"/designs/{design_id}/edit", fields + [("op", "save")])
    pause()
    fields, _ = form_of(author.page(f"/designs/{design_id}/edit"), f"/designs/{design_id}/edit")
    author.request("check", f"/designs/{design_id}/edit", fields + [("op", "check")])
    pause()
    token = dict(fields).get("csrf_token", "")
    author.request("submit", f"/designs/{design_id}/submit", {"csrf_token": token})
    pause()
    reviewer = Browser(base, stats, lock)
    reviewer.login("reviewer login", reviewer_email)
    pause()
    page = reviewer.page(f"/review/designs/{design_id}")
    fields, radios = form_of(page, f"/review/designs/{design_id}")
    best = {}
    for name, value in radios:  # every rating at its best ("met")
        if name.startswith("rating_") and value.isdigit() and int(value) > int(best.get(name, "-1")):
            best[name] = value
    chosen = [f for f in fields if f[0] != "decision" and f[0] not in best] + list(best.items())
    reviewer.request("review", f"/review/designs/{design_id}", chosen)
    pause()
    token = dict(fields).get("csrf_token", "")
    reviewer.request("approve", f"/review/designs/{design_id}/decision",
                     {"csrf_token": token, "decision": "approve", "comment": ""})
    with lock:
        answered[design_id] = time.time()


def _thinking(think: float, seed: int):
    """A person's pause between steps (reading the page, typing): 0.5-1.5 x `think` seconds, the same
    for the same client in every run."""
    chance = random.Random(seed)
    return lambda: time.sleep(think * chance.uniform(0.5, 1.5)) if think else None


def run_journeys(app, base: str, pairs, clients: int, ramp: float = 0, think: float = 0) -> None:
    stats, lock, answered = defaultdict(list), threading.Lock(), {}
    threads = [threading.Thread(target=journey, args=(base, pair, stats, lock, answered, think))
               for pair in pairs]
    started = time.perf_counter()
    for index, thread in enumerate(threads):  # --ramp: people arrive over that many seconds, not at once
        time.sleep(max(0.0, started + ramp * index / max(1, len(threads)) - time.perf_counter()))
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ids = [p[2] for p in pairs]
    with app.app_context():
        finished = wait_for(lambda: _render_jobs_done(ids), max(600, 20 * len(ids)), "the render jobs")
    delays = [finished[d].timestamp() - answered[d] for d in ids if d in answered]
    for author_email, _, design_id in pairs:  # download once stored (by then it is served from storage)
        browser = Browser(base, stats, lock)
        browser.login("_login", author_email)
        code, content, _ = browser.request("download", f"/designs/{design_id}/syllabus.pdf")
        assert code == 200 and content.startswith(b"%PDF"), code
    print(f"1. journey: {clients} clients starting over {ramp:g} s, pausing {think:g} s between steps "
          f"(0.5-1.5x), done in {elapsed:.1f} s; "
          f"5xx answers: {len(stats['5xx'])} {stats['5xx'][:3]}")
    for step in STEPS:
        values = sorted(stats[step])
        p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
        print(f"   {step:<15} median {statistics.median(values):7.0f} ms   p95 {p95:7.0f} ms   "
              f"(n={len(values)})")
    print(f"2. approval -> PDF stored: median {statistics.median(delays):.2f} s, max {max(delays):.2f} s; "
          f"answered before stored: {sum(d > 0 for d in delays)}/{len(delays)}")


def single_approvals(app, queued_app, design_ids, owner_id, chair_id) -> None:
    """Approvals one at a time with nothing else queued: what one committee member sees."""
    delays = []
    for design_id in design_ids:
        approve_all(queued_app, [design_id], owner_id, chair_id)
        committed = time.time()
        with app.app_context():
            finished = wait_for(functools.partial(_render_jobs_done, [design_id]), 300, "the PDF", step=0.05)
        delays.append(finished[design_id].timestamp() - committed)
        time.sleep(1)
    print(f"2b. approval -> PDF stored, {len(delays)} approvals one at a time: median "
          f"{statistics.median(delays):.2f} s, max {max(delays):.2f} s")


def _render_jobs_done(design_ids) -> dict | None:
    db.session.rollback()
    jobs = list(db.session.scalars(sa.select(Job).where(Job.kind == "render")))
    done = {job.design_ids[0]: job.finished_at for job in jobs if job.finished}
    failed = [job for job in jobs if job.status == "failed"]
    if failed:
        raise SystemExit(f"render job failed: {failed[0].error}")
    return done if all(d in done for d in design_ids) else None


def request_pack(base: str, ids: list[int], title: str) -> int:
    """Ask for a pack on the web as the organiser; returns the job id."""
    organiser = Browser(base, defaultdict(list), threading.Lock())
    organiser.login("_login", "organiser@bench.example")
    fields, _ = form_of(organiser.page("/catalogue"), "/catalogue")
    data = [f for f in fields if f[0] not in ("designs", "title")] + [("designs", str(i)) for i in ids]
    code, _, location = organiser.request("_pack", "/catalogue", data + [("title", title),
                                                                         ("action", "build")])
    assert code == 303, f"the pack request answered {code}"
    return int(location.rstrip("/").rsplit("/", 1)[1])


def timed_pack(app, base: str, ids: list[int], title: str) -> tuple[float, int]:
    started = time.perf_counter()
    job_id = request_pack(base, ids, title)
    with app.app_context():
        # on a loaded shared machine a cold syllabus took 11 s on one process: wait long enough for that
        job = wait_for(lambda: _finished_job(job_id), max(900, 30 * len(ids)), f"pack job {job_id}", step=0.1)
    if job.status != "done":
        raise SystemExit(f"pack {job_id} failed: {job.error}")
    return time.perf_counter() - started, job_id


def _finished_job(job_id: int):
    db.session.rollback()
    job = db.session.get(Job, job_id)
    return job if job is not None and job.finished else None


def empty_storage(storage: Path) -> None:
    for path in storage.glob("*.pdf"):
        path.unlink()


def kill_test(app, stack: Stack, base: str, ids: list[int], storage: Path, concurrency: int) -> None:
    from designer.exports.jobs import pack_path

    empty_storage(storage)
    worker = stack.start_worker(concurrency)
    started = time.perf_counter()
    job_id = request_pack(base, ids, "Kill")
    with app.app_context():
        wait_for(lambda: (db.session.rollback(), db.session.get(Job, job_id).done >= len(ids) // 2)[1], 900,
                 "half the syllabi")
    pool = children(worker.pid)
    worker.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    worker.send_signal(signal.SIGKILL)
    worker.wait(30)
    stack.workers.remove(worker)
    stack.start_worker(concurrency)
    with app.app_context():
        job = wait_for(lambda: _finished_job(job_id), max(900, 30 * len(ids)), "the killed pack", step=0.2)
    elapsed = time.perf_counter() - started
    pages = [p.extract_text() for p in PdfReader(pack_path(app.config, job_id)).pages]
    _, reference_id = timed_pack(app, base, ids, "Kill")  # undisturbed: same syllabi, all stored now
    reference = [p.extract_text() for p in PdfReader(pack_path(app.config, reference_id)).pages]
    time.sleep(30)
    orphans = [pid for pid in pool if Path(f"/proc/{pid}").exists()]
    print(f"5. kill (SIGTERM then SIGKILL at {len(ids) // 2}/{len(ids)}): pack {job.status} in "
          f"{elapsed:.1f} s "
          f"with a new worker; same pages as undisturbed: {pages[1:] == reference[1:]} ({len(pages)} pages); "
          f"orphan processes after 30 s: {len(orphans)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="an EMPTY PostgreSQL database")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--gunicorn-workers", type=int, default=4)
    parser.add_argument("--pack", type=int, default=20, help="syllabi in the warm and cold packs")
    parser.add_argument("--kill-pack", type=int, default=10)
    parser.add_argument("--ramp", type=float, default=0,
                        help="seconds over which the clients start (0: all at once, the worst case)")
    parser.add_argument("--think", type=float, default=0,
                        help="mean seconds each person pauses between steps (0: none, the worst case)")
    parser.add_argument("--worker-nice", type=int, default=10,
                        help="the workers' nice level (renders give way to web requests on one machine)")
    parser.add_argument("--single", type=int, default=10,
                        help="approvals made one at a time, each timed to its stored PDF")
    parser.add_argument("--skip", default="", help="parts to leave out, e.g. journey,single,warm,cold,kill")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    storage = Path(tempfile.mkdtemp(prefix="bench-storage-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "PDF_CACHE_DIR": str(storage),
                      "CELERY_BROKER_URL": "", "RENDER_ON_APPROVAL": False, "SECRET_KEY": "b" * 40})
    extra = max(args.pack, args.kill_pack)
    pairs, pack_ids, owner_id, chair_id = seed(app, args.clients, extra + args.single)
    pack_ids, single_ids = pack_ids[:extra], pack_ids[extra:]
    stack = Stack(args.database_url, storage, args.worker_nice)
    try:
        wait_for(lambda: _pings(stack.redis_port), 10, "redis-server")
        base = stack.start_web(args.gunicorn_workers)
        stack.start_worker(2)
        print(f"cpus: {os.cpu_count()}, load average now: {os.getloadavg()[0]:.1f}; gunicorn workers: "
              f"{args.gunicorn_workers}; Celery: 1 worker with 2 processes at nice {args.worker_nice}")
        if "journey" not in skip:
            run_journeys(app, base, pairs, args.clients, args.ramp, args.think)
        queued_app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "PDF_CACHE_DIR": str(storage),
                                 "CELERY_BROKER_URL": stack.env["CELERY_BROKER_URL"], "SECRET_KEY": "b" * 40})
        if "single" not in skip and single_ids:
            single_approvals(app, queued_app, single_ids, owner_id, chair_id)
        pack = pack_ids[: args.pack]
        if "warm" not in skip:
            approve_all(queued_app, pack, owner_id, chair_id)
            with app.app_context():
                wait_for(lambda: _render_jobs_done(pack), max(1800, 20 * len(pack)),
                         "the renders on approval", step=1)
            time.sleep(60)  # "approved more than a minute earlier"
            seconds, _ = timed_pack(app, base, pack, "Warm")
            print(f"3. warm pack of {len(pack)} pre-rendered syllabi: {seconds:.2f} s")
        else:
            approve_all(app, pack_ids, owner_id, chair_id)
        if "cold" not in skip:
            stack.stop_workers()
            times = {}
            for processes in (1, 2):
                empty_storage(storage)
                stack.start_worker(processes)
                times[processes], _ = timed_pack(app, base, pack, f"Cold {processes}")
                stack.stop_workers()
            print(f"4. cold pack of {len(pack)}: 1 process {times[1]:.1f} s, 2 processes {times[2]:.1f} s, "
                  f"speed-up {times[1] / times[2]:.2f}x")
        if "kill" not in skip:
            stack.stop_workers()
            kill_test(app, stack, base, pack_ids[: args.kill_pack], storage, 2)
        print(f"load average at the end: {os.getloadavg()[0]:.1f} (1 min), {os.getloadavg()[2]:.1f} (15 min)")
    finally:
        stack.close()
        shutil.rmtree(storage, ignore_errors=True)


def _pings(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


if __name__ == "__main__":
    main()
