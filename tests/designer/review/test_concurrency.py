"""Concurrency over real HTTP (threaded server on loopback): racing decisions have one winner, and a
short run of the 20-client benchmark keeps every invariant (no 500, an audit row per transition)."""

import threading
from collections import Counter

import pytest
from werkzeug.serving import make_server

from benchmarks import bench_review_concurrency as bench


@pytest.fixture
def server(app, make_app):
    live = make_app(WTF_CSRF_ENABLED=False)
    srv = make_server("127.0.0.1", 0, live, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_port}", live
    srv.shutdown()


def test_twenty_clients_keep_every_invariant(server, monkeypatch):
    base, live = server
    monkeypatch.setattr(bench, "upgrade", lambda: None)  # the session database is already migrated
    authors, reviewers = bench.seed(live)
    designs = [d for _, ids in authors for d in ids]
    stats, lock, won = {"codes": Counter(), "ms": []}, threading.Lock(), Counter()
    threads = [
        threading.Thread(
            target=bench.author_loop,
            args=(bench.Client(base, email, stats, lock), ids, 6, bench.random.Random(i)),
        )
        for i, (email, ids) in enumerate(authors)
    ]
    threads += [
        threading.Thread(
            target=bench.reviewer_loop,
            args=(
                bench.Client(base, email, stats, lock),
                designs,
                6,
                bench.random.Random(100 + i),
                won,
                lock,
            ),
        )
        for i, email in enumerate(reviewers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(threads) == 20 and stats["codes"][500] == 0
    assert bench.verify(live, won) == []
    assert sum(stats["codes"].values()) >= 20 * 6


def test_two_reviewers_deciding_at_once_one_wins(server, flow, people, make_design, monkeypatch):
    base, live = server
    monkeypatch.setattr(bench, "PASSWORD", "correct-horse-42")
    d = make_design(people.author)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    stats, lock = {"codes": Counter(), "ms": []}, threading.Lock()
    clients = [bench.Client(base, email, stats, lock) for email in ("rev1@test.example", "rev2@test.example")]
    gate, outcomes = threading.Barrier(2), []

    def decide(client, decision):
        gate.wait()
        code, location = client.post(
            f"/review/designs/{d}/decision", {"decision": decision, "comment": "now"}
        )
        outcomes.append("Decision recorded" in client.get(location))

    threads = [
        threading.Thread(target=decide, args=(c, x))
        for c, x in zip(clients, ("approve", "reject"), strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == [False, True] and stats["codes"][500] == 0
    status = flow.design(d).status
    assert status in ("approved", "rejected")  # whichever came first, and only that one is in the log
    assert bench.verify(live, Counter({"approve" if status == "approved" else "reject": 1})) == []
