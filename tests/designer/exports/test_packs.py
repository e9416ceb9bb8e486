"""Syllabi packs: choosing approved designs, merging with restarted page numbers, bookmarks, jobs, CLI."""

import io
import re
import subprocess
import time

import pikepdf
import pytest
from pypdf import PdfReader, PdfWriter

from designer.exports import jobs
from designer.exports.cache import PdfCache
from designer.exports.models import PackJob, SavedSelection
from designer.exports.packs import (
    PackError,
    _start_pages,
    approved_by_ids,
    build_pack,
    find_approved,
    pack_entries,
)
from designer.extensions import db
from designer.models import Design
from tests.conftest import example_document


def _doc(title: str, code: str, *, tags=(), level=5) -> dict:
    document = example_document()
    document.update(title=title, code=code, tags=list(tags), level={"framework": "NCrF", "value": level})
    return document


@pytest.fixture
def catalogue(make_user, make_design, approve):
    """Three approved designs and a draft: ids by short name."""
    owner = make_user("faculty")
    ids = {
        "analytics": make_design(
            owner, _doc("Analytics Basics", "MC-AN-1", tags=["data literacy"]), department="Commerce"
        ),
        "python": make_design(
            owner,
            _doc("Python for Data", "MC-PY-2", tags=["data literacy", "coding"], level=5.5),
            department="Computing",
        ),
        "writing": make_design(owner, _doc("Academic Writing", "MC-WR-3", level=4.5), department="Languages"),
        "draft": make_design(owner, _doc("Unapproved Draft", "MC-DR-4", tags=["data literacy"])),
    }
    for name in ("analytics", "python", "writing"):
        approve(ids[name])
    return ids


def _titles(designs) -> list[str]:
    return [d.title for d in designs]


def test_find_approved_filters(ctx, catalogue):
    session = db.session
    assert _titles(find_approved(session)) == ["Academic Writing", "Analytics Basics", "Python for Data"]
    assert _titles(find_approved(session, tag="data literacy")) == ["Analytics Basics", "Python for Data"]
    assert _titles(find_approved(session, level=5.5)) == ["Python for Data"]
    assert _titles(find_approved(session, department="Languages")) == ["Academic Writing"]
    assert _titles(find_approved(session, search="mc-an")) == ["Analytics Basics"]
    assert _titles(approved_by_ids(session, [catalogue["python"], catalogue["writing"]])) == [
        "Python for Data",
        "Academic Writing",
    ]
    with pytest.raises(PackError, match=f"design {catalogue['draft']}"):
        approved_by_ids(session, [catalogue["python"], catalogue["draft"]])


