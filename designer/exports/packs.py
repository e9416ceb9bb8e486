"""Syllabi packs: many approved syllabi merged into one PDF with a cover, contents and bookmarks.

Each syllabus is its own PDF (so its "Page X of Y" restarts: one WeasyPrint document cannot restart
page counters, tech-notes section 2), taken from the cache or rendered in worker processes, then
merged with pypdf. Workers get HTML strings only; the database stays in the parent.
"""

import gc
import hashlib
import io
import math
import os
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from flask import render_template
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject
from sqlalchemy.orm import Session

from designer.designs.services import document_tags, list_columns
from designer.exports.cache import PdfCache, revision_key
from designer.exports.limits import completed_within, render_pool
from designer.exports.pdf import release_memory, render_in_worker, render_pdf
from designer.models import Design, DesignRevision

Progress = Callable[[int, int], None]
PACK_LINK = "https://pack.invalid/page/"  # contents rows link here; assemble() makes them in-pack links
CONTENTS_ROWS_PER_PAGE = 34  # first guess of the contents' length; a wrong guess costs one more render


class PackError(Exception):
    """A pack request that cannot be built, with the reason; `field` is the pack form's field it is about."""

    def __init__(self, message: str, field: str = "designs"):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class PackEntry:
    """One syllabus of a pack, as plain data."""

    design_id: int
    revision_id: int
    cache_key: str  # cache.revision_key of the approved revision
    title: str
    code: str
    institution: str = ""  # the awarding body, named on the cover


def find_approved(session: Session, *, search: str = "", department: str = "", level: float | None = None,
                  tag: str = "", ids: Iterable[int] | None = None) -> list[Design]:
    """Designs with an approved revision that match every given filter, by approved title.

    Title, code, level and tags are read from the approved revision, never from the working copy's list
    columns: otherwise an organiser could probe an unapproved title word by word through the search box.
    """
    query = (sa.select(Design, DesignRevision.document)
             .join(DesignRevision, DesignRevision.id == Design.approved_revision_id))
    if department:
        query = query.where(Design.department == department)
    if ids is not None:
        query = query.where(Design.id.in_(list(ids)))
    pattern = search.lower()
    matches = []
    for design, document in session.execute(query):
        columns = list_columns(document)
        if pattern and pattern not in columns["title"].lower() and pattern not in columns["code"].lower():
            continue
        if level is not None and columns["level"] != level:
            continue
        if tag and tag.strip().lower() not in document_tags(document):
            continue
        matches.append((columns["title"], design.id, design))
    return [design for _title, _id, design in sorted(matches, key=lambda m: (m[0], m[1]))]


def approved_by_ids(session: Session, ids: list[int]) -> list[Design]:
    """The designs `ids`, in that order; PackError names any that is missing or not approved."""
    found = {d.id: d for d in find_approved(session, ids=ids)}
    bad = [str(i) for i in ids if i not in found]
    if bad:
        raise PackError(f"Not approved or not found: design {', '.join(bad)}. "
                        "Only approved designs go into a pack.")
    return [found[i] for i in dict.fromkeys(ids)]


def pack_entries(session: Session, designs: list[Design]) -> list[PackEntry]:
    """Plain entries for the designs' approved revisions (titles as approved, not as edited since)."""
    revisions = {r.id: r for r in session.scalars(sa.select(DesignRevision).where(
        DesignRevision.id.in_([d.approved_revision_id for d in designs])))}
    entries = []
    for design in designs:
        revision = revisions[design.approved_revision_id]
        document = revision.document
        body = (document.get("awarding_body") or {}).get("name") or design.institution
        entries.append(PackEntry(design.id, revision.id, revision_key(revision),
                                 document.get("title") or design.title, document.get("code", ""), body))
    return entries


