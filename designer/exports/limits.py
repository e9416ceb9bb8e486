"""RENDER_TIME_LIMIT without Celery: renders in child processes that are killed when they overrun.

Under a Celery worker the task's soft and hard time limits stop a render. In-process (no broker) a
render in a thread cannot be stopped, so the limited paths render in spawned processes instead:
`render_within` (one syllabus, render on approval) in a small pool kept for the next render, and
`completed_within` (the pack pool) as a watchdog over the pool's futures. When the limit passes,
the processes are killed (a pool cannot stop a single task) and RenderTimeout says so; the job then
fails visibly. Each child also asks the kernel to die with its parent (PR_SET_PDEATHSIG), so a
killed web process leaves no render behind.
"""

import ctypes
import logging
import multiprocessing
import signal
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from designer.exports.pdf import render_in_worker

logger = logging.getLogger(__name__)
_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


class RenderTimeout(Exception):
    """A render took longer than RENDER_TIME_LIMIT; its process was killed."""

    def __init__(self, limit: float):
        self.limit = limit
        super().__init__(f"A syllabus took longer than {limit:g} s to render (RENDER_TIME_LIMIT); "
                         "its render process was stopped.")


def die_with_parent() -> None:
    """Initializer of render processes: SIGKILL when the process (thread) that started it dies."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:  # not Linux: an orphan render ends when it finishes
        pass


def render_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` spawned render processes (spawn: the web app is threaded, see packs)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=die_with_parent)


def kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now, killing its processes (and so whatever they were rendering)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public API before 3.14
    for process in processes:
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(5)


def completed_within(futures: Iterable[Future], limit: float | None, pool: ProcessPoolExecutor
                     ) -> Iterator[Future]:
    """Like `as_completed`, but when no render finishes for `limit` seconds, kill the pool and raise.

    A pool process takes its next render only when it finishes one, so if nothing has finished for
    `limit` seconds, every render still running has been running for at least that long.
    """
    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=limit, return_when=FIRST_COMPLETED)
        if not done:
            kill(pool)
            raise RenderTimeout(limit)
        yield from done


def render_within(html: str, strict: bool, limit: float) -> bytes:
    """One syllabus rendered in this process's render process, killed after `limit` seconds."""
    global _pool
    with _pool_lock:  # one render at a time: the in-process runner has two threads at most
        for attempt in (1, 2):
            if _pool is None:
                _pool = render_pool(1)
            pool = _pool
            try:
                [done] = completed_within([pool.submit(render_in_worker, html, strict)], limit, pool)
                return done.result()
            except RenderTimeout:
                _pool = None
                logger.error("a render exceeded RENDER_TIME_LIMIT=%s s; its process was killed", limit)
                raise
            except BrokenProcessPool:  # its process died (e.g. with the thread that started it): anew
                _pool = None
                if attempt == 2:
                    raise
    raise AssertionError("unreachable")
