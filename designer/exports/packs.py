"""Syllabi packs: many approved syllabi merged into one PDF with a cover, contents and bookmarks.

Each syllabus is its own PDF (so its "Page X of Y" restarts: one WeasyPrint document cannot restart
page counters, tech-notes section 2), taken from the cache or rendered in worker processes, then
merged with pikepdf, keeping their tags and bookmarks (pack_merge.py). Workers get HTML strings
only; the database stays in the parent.
"""

import hashlib
import io
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import sqlalchemy as sa
from flask import current_app, render_template
from sqlalchemy.orm import Session

from designer.designs.services import document_tags, list_columns
from designer.exports.cache import PdfCache, revision_key
from designer.exports.limits import completed_within, render_pool
from designer.exports.pack_merge import PackWriter
from designer.exports.pdf import ACCESSIBLE, UNTAGGED, release_memory, render_in_worker, render_pdf
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
    """Merge cover, contents and the cached syllabi into `output` (atomically); returns the page count.

    The pack is tagged like its parts (pack_merge.PackWriter), with each syllabus's bookmarks under
    one bookmark per syllabus, PDF page labels, and "Pack page n" printed on every syllabus page.
    """
    sources = [pikepdf.open(cache.path(e.cache_key)) for e in entries]  # each file parsed once
    counts = [len(source.pages) for source in sources]
    # Cover and contents are two documents: the contents depend only on the syllabi chosen, so a pack
    # of the same syllabi under a new title (the next workshop) reuses them and renders only the cover.
    cover = _front_pdf(cache, _cover_html(title, entries))
    cover_pages = len(pikepdf.open(io.BytesIO(cover)).pages)
    contents_pages, contents = math.ceil(len(entries) / CONTENTS_ROWS_PER_PAGE), None
    for _ in range(4):  # the contents' length can change the start pages it lists: settle it
        starts = _start_pages(cover_pages + contents_pages, counts, duplex)
        contents = _front_pdf(cache, _contents_html(entries, counts, starts))
        actual = len(pikepdf.open(io.BytesIO(contents)).pages)
        if actual == contents_pages:
            break
        contents_pages = actual
    writer = PackWriter(title=title)
    writer.add(pikepdf.open(io.BytesIO(cover)), title=title)
    writer.add(pikepdf.open(io.BytesIO(contents)), title="Contents")
    front_pages = writer.page_count
    filler = _front_pdf(cache, _blank_html()) if duplex else None
    for entry, source in zip(entries, sources, strict=True):
        if duplex and writer.page_count % 2 == 1:  # so the syllabus starts on a right-hand (odd) page
            # Opened afresh each time: qpdf copies a page of one source only once.
            writer.add(pikepdf.open(io.BytesIO(filler)), title="Intentionally blank")
        writer.add(source, bookmark=_bookmark(entry))
    writer.link_uris(cover_pages, front_pages, PACK_LINK)
    writer.label(_page_labels(entries, counts, starts, front_pages, writer.page_count))
    stamps = pikepdf.open(io.BytesIO(stamps_pdf(cache, writer.page_count)))
    writer.stamp(stamps, range(front_pages, writer.page_count))
    pages = writer.save(output)
    for source in sources:  # only now: qpdf reads the parts' streams while it writes the pack
        source.close()
    return pages


def _front_pdf(cache: PdfCache, html: str, variant: str | None = ACCESSIBLE) -> bytes:
    """Cover or contents as PDF, rendered once per distinct HTML (the contents: about 0.5 s for 100 rows).

    Keyed by a hash of the whole HTML (title, date, rows, page numbers), so anything that changes the
    front misses; rebuilding the same pack (a job run again, another download that day) reuses it.
    """
    fronts = PdfCache(cache.directory, kind="front")
    key = hashlib.sha256(f"{variant}\n{html}".encode()).hexdigest()[:40]
    data = fronts.get(key)
    if data is None:
        data = render_pdf(html, variant=variant)
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


def _page_labels(entries: list[PackEntry], counts: list[int], starts: list[int], front_pages: int,
                 total: int) -> list[tuple[int, dict]]:
    """PDF page labels: the front in roman numerals, each syllabus "CODE p. n" as printed on its pages,
    duplex fillers "blank"; a viewer's page box then shows what the paper shows."""
    labels = [(0, {"style": "/r"})]
    covered = set()
    for entry, count, start in zip(entries, counts, starts, strict=True):
        labels.append((start - 1, {"style": "/D", "prefix": f"{entry.code or entry.title[:20]} p. "}))
        covered.update(range(start - 1, start + count - 1))
    labels += [(index, {"prefix": "blank"}) for index in range(front_pages, total) if index not in covered]
    return labels


def stamps_pdf(cache: PdfCache, pages: int) -> bytes:
    """Bare pages numbered "Pack page 1" to at least `pages`, in whole PACK_STAMP_BLOCKs (stamp() uses the
    first `pages`): WeasyPrint takes 1.6 s for 300 bare pages, more than the rest of a warm pack, so one
    rendering serves every pack up to the block, and the render on approval makes it before anyone asks."""
    size = max(1, current_app.config.get("PACK_STAMP_BLOCK", 500))
    block = max(1, math.ceil(pages / size)) * size
    return _front_pdf(cache, _stamps_html(block), variant=UNTAGGED)


def _stamps_html(pages: int) -> str:
    """One bare page per pack page, numbered "Pack page n" where the syllabi leave the footer free."""
    return render_template("exports/pack_front.html", part="stamps", title="Pack page numbers", pages=pages)


def _contents_html(entries: list[PackEntry], counts: list[int], starts: list[int]) -> str:
    rows = [{"title": e.title, "code": e.code, "pages": n, "start": s}
            for e, n, s in zip(entries, counts, starts, strict=True)]
    return render_template("exports/pack_front.html", part="contents", title="Contents", rows=rows,
                           link_base=PACK_LINK)


def _bookmark(entry: PackEntry) -> str:
    return f"{entry.code}: {entry.title}" if entry.code else entry.title
