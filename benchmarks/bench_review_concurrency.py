"""Benchmark: 20 parallel clients submitting, reviewing, deciding and withdrawing over HTTP at the same time.

Why: two reviewers deciding at once, a decision racing a withdrawal, a review racing a decision must
never leave a design in an impossible state, lose an audit row, or answer 500.

It builds a fresh database with the real migrations (a new SQLite file, or the EMPTY database given with
--database-url), creates 10 authors with 3 complete designs each and 10 reviewers of the same institution,
serves the real app with werkzeug's threaded server on 127.0.0.1, and runs 20 threads (10 authors,
10 reviewers), each with its own cookie session (urllib), for --rounds operations each: authors submit,
resubmit or withdraw their designs; reviewers record reviews and post random decisions on random designs,
deliberately racing each other. CSRF is off so the clients need not scrape tokens (CSRF has its own tests).

Then it checks, from the database alone: every design is in a valid status; the audit log of each design
is an unbroken chain draft -> ... -> current status (an audit row for every transition); at most one open
submission per design, open exactly while the design is with the committee; every closed submission has
its closing audit row; approved designs point at an approved submission's revision; decisions the clients
saw succeed equal the decision rows in the log; no response was a 500. Prints the figures; exit 1 on any
violation.

Run: ``.venv/bin/python benchmarks/bench_review_concurrency.py [--rounds 30] [--database-url URL]``
"""

from __future__ import annotations

import argparse
import http.cookiejar
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402 - after the path set-up above
from flask_migrate import upgrade  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from designer import create_app  # noqa: E402
from designer.auth.hashing import hash_password  # noqa: E402
from designer.designs.services import create_design  # noqa: E402
from designer.extensions import db  # noqa: E402
from designer.models import AuditEvent, Design, Status, Submission, User  # noqa: E402
from designer.review.workflow import Action, target  # noqa: E402
from tests.conftest import example_document  # noqa: E402

PASSWORD = "bench-password-1"
AUTHORS, REVIEWERS, DESIGNS_EACH = 10, 10, 3
RATINGS = {f"rating_M0{i}": "3" for i in range(1, 7)}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # keep the 303 so the client can see where it was sent


class Client:
    """One person in a browser: own cookies, records status codes and latencies."""

    def __init__(self, base: str, email: str, stats: dict, lock: threading.Lock):
        self.base, self.stats, self.lock = base, stats, lock
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )
        self.post("/login", {"email": email, "password": PASSWORD})

    def get(self, path: str) -> str:
        """The page at `path` (used to read the flashed outcome after a redirect)."""
        try:
            with self.opener.open(
                path if path.startswith("http") else self.base + path, timeout=60
            ) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as error:  # e.g. 403: the design was withdrawn since the redirect
            error.read()
            with self.lock:
                self.stats["codes"][error.code] += 1
            return ""

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        started = time.perf_counter()
        try:
            response = self.opener.open(self.base + path, data=body, timeout=60)
            code, location = response.status, response.headers.get("Location", "")
            response.read()
        except urllib.error.HTTPError as error:
            code, location = error.code, error.headers.get("Location", "")
            error.read()
        with self.lock:
            self.stats["codes"][code] += 1
            self.stats["ms"].append((time.perf_counter() - started) * 1000)
        return code, location


def seed(app) -> tuple[list[tuple[str, list[int]]], list[str]]:
    with app.app_context():
        upgrade()
        password = hash_password(PASSWORD)
        authors, reviewers = [], []
        for i in range(AUTHORS):
            user = User(
                email=f"author{i}@bench.example",
                name=f"Author {i}",
                role="faculty",
                institution="Bench University",
                department=f"Dept {i % 3}",
                password_hash=password,
            )
            db.session.add(user)
            db.session.flush()
            ids = [
                create_design(db.session, user, example_document() | {"title": f"Design {i}-{k}"}).id
                for k in range(DESIGNS_EACH)
            ]
            authors.append((user.email, ids))
        for i in range(REVIEWERS):
            db.session.add(
                User(
                    email=f"reviewer{i}@bench.example",
                    name=f"Reviewer {i}",
                    role="reviewer",
                    institution="Bench University",
                    password_hash=password,
                )
            )
            reviewers.append(f"reviewer{i}@bench.example")
        db.session.commit()
    return authors, reviewers


def author_loop(client: Client, designs: list[int], rounds: int, rng: random.Random) -> None:
    for _ in range(rounds):
        d = rng.choice(designs)
        if rng.random() < 0.8:
            client.post(f"/designs/{d}/submit", {})
        else:
            client.post(f"/designs/{d}/withdraw", {"comment": "bench withdraw"})


