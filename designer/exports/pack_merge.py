"""Merging a pack's PDFs into one tagged PDF with pikepdf (qpdf), keeping what each part brings.

Why not pypdf: its `append` copies pages but drops the structure tree, the document language and the
syllabi's own bookmarks, so the pack was not tagged; and walking tagged syllabi in Python made a
warm 100-syllabus pack 2.5 times slower. qpdf copies each part's objects in C++, and an object reached
twice (a page, then the structure elements pointing at it) is copied once, so references stay whole.

What `PackWriter` keeps, per part (cover, contents, each syllabus, each duplex filler):
- structure: the part's /Document element becomes a /Part (with its title and language) of the
  pack's /Document; its /ParentTree entries move to the pack's, renumbered by an offset added to the
  part's pages' /StructParents and its annotations' /StructParent;
- bookmarks: the part's outline, under one bookmark per syllabus (a syllabus's single top item, its
  own title, is dropped: its sections go straight under the syllabus bookmark);
and for the whole pack: title, language, XMP metadata with the PDF/UA identifier, page labels, and a
"Pack page n" stamp on pages, drawn as a pagination Artifact so it is outside the structure tree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

CREATOR = "Micro-credential designer"
STAMP_NAME = "/PackPageNumber"
# Paint the stamp as an Artifact (pagination, footer): screen readers skip it, extractors still read it.
STAMP_OPERATORS = (b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nq %s Do Q\nEMC\n")


@dataclass
class _Bookmark:
    title: str
    dest: Array | None
    children: list[_Bookmark] = field(default_factory=list)
    closed: bool = False


class PackWriter:
    """Build one PDF from whole PDFs, in order; `save` writes it (atomically)."""

    def __init__(self, *, title: str, lang: str = "en"):
        self.pdf = pikepdf.new()
        self.title, self.lang = title, lang
        self.document = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
        self.parent_tree = Array()  # flat /Nums: key, value, key, value ...
        self.next_key = 0
        self.bookmarks: list[_Bookmark] = []
        self.role_map = Dictionary()

    @property
    def page_count(self) -> int:
        return len(self.pdf.pages)

    def add(self, source: pikepdf.Pdf, *, bookmark: str | None = None, title: str | None = None) -> int:
        """Append every page of `source` with its structure; returns the index of its first page.

        `bookmark`: a top-level bookmark to the part's first page, holding the part's own bookmarks;
        without it, the part's bookmarks are left out (the front matter's would only repeat it).
        `title`: of the part's structure element (default: the bookmark).
        """
        start = len(self.pdf.pages)
        self.pdf.pages.extend(source.pages)
        pages = {page.objgen: self.pdf.pages[start + i].obj for i, page in enumerate(source.pages)}
        self._add_structure(source, start, title or bookmark)
        if bookmark is not None:
            own = [_copy_bookmark(item, pages) for item in _outline_items(source)]
            if len(own) == 1 and own[0].children:
                own = own[0].children  # the syllabus's own title: the pack bookmark says it already
            first = self.pdf.pages[start].obj
            self.bookmarks.append(_Bookmark(bookmark, Array([first, Name.Fit]), own, closed=True))
        return start

    def _add_structure(self, source: pikepdf.Pdf, start: int, title: str | None) -> None:
        root = source.Root.get("/StructTreeRoot")
        if root is None:  # an untagged part (none of ours): its pages simply have no structure
            return
        offset = self.next_key
        self._adopt_elements(source, root, title)
        if "/ParentTree" in root:
            self.next_key = offset + self._move_parent_tree(source, root, offset)
        for page in self.pdf.pages[start:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots") or []:
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        for name, value in (root.get("/RoleMap") or {}).items():
            self.role_map[name] = value

    def _adopt_elements(self, source: pikepdf.Pdf, root: Dictionary, title: str | None) -> None:
        """The part's top elements become children of the pack's /Document: its own /Document a /Part."""
        kids = root.get("/K")
        language = source.Root.get("/Lang")
        for kid in [kids] if isinstance(kids, Dictionary) else list(kids or []):
            # Edited in the source, which is never saved: then one copy_foreign takes the whole subtree.
            if kid.get("/S") == Name.Document:
                kid.S = Name.Part
                if title:
                    kid.T = String(title)
                if language is not None and "/Lang" not in kid:
                    kid.Lang = language
            if "/P" in kid:
                del kid["/P"]
            copied = self.pdf.copy_foreign(kid if kid.is_indirect else source.make_indirect(kid))
            copied.P = self.document
            self.document.K.append(copied)

    def _move_parent_tree(self, source: pikepdf.Pdf, root: Dictionary, offset: int) -> int:
        """Append the part's /ParentTree entries, keys + `offset`; returns how many keys it used."""
        tree = root.ParentTree if root.ParentTree.is_indirect else source.make_indirect(root.ParentTree)
        tree = self.pdf.copy_foreign(tree)  # its elements are the copies made by _adopt_elements
        highest = -1
        for key, value in _number_tree(tree):
            self.parent_tree.append(key + offset)
            self.parent_tree.append(value)
            highest = max(highest, key)
        return max(highest + 1, int(root.get("/ParentTreeNextKey", 0)))

    def link_uris(self, first: int, end: int, prefix: str) -> None:
        """Links of pages [first, end) to URIs `prefix` + page number become links to that pack page."""
        for page in self.pdf.pages[first:end]:
            for annotation in page.obj.get("/Annots") or []:
                uri = str((annotation.get("/A") or {}).get("/URI", ""))
                if uri.startswith(prefix):
                    target = self.pdf.pages[int(uri[len(prefix):]) - 1].obj
                    del annotation["/A"]
                    annotation.Dest = Array([target, Name.Fit])

    def stamp(self, stamps: pikepdf.Pdf, indexes: range) -> None:
        """Draw page i of `stamps` (an untagged PDF of bare page numbers) on pack page i, for i in
        `indexes`, as a pagination Artifact. The page's own content is wrapped in q/Q first, so
        whatever graphics state it leaves cannot move or recolour the stamp."""
        for index in indexes:
            form = self.pdf.copy_foreign(stamps.pages[index].as_form_xobject())
            page = self.pdf.pages[index]
            resources = page.obj.Resources
            if "/XObject" not in resources:
                resources.XObject = Dictionary()
            name = f"{STAMP_NAME}{index + 1}"  # unique, in case pages share one /Resources dictionary
            resources.XObject[name] = form
            page.contents_add(self.pdf.make_stream(b"q\n"), prepend=True)
            page.contents_add(self.pdf.make_stream(b"Q\n" + STAMP_OPERATORS % name.encode()))

    def label(self, labels: list[tuple[int, dict]]) -> None:
        """PDF page labels: (first page index, {"style": "/D" or "/r" or None, "prefix": str})."""
        nums = Array()
        for index, spec in sorted(labels, key=lambda item: item[0]):
            entry = Dictionary()
            if spec.get("style"):
                entry.S = Name(spec["style"])
            if spec.get("prefix"):
                entry.P = String(spec["prefix"])
            nums.extend([index, entry])
        self.pdf.Root.PageLabels = Dictionary(Nums=nums)

    def save(self, output: Path) -> int:
        """Write the pack to `output` through a temporary file; returns the page count."""
        root = self.pdf.Root
        structure = Dictionary(Type=Name.StructTreeRoot, K=Array([self.document]),
                               ParentTree=self.pdf.make_indirect(Dictionary(Nums=self.parent_tree)),
                               ParentTreeNextKey=self.next_key)
        if len(self.role_map):
            structure.RoleMap = self.role_map
        root.StructTreeRoot = self.pdf.make_indirect(structure)
        self.document.P = root.StructTreeRoot
        root.MarkInfo = Dictionary(Marked=True)
        root.Lang = String(self.lang)
        root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        if self.bookmarks:
            root.Outlines = self._outline()
            root.PageMode = Name.UseOutlines
        now = datetime.now(UTC)
        with self.pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = self.title
            meta["dc:language"] = [self.lang]
            meta["pdfuaid:part"] = "1"
            meta["xmp:CreatorTool"] = CREATOR
            meta["xmp:CreateDate"] = meta["xmp:ModifyDate"] = now.isoformat(timespec="seconds")
            meta["pdf:Producer"] = f"WeasyPrint parts merged by pikepdf {pikepdf.__version__}"
        self.pdf.docinfo[Name.Title] = String(self.title)
        self.pdf.docinfo[Name.Creator] = String(CREATOR)
        tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
        # Object streams: the structure trees' many small dictionaries compressed, as in the parts
        # (without them a 100-syllabus pack was 12.5 MiB instead of 5.3, and slower to write).
        self.pdf.save(tmp, fix_metadata_version=False, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        os.replace(tmp, output)
        return len(self.pdf.pages)

    def _outline(self) -> Dictionary:
        outlines = self.pdf.make_indirect(Dictionary(Type=Name.Outlines))
        visible = _link_items(self.pdf, outlines, self.bookmarks)
        outlines.Count = visible
        return outlines


def _outline_items(source: pikepdf.Pdf):
    outlines = source.Root.get("/Outlines")
    item = outlines.get("/First") if outlines is not None else None
    while item is not None:
        yield item
        item = item.get("/Next")


def _copy_bookmark(item: Dictionary, pages: dict) -> _Bookmark:
    """A source bookmark as plain data, its destination pointed at the copied page."""
    dest = item.get("/Dest")
    if dest is None and (item.get("/A") or {}).get("/S") == Name.GoTo:
        dest = item.A.get("/D")
    target = None
    if isinstance(dest, Array) and len(dest) and dest[0].is_indirect and dest[0].objgen in pages:
        target = Array([pages[dest[0].objgen], *list(dest)[1:]])
    children = []
    child = item.get("/First")
    while child is not None:
        children.append(_copy_bookmark(child, pages))
        child = child.get("/Next")
    return _Bookmark(str(item.get("/Title", "")), target, children)


def _link_items(pdf: pikepdf.Pdf, parent: Dictionary, bookmarks: list[_Bookmark]) -> int:
    """Write `bookmarks` as outline items under `parent`; returns how many of them a viewer shows."""
    items = [pdf.make_indirect(Dictionary(Title=String(b.title), Parent=parent)) for b in bookmarks]
    visible = len(items)
    for index, (item, bookmark) in enumerate(zip(items, bookmarks, strict=True)):
        if bookmark.dest is not None:
            item.Dest = bookmark.dest
        if index:
            item.Prev = items[index - 1]
        if index + 1 < len(items):
            item.Next = items[index + 1]
        if bookmark.children:
            below = _link_items(pdf, item, bookmark.children)
            item.Count = -below if bookmark.closed else below  # negative: closed until opened
            if not bookmark.closed:
                visible += below
    if items:
        parent.First, parent.Last = items[0], items[-1]
    return visible


def _number_tree(node: Dictionary):
    """(key, value) pairs of a PDF number tree, leaves and intermediate /Kids alike."""
    nums = node.get("/Nums")
    if nums is not None:
        for index in range(0, len(nums) - 1, 2):
            yield int(nums[index]), nums[index + 1]
    for kid in node.get("/Kids") or []:
        yield from _number_tree(kid)