def render_missing(entries: list[PackEntry], html_for: Callable[[PackEntry], str], cache: PdfCache, *,
                   workers: int, progress: Progress | None = None, strict: bool = False,
                   time_limit: float | None = None) -> int:
    """Render every entry not in the cache, in `workers` processes (0: in this process).

    Returns how many were rendered. `progress(done, total)` counts cached ones as done at once.
    `strict`: a refused URL aborts the render (tests). `time_limit`: when no render finishes for that
    many seconds, the processes are killed and limits.RenderTimeout raised (not with 0 workers).
    """
    progress = progress or (lambda done, total: None)
    missing = [e for e in dict.fromkeys(entries) if not cache.has(e.cache_key)]
    total = len(set(entries))
    done = total - len(missing)
    progress(done, total)
    if not missing:
        return 0
    if workers <= 0:
        for entry in missing:
            cache.put(entry.cache_key, render_pdf(html_for(entry), fail_on_errors=strict))
            done += 1
            progress(done, total)
        return len(missing)
    # "spawn", not fork: the web app builds packs from a thread, and forking a threaded process can
    # copy a lock held by another thread; spawned workers also start with a small, clean heap.
    release_memory()  # what earlier renders left behind in this process, before the workers add theirs
    with render_pool(min(workers, len(missing))) as pool:
        futures = {pool.submit(render_in_worker, html_for(entry), strict): entry for entry in missing}
        for future in completed_within(futures, time_limit, pool):
            cache.put(futures[future].cache_key, future.result())
            done += 1
            progress(done, total)
    return len(missing)


def assemble(entries: list[PackEntry], cache: PdfCache, output: Path, *, title: str,
             duplex: bool = False) -> int:
    """Merge cover, contents and the cached syllabi into `output` (atomically); returns the page count."""
    with _cyclic_gc_paused():
        readers = [PdfReader(cache.path(e.cache_key)) for e in entries]  # each file parsed once
        counts = [len(reader.pages) for reader in readers]
    # The front is rendered with the GC on: WeasyPrint's garbage is cyclic and would pile up otherwise.
    # Cover and contents are two documents: the contents depend only on the syllabi chosen, so a pack
    # of the same syllabi under a new title (the next workshop) reuses them and renders only the cover.
    cover = _front_pdf(cache, _cover_html(title, entries))
    cover_pages = len(PdfReader(io.BytesIO(cover)).pages)
    contents_pages, contents = math.ceil(len(entries) / CONTENTS_ROWS_PER_PAGE), None
    for _ in range(4):  # the contents' length can change the start pages it lists: settle it
        starts = _start_pages(cover_pages + contents_pages, counts, duplex)
        contents = _front_pdf(cache, _contents_html(entries, counts, starts))
        actual = len(PdfReader(io.BytesIO(contents)).pages)
        if actual == contents_pages:
            break
        contents_pages = actual
    with _cyclic_gc_paused():
        writer = PdfWriter()
        writer.append(io.BytesIO(cover), import_outline=False)
        writer.append(io.BytesIO(contents), import_outline=False)
        front_pages = len(writer.pages)
        filler = _front_pdf(cache, _blank_html()) if duplex else None
        for entry, reader in zip(entries, readers, strict=True):
            if duplex and len(writer.pages) % 2 == 1:  # so the syllabus starts on a right-hand (odd) page
                writer.append(io.BytesIO(filler), import_outline=False)
            writer.append(reader, outline_item=_bookmark(entry), import_outline=False)
        _link_contents(writer, cover_pages, front_pages)
        _label_pages(writer, entries, counts, starts, front_pages)
        writer.add_metadata({"/Title": title, "/Creator": "Micro-credential designer"})
        pages = len(writer.pages)
        tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            writer.write(handle)
        os.replace(tmp, output)
    return pages


