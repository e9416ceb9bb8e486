"""Benchmark: syllabus PDFs and syllabi packs (WeasyPrint 70, pikepdf merge), with a look at the pages.

Prints, in one run:
1. one syllabus through the app (score with the rubric engine, build the plain context, render the
   template, render with the safe URL fetcher, write the cache) against bare WeasyPrint on the same
   HTML (goal: app overhead under 10%);
2. a pack of N approved designs (default 100), cold, with 1 and with 2 worker processes (goal: 2
   workers at least 1.6x faster), then warm from the cache (goal: under 3 s and under 5% of cold);
3. peak memory of the cold 2-worker pack: this process plus its worker processes, sampled from /proc
   every 50 ms while it runs (goal: under 500 MiB), cross-checked with getrusage (SELF + CHILDREN);
4. PNG pages (pdftoppm) of one syllabus and of the pack's first pages in benchmarks/out/.

It builds a fresh SQLite database with the real migrations in a temporary folder and N approved
designs (the shared example with varied titles and codes).

Run: ``.venv/bin/python benchmarks/bench_pdf.py [--designs 100] [--repeat 11]``
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402 - after the path set-up above
from pypdf import PdfReader  # noqa: E402
from weasyprint import HTML  # noqa: E402

from designer import create_app  # noqa: E402
from designer.auth.services import create_user  # noqa: E402
from designer.designs.services import create_design  # noqa: E402
from designer.exports import syllabus  # noqa: E402
from designer.exports.cache import PdfCache  # noqa: E402
from designer.exports.jobs import html_builder  # noqa: E402
from designer.exports.packs import build_pack, find_approved, pack_entries  # noqa: E402
from designer.exports.pdf import ACCESSIBLE  # noqa: E402
from designer.extensions import db  # noqa: E402
from designer.models import DesignRevision, Status  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
EXAMPLE = json.loads((ROOT / "designer" / "demo" / "digital-marketing-analytics.json").read_text("utf-8"))
TOPICS = ["Digital Marketing", "Data Literacy", "Cloud Basics", "Spreadsheet Skills", "Soil Health",
          "Tally ERP", "Public Speaking", "Solar Installation", "Food Safety", "Python Programming"]
MIB = 1024 * 1024


def seed(count: int) -> None:
    """A user and `count` approved designs."""
    owner = create_user(db.session, email="bench@example.org", password="bench-password-1", role="faculty",
                        name="Bench", institution="Bench University", department="School of Benchmarks")
    for n in range(count):
        document = json.loads(json.dumps(EXAMPLE))
        document["title"] = f"{TOPICS[n % len(TOPICS)]} Essentials {n + 1}"
        document["code"] = f"MC-B-{n + 1:03d}"
        design = create_design(db.session, owner, document, note="Benchmark")
        revision = db.session.query(DesignRevision).filter_by(design_id=design.id).one()
        design.approved_revision_id, design.status = revision.id, Status.APPROVED.value
    db.session.commit()


def interleaved_times(first, second, repeat: int) -> tuple[list[float], list[float]]:
    """Run the two alternately, swapping which goes first each round, so drift and load from other
    processes hit both alike; collect garbage before each run so neither pays for the other's."""
    times: tuple[list[float], list[float]] = ([], [])
    pairs = ((first, times[0]), (second, times[1]))
    for round_ in range(repeat):
        for fn, bucket in pairs if round_ % 2 == 0 else pairs[::-1]:
            gc.collect()
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return times


def one_syllabus(app, repeat: int, cache_dir: Path) -> Path:
    design = find_approved(db.session)[0]
    revision = syllabus.approved_revision(db.session, design)
    html = syllabus.syllabus_html(db.session, design, revision, app.config, draft=False)
    # Bare WeasyPrint: the same HTML string, its relative URLs resolved against the project folder by
    # the default fetcher, so it loads the same print CSS and logo (checked below) with no app code.
    # Same PDF variant as the app (tagged PDF/UA-1), so both documents are the same kind.
    bare = lambda: HTML(string=html, base_url=str(ROOT) + "/").write_pdf(pdf_variant=ACCESSIBLE)  # noqa: E731

    def through_app():
        shutil.rmtree(cache_dir, ignore_errors=True)
        return syllabus.approved_pdf(db.session, design, app.config)

    same = _same_document(bare(), through_app())  # also the warm-up: fonts, imports, rubric files
    print(f"1 syllabus: bare and app PDFs {same}")
    bare_times, app_times = interleaved_times(bare, through_app, repeat)
    for name, pick in (("median", statistics.median), ("best", min)):
        t_bare, t_app = pick(bare_times), pick(app_times)
        print(f"1 syllabus ({name} of {repeat}): bare WeasyPrint on the same HTML {t_bare:.3f} s; "
              f"through the app {t_app:.3f} s -> overhead {100 * (t_app - t_bare) / t_bare:+.1f}% "
              "(goal < 10%)")
    paired = statistics.median(a / b for a, b in zip(app_times, bare_times, strict=True))
    print(f"  median of the {repeat} paired rounds (app / bare in one round): {100 * (paired - 1):+.1f}%")
    print("  (through the app = cache look-up, rubric report, plain context, template, safe URL fetcher, "
          "atomic cache write)")
    own = [0.0] * repeat
    for i in range(repeat):
        start = time.perf_counter()
        syllabus.syllabus_html(db.session, design, revision, app.config, draft=False)
        own[i] = time.perf_counter() - start
    share = 100 * statistics.median(own) / statistics.median(bare_times)
    print(f"  the app's own work before WeasyPrint (score, context, template): "
          f"{1000 * statistics.median(own):.1f} ms median = {share:.1f}% of a bare render")
    path = OUT / "syllabus.pdf"
    path.write_bytes(through_app())
    return path
