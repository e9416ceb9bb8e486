"""On-disk cache of approved syllabi: one PDF per approved revision and template version.

An approved revision never changes, so its PDF is rendered once. The key is the revision's id and
its creation time (so a database restored or rebuilt with reused ids cannot serve another design's
PDF) plus `template_version()`, a hash of everything else a PDF is made of: the export templates,
the print CSS and images, the labels, the code that builds the template's data and renders it, and
the WeasyPrint version. A change to any of them misses the old files, so a stale PDF is never
served and nobody has to remember to bump a number. Writes go to a temporary file in the same folder
and are renamed into place
(os.replace is atomic on one file system), so a reader never sees half a PDF even while pack
workers and web requests render the same revision at once. The covers and contents of packs are
kept here too (kind "front"), keyed by a hash of their HTML.
"""

import functools
import hashlib
import os
import tempfile
from pathlib import Path

import weasyprint

from designer import storage

ROOT = Path(__file__).resolve().parents[2]
# What a rendered syllabus or pack front depends on besides the revision itself.
PDF_INPUTS = (
    "templates/exports/syllabus.html", "templates/exports/pack_front.html", "static/print",
    "designer/designs/vocabulary.py", "designer/template_helpers.py",
    "designer/exports/context.py", "designer/exports/figures.py", "designer/exports/languages.py",
    "designer/exports/institution.py", "designer/exports/pdf.py", "designer/exports/weasyprint_patch.py",
    "designer/review/approved.py",
)


@functools.cache
def template_version() -> str:
    """A short hash of every file in PDF_INPUTS (and the WeasyPrint version), computed once per process."""
    digest = hashlib.sha256(weasyprint.__version__.encode())
    for name in PDF_INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes() if file.is_file() else b"missing")
    return digest.hexdigest()[:16]


class PdfCache:
    """PDFs of approved revisions under `directory` (PDF_CACHE_DIR); `kind` names other PDFs kept there."""

    def __init__(self, directory: str | os.PathLike, kind: str = "revision"):
        self.directory = Path(directory)
        self.kind = kind
        # STORAGE_BACKEND=database: the rows are the storage and this folder is the local copy of them.
        self.store = storage.store_for(self.directory)

    def _local(self, key: str) -> Path:
        return self.directory / f"{self.kind}-{key}-t{template_version()}.pdf"

    def path(self, key: str) -> Path:
        """Where the PDF of cache key `key` (see `revision_key`) lives, for the current template version
        (fetched from the database store first when this machine has no copy yet)."""
        local = self._local(key)
        if self.store is not None and not local.is_file():
            data = self.store.get(local.name)
            if data is not None:
                atomic_write(local, data)
        return local

    def get(self, key: str) -> bytes | None:
        """The cached PDF, or None."""
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def has(self, key: str) -> bool:
        local = self._local(key)
        return local.is_file() or (self.store is not None and self.store.has(local.name))

    def put(self, key: str, data: bytes) -> Path:
        """Store a PDF atomically (in the database store too, when there is one); returns its path."""
        if self.store is not None:
            self.store.put(self._local(key).name, data)
        return atomic_write(self._local(key), data)


def revision_key(revision) -> str:
    """The cache key of a DesignRevision: its id and creation time in microseconds."""
    return f"{int(revision.id)}-{int(revision.created_at.timestamp() * 1_000_000)}"


def current_umask() -> int:
    """The process umask, read without changing it where Linux allows (os.umask can only set it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(target: Path, data: bytes) -> Path:
    """Write `data` to `target` through a temporary file and a rename.

    The file gets the mode a plain open() would give (0666 less the umask): mkstemp makes 0600 files,
    which other accounts (a web server, a colleague) could not read.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