def test_duplex_pack_restarts_page_numbers_and_bookmarks_each_syllabus(app, catalogue, pdf_cache, tmp_path):
    ids = [catalogue["analytics"], catalogue["writing"]]
    calls = []
    with app.test_request_context():
        designs = approved_by_ids(db.session, ids)
        entries = pack_entries(db.session, designs)
        html_for = jobs.html_builder(db.session, designs, app.config)
        output = tmp_path / "pack.pdf"
        pages = build_pack(
            entries,
            html_for,
            PdfCache(pdf_cache),
            output,
            title="Pune workshop, 12 March 2027",
            duplex=True,
            workers=0,
            progress=lambda done, total: calls.append((done, total)),
            strict=True,
        )
        assert calls == [(0, 2), (1, 2), (2, 2)]
        # Cached syllabi are reused: a second pack renders nothing.
        again = []
        build_pack(
            entries,
            html_for,
            PdfCache(pdf_cache),
            tmp_path / "again.pdf",
            title="Again",
            workers=0,
            progress=lambda done, total: again.append((done, total)),
        )
        assert again == [(2, 2)]
    pack = PdfReader(output)
    assert len(pack.pages) == pages and pack.metadata.title == "Pune workshop, 12 March 2027"
    assert _top_titles(pack) == ["MC-AN-1: Analytics Basics", "MC-WR-3: Academic Writing"]
    starts = [pack.get_destination_page_number(item) for item in _top(pack)]
    assert all(start % 2 == 0 for start in starts)  # 0-based even = a right-hand, odd-numbered page
    text = [page.extract_text() for page in pack.pages]
    assert sum("Page 1 of" in page for page in text) == 2  # each syllabus numbers its own pages
    assert "Pune workshop, 12 March 2027" in text[0]
    contents = text[1]
    assert "Analytics Basics" in contents and "Academic Writing" in contents
    for start in starts:
        assert str(start + 1) in contents
    blank = [i for i, page in enumerate(text) if "intentionally left blank" in page]
    assert blank and all(i + 1 in starts for i in blank)  # fillers only right before a syllabus
    assert all(page.strip() for page in text)  # no page without a word
    assert "EXAMPLE STATE OPEN UNIVERSITY" in text[0]  # the cover names the awarding institution(s)
    # Page labels: what a viewer shows is what the paper shows.
    labels = pack.page_labels
    assert labels[:2] == ["i", "ii"] and labels[starts[0]] == "MC-AN-1 p. 1"
    assert labels[starts[1]] == "MC-WR-3 p. 1" and all(labels[i] == "blank" for i in blank)
    # Contents rows are links to the page where each syllabus starts.
    links = [a.get_object() for a in pack.pages[1].get("/Annots") or []]
    targets = [_page_index(pack, link["/Dest"][0]) for link in links if "/Dest" in link]
    assert targets == starts
    assert not any("/URI" in (link.get("/A") or {}) for link in links)
    syllabi = [PdfCache(pdf_cache).path(e.cache_key) for e in entries]
    _assert_tagged_with_each_syllabus(output, syllabi, starts)
    _assert_pack_page_numbers(output, starts, blank)


def _top(pack) -> list:
    return [item for item in pack.outline if not isinstance(item, list)]


def _top_titles(pack) -> list[str]:
    return [item.title for item in _top(pack)]


def _elements(node) -> int:
    """Structure elements under `node` (a pikepdf structure element or its /K)."""
    if isinstance(node, pikepdf.Array):
        return sum(_elements(kid) for kid in node)
    if isinstance(node, pikepdf.Dictionary) and "/S" in node:
        return 1 + _elements(node.get("/K", pikepdf.Array()))
    return 0


