"""HTML to PDF with WeasyPrint, fetching nothing but `data:` URLs and files of the app's static folder.

Why a URLFetcher subclass: WeasyPrint's default fetcher follows any URL it meets (file://, loopback
HTTP), which would let text in a design read server files into the PDF or probe the network. The
templates escape every user string, so a stray URL should never reach here; this is the second wall.
WeasyPrint 70 requires a `URLFetcher` subclass returning `URLFetcherResponse` (tech-notes section 3).
"""

import ctypes
import ctypes.util
import gc
import logging
import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from designer.exports import weasyprint_patch

weasyprint_patch.apply()

# Templates are rendered against this base, which points nowhere real: relative URLs such as
# "static/print/syllabus.css" become https://app.invalid/static/..., which only the fetcher resolves.
SENTINEL_BASE = "https://app.invalid/"
STATIC_PREFIX = SENTINEL_BASE + "static/"
STATIC_DIR = Path(__file__).resolve().parents[2] / "static"

logger = logging.getLogger(__name__)


class BlockedURL(ValueError):
    """A URL the PDF renderer refuses to fetch."""


class SafeURLFetcher(URLFetcher):
    """Serve `data:` URLs and files inside `static_folder`; refuse everything else without a socket."""

    def __init__(self, static_folder: str | os.PathLike = STATIC_DIR, *, fail_on_errors: bool = False):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=fail_on_errors)
        self.static_root = os.path.realpath(static_folder)
        self.blocked: list[str] = []  # what was refused, for logs and tests

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)  # urllib's DataHandler: decoding only, no I/O
        if url.startswith(STATIC_PREFIX):
            path = self._static_file(url)
            if path is not None:
                with open(path, "rb") as handle:
                    body = handle.read()
                mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body, headers={"Content-Type": mimetype})
        self.blocked.append(url)
        logger.warning("PDF rendering refused to fetch %r", url[:200])
        raise BlockedURL(f"refused to fetch {url[:200]!r}: only data: URLs and the app's static files "
                         "are allowed")

    def _static_file(self, url: str) -> str | None:
        """The real path of a static file named by `url`, or None if it leaves the static folder."""
        relative = unquote(urlsplit(url).path)[len("/static/"):]
        candidate = os.path.realpath(os.path.join(self.static_root, relative))
        if candidate.startswith(self.static_root + os.sep) and os.path.isfile(candidate):
            return candidate
        return None


# Tagged PDF/UA-1 (structure tree, document language, alt text, XMP metadata) by default; PDF/A-3b,
# the archival variant, on request. WeasyPrint writes title, author, description, keywords and dates
# from the document's <title> and <meta> elements into both the document info and the XMP.
ACCESSIBLE = "pdf/ua-1"
ARCHIVAL = "pdf/a-3b"
UNTAGGED = None  # only for the pack's page-number stamps, drawn as Artifacts into tagged pages
VARIANTS = (ACCESSIBLE, ARCHIVAL, UNTAGGED)


def render_pdf(html: str, *, static_folder: str | os.PathLike = STATIC_DIR,
               fail_on_errors: bool = False, variant: str | None = ACCESSIBLE) -> bytes:
    """Render an HTML string (from our templates) to PDF bytes, safely.

    Args:
        html: the full document; relative URLs resolve against SENTINEL_BASE.
        static_folder: the only folder files may come from.
        fail_on_errors: abort on any refused URL (tests and CI) instead of leaving it out.
        variant: ACCESSIBLE (tagged PDF/UA-1), ARCHIVAL (PDF/A-3b) or UNTAGGED.
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown PDF variant {variant!r}")
    fetcher = SafeURLFetcher(static_folder, fail_on_errors=fail_on_errors)
    return HTML(string=html, base_url=SENTINEL_BASE, url_fetcher=fetcher).write_pdf(pdf_variant=variant)


def render_in_worker(html: str, fail_on_errors: bool = False) -> bytes:
    """Entry point of pack worker processes: plain string in, PDF bytes out (picklable both ways)."""
    try:
        return render_pdf(html, fail_on_errors=fail_on_errors)
    finally:
        release_memory()


def _load_libc():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


_LIBC = _load_libc()


def release_memory() -> None:
    """Hand the memory of finished renders back to the OS, so a long-lived process does not ratchet up.

    WeasyPrint's boxes and styles form reference cycles, which wait for the cyclic GC; and glibc keeps
    freed heap pages mapped. A pack worker that collected and trimmed after each render stayed at about
    110 MiB over 40 renders instead of creeping to 136 MiB. Costs a few milliseconds per render.
    """
    gc.collect()
    if _LIBC is not None and hasattr(_LIBC, "malloc_trim"):  # glibc only; elsewhere the GC alone
        _LIBC.malloc_trim(0)