def reviewer_loop(
    client: Client, designs: list[int], rounds: int, rng: random.Random, won: Counter, lock: threading.Lock
) -> None:
    for _ in range(rounds):
        d = rng.choice(designs)
        if rng.random() < 0.5:
            client.post(f"/review/designs/{d}", RATINGS | {"comment_M01": "bench", "private_note": "bench"})
        else:
            decision = rng.choice(["approve", "request_changes", "reject"])
            code, location = client.post(
                f"/review/designs/{d}/decision", {"decision": decision, "comment": "bench decision"}
            )
            if code == 303 and "Decision recorded" in client.get(location):  # the flash says who won
                with lock:
                    won[decision] += 1


def verify(app, won: Counter) -> list[str]:
    problems = []
    moves = {action.value for action in Action}
    with app.app_context():
        for design in db.session.scalars(sa.select(Design)):
            if design.status not in {s.value for s in Status}:
                problems.append(f"design {design.id}: invalid status {design.status}")
            events = db.session.scalars(
                sa.select(AuditEvent)
                .where(AuditEvent.design_id == design.id, AuditEvent.action.in_(moves))
                .order_by(AuditEvent.id)
            ).all()
            current = Status.DRAFT
            for e in events:
                if e.from_status != current.value or target(Action(e.action), current) != Status(e.to_status):
                    problems.append(
                        f"design {design.id}: audit row {e.id} {e.action} {e.from_status}->{e.to_status} "
                        f"does not follow {current.value}"
                    )
                current = Status(e.to_status)
            if current.value != design.status:
                problems.append(f"design {design.id}: log ends at {current.value}, design is {design.status}")
            subs = db.session.scalars(sa.select(Submission).where(Submission.design_id == design.id)).all()
            open_subs = [s for s in subs if s.outcome == "open"]
            waiting = design.status in (Status.SUBMITTED.value, Status.IN_REVIEW.value)
            if len(open_subs) != (1 if waiting else 0):
                problems.append(
                    f"design {design.id}: {len(open_subs)} open submissions while {design.status}"
                )
            for s in subs:
                if s.outcome != "open" and not any(
                    e.submission_id == s.id and e.action == s.outcome for e in events
                ):
                    problems.append(
                        f"design {design.id}: submission {s.id} closed as {s.outcome} without audit row"
                    )
            approved = {s.revision_id for s in subs if s.outcome == "approved"}
            if (design.approved_revision_id is not None) != bool(approved) or (
                approved and design.approved_revision_id not in approved
            ):
                problems.append(
                    f"design {design.id}: approved revision does not match an approved submission"
                )
        logged = Counter(
            db.session.scalars(
                sa.select(AuditEvent.action).where(
                    AuditEvent.action.in_(["approved", "changes_requested", "rejected"])
                )
            )
        )
        seen = Counter(
            {
                {"approve": "approved", "request_changes": "changes_requested", "reject": "rejected"}[k]: v
                for k, v in won.items()
            }
        )
        if logged != seen:
            problems.append(
                f"decisions seen by clients {dict(seen)} != decisions in the audit log {dict(logged)}"
            )
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="operations per client")
    parser.add_argument("--database-url", default="", help="an EMPTY database (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    url = args.database_url or "sqlite:///" + str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "INSTITUTION_NAME": "Bench University",
        }
    )
    authors, reviewers = seed(app)
    designs = [d for _, ids in authors for d in ids]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    stats, lock, won = {"codes": Counter(), "ms": []}, threading.Lock(), Counter()
    rng = random.Random(args.seed)
    threads = []
    for email, ids in authors:
        client = Client(base, email, stats, lock)
        threads.append(
            threading.Thread(target=author_loop, args=(client, ids, args.rounds, random.Random(rng.random())))
        )
    for email in reviewers:
        client = Client(base, email, stats, lock)
        threads.append(
            threading.Thread(
                target=reviewer_loop,
                args=(client, designs, args.rounds, random.Random(rng.random()), won, lock),
            )
        )
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    server.shutdown()
    problems = verify(app, won)
    with app.app_context():
        final = Counter(db.session.scalars(sa.select(Design.status)))
        rows = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
    ms = sorted(stats["ms"])
    print(
        f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}; clients: {len(threads)}; "
        f"requests: {len(ms)} in {elapsed:.1f} s ({len(ms) / elapsed:.0f} req/s)"
    )
    print(
        f"latency ms: median {statistics.median(ms):.1f}, "
        f"p95 {ms[int(len(ms) * 0.95) - 1]:.1f}, max {ms[-1]:.1f}"
    )
    print(f"responses: {dict(sorted(stats['codes'].items()))}; 500s: {stats['codes'][500]}")
    print(f"decisions won by clients: {dict(won)}; audit rows: {rows}; final statuses: {dict(final)}")
    print("invariants: " + ("all hold" if not problems else f"{len(problems)} VIOLATED"))
    for problem in problems[:20]:
        print("  " + problem)
    return 1 if problems or stats["codes"][500] else 0


if __name__ == "__main__":
    sys.exit(main())