def _assert_tagged_with_each_syllabus(output, syllabi, starts) -> None:
    """Tagged, with language and XMP; each syllabus's whole structure tree a /Part of the pack's, its
    pages' marked content still found through the ParentTree; its bookmarks under its own."""
    info = subprocess.run(["pdfinfo", str(output)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M) and "Pune workshop" in info
    with pikepdf.open(output) as pdf:
        assert str(pdf.Root.Lang) == "en" and pdf.Root.MarkInfo.Marked
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "Pune workshop, 12 March 2027" and meta["pdfuaid:part"] == "1"
        document = pdf.Root.StructTreeRoot.K[0]
        assert document.S == pikepdf.Name.Document
        parts = {str(part.get("/T", "")): part for part in document.K}
        titles = ["MC-AN-1: Analytics Basics", "MC-WR-3: Academic Writing"]
        for path, title in zip(syllabi, titles, strict=True):
            with pikepdf.open(path) as own:
                assert _elements(parts[title]) == _elements(own.Root.StructTreeRoot.K)
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert len(keys) == len(set(keys))
        for index, page in enumerate(pdf.pages):
            marked = nums[2 * keys.index(int(page.obj.StructParents)) + 1]
            assert all(element.Pg.objgen == page.obj.objgen for element in marked), index
    pack = PdfReader(output)
    outline = pack.outline
    for start, children in zip(starts, [outline[1], outline[3]], strict=True):
        titles = [child.title for child in children]
        assert titles[0] == "Identity" and "Learning outcomes" in titles and titles[-1] == "Approval record"
        assert all(pack.get_destination_page_number(child) >= start for child in children)


def _assert_pack_page_numbers(output, starts, blank) -> None:
    """Each syllabus page prints its own "Page n of m" and "Pack page N", and pdftotext reads both; the
    stamp is a pagination Artifact, outside the structure tree."""
    second = starts[0] + 1  # 0-based: the first syllabus's second page
    text = subprocess.run(["pdftotext", "-f", str(second + 1), "-l", str(second + 1), str(output), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Page 2 of" in text and f"Pack page {second + 1}" in text
    pages = [page.extract_text() for page in PdfReader(output).pages]
    assert all(f"Pack page {i + 1}" in pages[i] for i in range(starts[0], len(pages)))
    assert not any("Pack page" in page for page in pages[: starts[0]])  # the front has roman labels
    assert all(f"Pack page {i + 1}" in pages[i] for i in blank)
    with pikepdf.open(output) as pdf:
        content = b"".join(part.read_bytes() for part in pdf.pages[second].obj.Contents)
        stamp = rb"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nq /PackPageNumber\d+ Do Q\nEMC"
        assert re.search(stamp, content)


def _page_index(pack, reference) -> int:
    return [page.indirect_reference.idnum for page in pack.pages].index(reference.idnum)


def test_start_pages_put_each_syllabus_on_an_odd_page_for_duplex():
    assert _start_pages(2, [3, 2, 1], duplex=True) == [3, 7, 9]
    assert _start_pages(3, [3, 2, 1], duplex=True) == [5, 9, 11]
    assert _start_pages(2, [3, 2, 1], duplex=False) == [3, 6, 8]


def _seed_cache(app, design_ids, pages=2):
    """Stand-in syllabus PDFs in the cache (the rendering itself is tested above), so pack tests stay fast."""
    with app.app_context():
        cache = PdfCache(app.config["PDF_CACHE_DIR"])
        for entry in pack_entries(db.session, approved_by_ids(db.session, design_ids)):
            writer = PdfWriter()
            for _ in range(pages):
                writer.add_blank_page(595, 842)
            buffer = io.BytesIO()
            writer.write(buffer)
            cache.put(entry.cache_key, buffer.getvalue())


def test_cli_builds_a_pack_and_explains_refusals(app, runner, catalogue, tmp_path):
    _seed_cache(app, [catalogue["analytics"], catalogue["python"], catalogue["writing"]], pages=3)
    output = tmp_path / "pack.pdf"
    result = runner.invoke(
        args=["pack", "build", "--tag", "data literacy", "--title", "Data day", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert "2/2 syllabi ready" in result.output and "2 syllabi" in result.output
    assert _top_titles(PdfReader(output)) == [
        "MC-AN-1: Analytics Basics",
        "MC-PY-2: Python for Data",
    ]
    ids = f"{catalogue['writing']},{catalogue['analytics']}"
    result = runner.invoke(
        args=["pack", "build", "--ids", ids, "--title", "T", "-o", str(output), "--duplex"]
    )
    assert result.exit_code == 0, result.output
    pack = PdfReader(output)
    assert _top_titles(pack)[0] == "MC-WR-3: Academic Writing"
    starts = [pack.get_destination_page_number(item) for item in _top(pack)]
    assert starts == [2, 6] and len(pack.pages) == 9  # cover, contents, 3 pages, a blank, 3 pages
    result = runner.invoke(
        args=["pack", "build", "--tag", "nothing-has-this", "--title", "T", "-o", str(output)]
    )
    assert result.exit_code == 1 and "No approved design matches" in result.output
    result = runner.invoke(
        args=["pack", "build", "--ids", f"{catalogue['draft']}", "--title", "T", "-o", str(output)]
    )
    assert (
        result.exit_code == 1 and f"Not approved or not found: design {catalogue['draft']}" in result.output
    )


def _wait(client, job_id: int) -> dict:
    for _ in range(200):
        status = client.get(f"/packs/{job_id}/status.json").get_json()
        if status["finished"]:
            return status
        time.sleep(0.05)
    pytest.fail("the pack job did not finish")


def test_organiser_builds_a_pack_on_the_web(app, client, make_user, login_as, catalogue):
    _seed_cache(app, [catalogue["analytics"], catalogue["python"]])
    organiser = make_user("organiser")
    login_as(organiser)
    page = client.get("/catalogue").get_data(as_text=True)
    assert "Analytics Basics" in page and "Academic Writing" in page and "Unapproved Draft" not in page
    assert "Academic Writing" not in client.get("/catalogue?tag=data+literacy").get_data(as_text=True)
    chosen = [str(catalogue["analytics"]), str(catalogue["python"])]
    response = client.post("/catalogue", data={"designs": chosen, "title": "Data day", "action": "build"})
    assert response.status_code == 303
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    page = client.get(f"/packs/{job_id}").get_data(as_text=True)
    assert "<progress" in page
    status = _wait(client, job_id)
    assert status["status"] == "done" and status["done"] == status["total"] == 2
    page = client.get(f"/packs/{job_id}").get_data(as_text=True)
    assert "Download the pack" in page and 'http-equiv="refresh"' not in page
    download = client.get(f"/packs/{job_id}/pack.pdf")
    assert len(PdfReader(io.BytesIO(download.data)).outline) == 2
    assert "Data day" in client.get("/packs").get_data(as_text=True)
    # Someone else's pack is not theirs to see.
    login_as(make_user("organiser"))
    assert client.get(f"/packs/{job_id}").status_code == 403


def test_pack_form_errors_and_saved_selections(app, client, make_user, login_as, catalogue):
    organiser = make_user("organiser")
    login_as(organiser)
    response = client.post(
        "/catalogue", data={"designs": [str(catalogue["writing"])], "title": "", "action": "build"}
    )
    assert response.status_code == 400 and "Give the pack a title" in response.get_data(as_text=True)
    response = client.post(
        "/catalogue", data={"designs": [str(catalogue["draft"])], "title": "T", "action": "build"}
    )
    assert response.status_code == 400 and "not in the approved catalogue" in response.get_data(as_text=True)
    response = client.post(
        "/catalogue",
        data={
            "designs": [str(catalogue["writing"]), str(catalogue["python"])],
            "selection_name": "Pune modules",
            "action": "save",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        selection = db.session.query(SavedSelection).one()
        assert selection.design_ids == [catalogue["writing"], catalogue["python"]]
    page = client.get(f"/catalogue?selection={selection.id}").get_data(as_text=True)
    assert page.count("checked") == 2 and "Analytics Basics" not in page
    assert PackJob.__tablename__ and client.get("/packs").status_code == 200
    login_as(make_user("faculty"))  # faculty browse the approved designs but build no packs
    page = client.get("/catalogue").get_data(as_text=True)
    assert "Build the pack" not in page and client.get("/packs").status_code == 403


def test_job_fails_with_a_reason_when_a_design_lost_its_approval(app, make_user, catalogue):
    organiser = make_user("organiser")
    with app.app_context():
        from designer.models import User

        job = jobs.create_job(
            db.session, db.session.get(User, organiser), [catalogue["writing"]], title="T", duplex=False
        )
        db.session.get(Design, catalogue["writing"]).approved_revision_id = None
        db.session.commit()
        job_id = job.id
    jobs.run_job(app, job_id)
    with app.app_context():
        job = db.session.get(PackJob, job_id)
        assert job.status == "failed" and "Not approved" in job.error and job.finished_at is not None


def test_filters_read_the_approved_revision_not_later_work_in_progress(app, ctx, catalogue):
    """An organiser must not be able to probe an unapproved title, code, level or tag through the filters."""
    from designer.designs.services import save_revision
    from designer.models import User

    design = db.session.get(Design, catalogue["analytics"])
    author = db.session.get(User, design.owner_id)
    edited = _doc("Secret Zeta Merger", "MC-ZZ-9", tags=["confidential"], level=7)
    save_revision(db.session, design, edited, author, base_revision=design.latest_revision)
    db.session.commit()
    assert design.title == "Secret Zeta Merger"  # the working copy moved on
    session = db.session
    for probe in ({"search": "zeta"}, {"search": "mc-zz"}, {"tag": "confidential"}, {"level": 7.0}):
        assert find_approved(session, **probe) == [], probe
    assert [d.id for d in find_approved(session, search="analytics")] == [catalogue["analytics"]]
    assert [d.id for d in find_approved(session, tag="data literacy", level=5.0)] == [catalogue["analytics"]]
