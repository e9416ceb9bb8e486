"""Real Redis and real Celery workers for the tests marked `celery` (scripts/test.sh's third pass).

The broker is CELERY_TEST_BROKER_URL (emptied first: it is the tests' own database number), or with
CELERY_TESTS=own a redis-server started here on a free port. Without either the tests are skipped:
the SQLite and PostgreSQL passes run the same tasks in-process.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from designer.jobs.queue import WORKER_QUEUES

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def broker_url(tmp_path_factory):
    url = os.environ.get("CELERY_TEST_BROKER_URL")
    if url:
        redis.Redis.from_url(url).flushdb()
        yield url
        return
    if os.environ.get("CELERY_TESTS") != "own" or not shutil.which("redis-server"):
        pytest.skip("real-worker tests need CELERY_TEST_BROKER_URL (scripts/test.sh) or CELERY_TESTS=own")
    port, folder = _free_port(), tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                               "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    _wait(lambda: _pings(url), 10, "redis-server did not start")
    yield url
    server.terminate()
    server.wait(10)


def _pings(url: str) -> bool:
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


def _wait(condition, seconds: float, message: str, step: float = 0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(message)


class Worker:
    """A `celery worker` process on the test database, broker and storage."""

    def __init__(self, env: dict, concurrency: int, log: Path):
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "designer.jobs.worker", "worker", "--pool", "prefork",
             "--concurrency", str(concurrency), "--queues", WORKER_QUEUES, "--without-gossip",
             "--without-mingle", "--loglevel", "INFO", "--hostname", f"test-{log.stem}@%h"],
            cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
        _wait(lambda: self.children() or self.process.poll() is not None, 60, "the worker did not start")
        assert self.process.poll() is None, log.read_text()

    def children(self) -> list[int]:
        """Pids of the worker's pool processes."""
        found = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                lines = status.read_text().splitlines()
                fields = dict(line.split(":\t", 1) for line in lines if ":\t" in line)
            except OSError:
                continue
            if fields.get("PPid", "").strip() == str(self.process.pid):
                found.append(int(status.parent.name))
        return found

    def signal(self, number: int) -> None:
        self.process.send_signal(number)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().split()[2] if Path(f"/proc/{pid}/stat").exists() else "X"
    return state != "Z"  # a zombie has exited; only its exit status waits to be collected


@pytest.fixture
def start_worker(database_url, broker_url, tmp_path):
    """start_worker(concurrency=2, **env) -> a running Worker; all are stopped after the test.

    The broker is emptied first: a message an earlier test left queued names a job id of that test's
    database, which the next test's database reuses for another job.
    """
    redis.Redis.from_url(broker_url).flushdb()
    started = []

    def start(concurrency: int = 2, **extra) -> Worker:
        env = {**os.environ, "DATABASE_URL": database_url, "CELERY_BROKER_URL": broker_url,
               "SECRET_KEY": "test-secret", "PDF_CACHE_DIR": str(tmp_path / "storage"),
               "INSTITUTION_NAME": "Test University", "CELERY_VISIBILITY_TIMEOUT": "6",
               "LOG_LEVEL": "INFO", **{k: str(v) for k, v in extra.items()}}
        worker = Worker(env, concurrency, tmp_path / f"worker-{len(started) + 1}.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


wait = _wait