@contextmanager
def _cyclic_gc_paused():
    """Pause the cyclic GC while pypdf parses and copies the syllabi.

    pypdf makes some 150,000 small objects for 100 syllabi; each burst of allocations starts a
    collection, which in a big process (app, ORM, WeasyPrint) rescans everything: 0.3-1 s of a 2 s
    warm pack. Nothing here needs collecting before the end; the readers' cycles go at the next run.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _front_pdf(cache: PdfCache, html: str) -> bytes:
    """Cover or contents as PDF, rendered once per distinct HTML (the contents: about 0.5 s for 100 rows).

    Keyed by a hash of the whole HTML (title, date, rows, page numbers), so anything that changes the
    front misses; rebuilding the same pack (a job run again, another download that day) reuses it.
    """
    fronts = PdfCache(cache.directory, kind="front")
    key = hashlib.sha256(html.encode("utf-8")).hexdigest()[:40]
    data = fronts.get(key)
    if data is None:
        data = render_pdf(html)
        fronts.put(key, data)
    return data


def build_pack(entries: list[PackEntry], html_for: Callable[[PackEntry], str], cache: PdfCache,
               output: Path, *, title: str, duplex: bool = False, workers: int = 2,
               progress: Progress | None = None, strict: bool = False,
               time_limit: float | None = None) -> int:
    """Render what is missing, then assemble the pack into `output`; returns its page count."""
    if not entries:
        raise PackError("No approved design matches: a pack needs at least one.")
    output.parent.mkdir(parents=True, exist_ok=True)
    render_missing(entries, html_for, cache, workers=workers, progress=progress, strict=strict,
                   time_limit=time_limit)
    return assemble(entries, cache, output, title=title, duplex=duplex)


def _start_pages(front_pages: int, counts: list[int], duplex: bool) -> list[int]:
    """1-based page of the pack on which each syllabus starts."""
    position, starts = front_pages, []
    for count in counts:
        if duplex and position % 2 == 1:
            position += 1
        starts.append(position + 1)
        position += count
    return starts


def _cover_html(title: str, entries: list[PackEntry]) -> str:
    institutions = list(dict.fromkeys(e.institution for e in entries if e.institution))
    return render_template("exports/pack_front.html", part="cover", title=title, count=len(entries),
                           institutions=institutions, generated=datetime.now(UTC).strftime("%d %B %Y"))


def _blank_html() -> str:
    return render_template("exports/pack_front.html", part="blank", title="Intentionally blank")


def _link_contents(writer: PdfWriter, first: int, end: int) -> None:
    """Turn the contents rows' placeholder links (PACK_LINK + page) into links to that page of the pack."""
    for page in writer.pages[first:end]:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            uri = str((annotation.get("/A") or {}).get("/URI", ""))
            if uri.startswith(PACK_LINK):
                target = writer.pages[int(uri[len(PACK_LINK):]) - 1]
                del annotation["/A"]
                annotation[NameObject("/Dest")] = ArrayObject([target.indirect_reference, NameObject("/Fit")])


def _label_pages(writer: PdfWriter, entries: list[PackEntry], counts: list[int], starts: list[int],
                 front_pages: int) -> None:
    """PDF page labels: the front in roman numerals, each syllabus "CODE p. n" as printed on its pages,
    duplex fillers "blank"; a viewer's page box then shows what the paper shows."""
    writer.set_page_label(0, front_pages - 1, style="/r")
    covered = set()
    for entry, count, start in zip(entries, counts, starts, strict=True):
        writer.set_page_label(start - 1, start + count - 2, style="/D",
                              prefix=f"{entry.code or entry.title[:20]} p. ")
        covered.update(range(start - 1, start + count - 1))
    for index in range(front_pages, len(writer.pages)):
        if index not in covered:
            writer.set_page_label(index, index, prefix="blank")


def _contents_html(entries: list[PackEntry], counts: list[int], starts: list[int]) -> str:
    rows = [{"title": e.title, "code": e.code, "pages": n, "start": s}
            for e, n, s in zip(entries, counts, starts, strict=True)]
    return render_template("exports/pack_front.html", part="contents", title="Contents", rows=rows,
                           link_base=PACK_LINK)


def _bookmark(entry: PackEntry) -> str:
    return f"{entry.code}: {entry.title}" if entry.code else entry.title