def _same_document(bare: bytes, app: bytes) -> str:
    """Proof that both paths render the same document: pages, fonts, images and size."""
    def shape(data: bytes):
        reader = PdfReader(io.BytesIO(data))
        resources = [page["/Resources"] for page in reader.pages]
        fonts = sorted({str(f.get_object()["/BaseFont"])[7:] for r in resources for f in r["/Font"].values()})
        images = sum(len(r.get("/XObject", {})) for r in resources)
        return len(reader.pages), fonts, images
    if shape(bare) != shape(app) or abs(len(bare) - len(app)) > 0.01 * len(bare):
        raise SystemExit(f"not the same document: bare {shape(bare)} {len(bare)} B, app {shape(app)} "
                         f"{len(app)} B")
    pages, fonts, images = shape(app)
    return (f"match: {pages} pages, {len(fonts)} fonts ({', '.join(fonts)}), {images} image XObjects, "
            f"{len(bare)} / {len(app)} bytes")


class PeakRss:
    """Peak of (this process + all its descendants) resident memory, sampled from /proc."""

    def __init__(self, interval: float = 0.05):
        self.interval, self.peak, self._stop = interval, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(_rss(pid) for pid in _tree(os.getpid())))
            time.sleep(self.interval)


def _tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            children = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
            for child in children:
                pids += _tree(int(child))
    except OSError:
        pass
    return pids


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def packs(app, cache_dir: Path, count: int) -> Path:
    designs = find_approved(db.session)[:count]
    entries = pack_entries(db.session, designs)
    html_for = html_builder(db.session, designs, app.config)
    cache = PdfCache(cache_dir)
    output = OUT / "pack.pdf"
    timings = {}
    for workers in (1, 2):
        shutil.rmtree(cache_dir, ignore_errors=True)
        with PeakRss() as peak:
            start = time.perf_counter()
            pages = build_pack(entries, html_for, cache, output, title=f"Benchmark pack of {count}",
                               workers=workers)
            timings[workers] = time.perf_counter() - start
        print(f"pack of {count}, cold, {workers} worker process{'es' if workers > 1 else ''}: "
              f"{timings[workers]:6.2f} s ({pages} pages, {output.stat().st_size / MIB:.1f} MiB); "
              f"peak RSS of this process + workers {peak.peak / MIB:.0f} MiB (goal < 500 MiB)")
    print(f"speed-up of 2 workers over 1: {timings[1] / timings[2]:.2f}x (goal >= 1.6x)")
    warm = {}
    for label, title in (("new title: only the cover rendered", f"Another pack of {count}"),
                         ("same pack again: cover and contents cached too", f"Benchmark pack of {count}")):
        start = time.perf_counter()
        build_pack(entries, html_for, cache, output, title=title, workers=2)
        warm[label] = time.perf_counter() - start
    for label, seconds in warm.items():
        print(f"pack of {count}, warm, syllabi from the cache, {label}: {seconds:5.2f} s = "
              f"{100 * seconds / timings[2]:.1f}% of the 2-worker cold time (goals < 3 s, < 5%)")
    self_max = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_max = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"getrusage: this process peak {self_max:.0f} MiB, largest worker peak {child_max:.0f} MiB "
          f"(upper bound with 2 workers: {self_max + 2 * child_max:.0f} MiB)")
    return output


def pngs(syllabus_pdf: Path, pack_pdf: Path) -> None:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (apt-get install poppler-utils): no PNG pages written")
        return
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(syllabus_pdf), str(OUT / "syllabus")], check=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "4", str(pack_pdf), str(OUT / "pack")],
                   check=True)
    print(f"PNG pages: {', '.join(sorted(p.name for p in OUT.glob('*.png')))} in {OUT}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--designs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        cache_dir = Path(tmp) / "pdf-cache"
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3",
                          "PDF_CACHE_DIR": str(cache_dir), "SECRET_KEY": "bench"})
        with app.app_context():
            upgrade()
            seed(args.designs)
            print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (other work on the machine "
                  f"slows every figure); {args.designs} approved designs in a fresh SQLite database")
            syllabus_pdf = one_syllabus(app, args.repeat, cache_dir)
            pack_pdf = packs(app, cache_dir, args.designs)
            pngs(syllabus_pdf, pack_pdf)
            print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
