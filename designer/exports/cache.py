"""On-disk cache of approved syllabi: one PDF per approved revision and template version.

An approved revision never changes, so its PDF is rendered once. The key is the revision's id and
its creation time (so a database restored or rebuilt with reused ids cannot serve another design's
PDF) plus TEMPLATE_VERSION,
so a change of layout simply misses the old files (bump it whenever templates/exports or
static/print change). Writes go to a temporary file in the same folder and are renamed into place
(os.replace is atomic on one file system), so a reader never sees half a PDF even while pack
workers and web requests render the same revision at once. The covers and contents of packs are
kept here too (kind "front"), keyed by a hash of their HTML.
"""

import os
import tempfile
from pathlib import Path

TEMPLATE_VERSION = "4"


class PdfCache:
    """PDFs of approved revisions under `directory` (PDF_CACHE_DIR); `kind` names other PDFs kept there."""

    def __init__(self, directory: str | os.PathLike, kind: str = "revision"):
        self.directory = Path(directory)
        self.kind = kind

    def path(self, key: str) -> Path:
        """Where the PDF of cache key `key` (see `revision_key`) lives, for the current template version."""
        return self.directory / f"{self.kind}-{key}-t{TEMPLATE_VERSION}.pdf"

    def get(self, key: str) -> bytes | None:
        """The cached PDF, or None."""
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def put(self, key: str, data: bytes) -> Path:
        """Store a PDF atomically; returns its path."""
        return atomic_write(self.path(key), data)


def revision_key(revision) -> str:
    """The cache key of a DesignRevision: its id and creation time in microseconds."""
    return f"{int(revision.id)}-{int(revision.created_at.timestamp() * 1_000_000)}"


def atomic_write(target: Path, data: bytes) -> Path:
    """Write `data` to `target` through a temporary file and a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
