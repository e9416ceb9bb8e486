"""The syllabus PDF: content, approval record, cache, draft watermark, Hindi, and who may download it."""

import re

import pytest
import sqlalchemy as sa

from designer.exports import cache as pdf_cache_module
from designer.exports import syllabus
from designer.exports.cache import PdfCache, template_version
from designer.exports.context import WATERMARK, build_syllabus_context
from designer.extensions import db
from designer.models import Design, DesignRevision, Submission, User
from designer.timezone import to_local
from tests.conftest import example_document
from tests.designer.exports.conftest import pdf_text, reader


@pytest.fixture
def approved(make_user, make_design, approve):
    owner = make_user("faculty")
    design_id = make_design(owner)
    return owner, design_id, approve(design_id)


def test_approved_pdf_prints_the_design_and_is_cached(
    app, client, login_as, approved, pdf_cache, monkeypatch
):
    owner, design_id, revision_id = approved
    login_as(owner)
    response = client.get(f"/designs/{design_id}/syllabus.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = reader(response.data)
    pages = pdf_text(response.data)
    text = " ".join(pages)
    assert pdf.metadata.title == "Digital Marketing Analytics Essentials"
    assert 2 <= len(pages) <= 5
    assert [f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, 1)] == [True] * len(pages)
    for expected in (
        "Analyse campaign data to identify the channels",
        "2 NCrF credits",
        "60 hours",
        "Credit points",
        "ECTS",
        "Week 1",
        "Dashboard practical",
        "40%",
        "Alignment of outcomes",
        "Workload",
        "Approval record",
        "no committee decision is on record",  # approved directly in this test, not by the workflow
        "institution-default",
    ):
        assert expected in text, expected
    assert re.search(r"Analyse \(4\)", text)  # Bloom level from the rubric engine's figures
    assert WATERMARK not in text
    # Cached under the revision and the template version, and served from there afterwards.
    [cached] = list(pdf_cache.iterdir())
    assert cached.name.startswith(f"revision-{revision_id}-") and cached.name.endswith(
        f"-t{template_version()}.pdf"
    )
    assert cached.read_bytes() == response.data
    monkeypatch.setattr(syllabus, "render_pdf", lambda *a, **k: pytest.fail("rendered again"))
    assert client.get(f"/designs/{design_id}/syllabus.pdf").data == response.data


def test_draft_preview_has_a_watermark_on_every_page(client, make_user, make_design, login_as, pdf_cache):
    owner = make_user("faculty")
    design_id = make_design(owner)
    login_as(owner)
    response = client.get(f"/designs/{design_id}/preview.pdf")
    assert response.status_code == 200
    pages = pdf_text(response.data)
    assert all(WATERMARK in page for page in pages)
    assert "Approved revision" not in " ".join(pages)
    assert not pdf_cache.exists() or not list(pdf_cache.iterdir())  # previews are never cached


def test_hindi_translation_prints_a_hindi_section(app, approved):
    _, design_id, _ = approved
    with app.test_request_context():
        design = db.session.get(Design, design_id)
        html = syllabus.syllabus_html(
            db.session, design, syllabus.approved_revision(db.session, design), app.config, draft=False
        )
    section = html[html.index('<section class="translation" lang="hi">') :]
    assert "डिजिटल मार्केटिंग एनालिटिक्स की अनिवार्यताएँ" in section
    assert "समझाइए कि सत्र, रूपांतरण दर" in section


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_hindi_text_is_found_verbatim_by_pdftotext_and_pypdf(app, approved, tmp_path):
    """Searchable, copyable Hindi: the title, summary and every outcome of the translation, whole."""
    import subprocess

    _, design_id, _ = approved
    with app.test_request_context():
        data = syllabus.approved_pdf(db.session, db.session.get(Design, design_id), app.config)
    path = tmp_path / "syllabus.pdf"
    path.write_bytes(data)
    hindi = example_document()["translations"]["hi"]
    expected = [hindi["title"], hindi["summary"], *hindi["outcomes"].values()]
    poppler = _words(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                    check=True).stdout)
    pypdf = _words(" ".join(pdf_text(data)))
    assert [t for t in expected if t not in poppler] == []
    assert [t for t in expected if t not in pypdf] == []


def test_the_devanagari_patch_changes_no_pixel(tmp_path):
    """The aliases change what extractors read, not what is drawn: pages render identically."""
    import subprocess

    from PIL import Image, ImageChops
    from weasyprint import HTML
    from weasyprint.draw import text as draw_text

    from designer.exports import weasyprint_patch

    hindi = example_document()["translations"]["hi"]
    html = ('<html lang="hi"><body style="font-family: Noto Sans Devanagari">'
            + "".join(f"<p>{t}</p>" for t in [hindi["title"], hindi["summary"], *hindi["outcomes"].values()])
            + "</body></html>")
    patched = HTML(string=html).write_pdf()
    draw_text.draw_first_line = weasyprint_patch._original_draw_first_line
    try:
        original = HTML(string=html).write_pdf()
    finally:
        weasyprint_patch.apply()
    assert draw_text.draw_first_line is weasyprint_patch._draw_first_line_searchable
    images = []
    for name, data in (("patched", patched), ("original", original)):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(tmp_path / f"{name}.pdf"),
                        str(tmp_path / name)], check=True)
        images.append(Image.open(tmp_path / f"{name}.png").convert("L"))
    assert ImageChops.difference(*images).getbbox() is None
    assert hindi["title"] not in _words(" ".join(pdf_text(original)))  # the bug the patch mends is real


def _approve_through_the_committee(app, design_id: int, make_user, comment: str) -> None:
    from designer.checking.services import app_rubric
    from designer.review.services import decide, full_marks, record_review, submit

    reviewer_id = make_user("reviewer", name="Dr Meera Iyer")
    with app.app_context():
        design = db.session.get(Design, design_id)
        author, reviewer = design.owner, db.session.get(User, reviewer_id)
        submission = submit(db.session, design, author, app_rubric(app.config))
        record_review(db.session, design, reviewer, full_marks(submission), "")
        decide(db.session, design, reviewer, "approve", comment)
        db.session.commit()


def _approved_html(app, design_id: int) -> str:
    artefact = syllabus.approved(db.session, db.session.get(Design, design_id))
    return syllabus.approved_html(artefact, app.config)


def test_approval_record_is_the_committees_decision(app, make_user, make_design):
    owner = make_user("faculty")
    design_id = make_design(owner)
    _approve_through_the_committee(app, design_id, make_user,
                                   "Approved at the Board meeting, minutes BoS/2027/4")
    with app.test_request_context():
        html = _approved_html(app, design_id)
        submission = db.session.scalar(sa.select(Submission).where(Submission.design_id == design_id))
        decided = to_local(submission.closed_at)  # the institution's day (TIMEZONE), not UTC's
    record = html[html.index("Approval record"):]
    for expected in ("Decided by", "Dr Meera Iyer", "Approved on", f"{decided.day} {decided:%B %Y}",
                     "Review round", "institution-default, version", "meets the standard",
                     "minutes BoS/2027/4"):
        assert expected in record, expected
    assert "Board of Studies, School of Commerce" not in record  # the author's own text is not the record
    assert "did not meet the standard" not in record


def test_approval_record_says_when_the_standard_was_not_met(app, make_user, make_design):
    owner = make_user("faculty")
    design_id = make_design(owner)
    _approve_through_the_committee(app, design_id, make_user, "Approved on the committee's judgement")
    with app.test_request_context():
        submission = db.session.scalar(sa.select(Submission).where(Submission.design_id == design_id))
        submission.score, submission.meets = 71.0, False  # the committee approved below the threshold
        db.session.flush()
        html = _approved_html(app, design_id)
        db.session.rollback()
    record = html[html.index("Approval record"):]
    assert "Approved although it did not meet the standard" in record and "71%" in record
    assert "pass threshold of 85%" in record


def test_the_cache_key_follows_the_templates(tmp_path, monkeypatch):
    """Any change to a template, the print CSS or the context code gives a new key: no stale PDF."""
    import shutil

    for name in pdf_cache_module.PDF_INPUTS:
        source = pdf_cache_module.ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    monkeypatch.setattr(pdf_cache_module, "ROOT", tmp_path)
    pdf_cache_module.template_version.cache_clear()
    try:
        before = pdf_cache_module.template_version()
        changed = ("static/print/syllabus.css", "templates/exports/syllabus.html",
                   "designer/exports/context.py")
        for name in changed:
            path = tmp_path / name
            path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            pdf_cache_module.template_version.cache_clear()
            after = pdf_cache_module.template_version()
            assert after != before, name
            before = after
    finally:
        monkeypatch.undo()
        pdf_cache_module.template_version.cache_clear()


def test_context_holds_only_plain_data(app, approved):
    _, design_id, revision_id = approved
    with app.app_context():
        design = db.session.get(Design, design_id)
        revision = db.session.get(DesignRevision, revision_id)
        context = build_syllabus_context(design, revision, report=None, draft=True)

    def plain(value):
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list | tuple):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, str | int | float | bool)

    assert plain(context)
    assert [w["week"] for w in context["weeks"]] == [f"Week {n}" for n in range(1, 7)]


def test_exports_need_an_approved_revision(client, make_user, make_design, login_as):
    owner = make_user("faculty")
    design_id = make_design(owner)
    login_as(owner)
    for path in ("syllabus.pdf", "badge.json"):
        response = client.get(f"/designs/{design_id}/{path}", follow_redirects=True)
        assert "has no approved revision yet" in response.get_data(as_text=True)


def test_who_may_download(client, make_user, make_design, login_as, approved):
    owner, design_id, _ = approved
    colleague = make_user("faculty")
    stranger = make_user("faculty", institution="Other University")
    organiser = make_user("organiser")
    draft_id = make_design(owner)
    login_as(stranger)
    assert client.get(f"/designs/{design_id}/badge.json").status_code == 403
    assert client.get(f"/designs/{draft_id}/preview.pdf").status_code == 403
    login_as(colleague)  # the same institution's faculty may read (and export) approved designs
    assert client.get(f"/designs/{design_id}/badge.json").status_code == 200
    assert client.get(f"/designs/{draft_id}/preview.pdf").status_code == 403
    login_as(organiser)
    assert client.get(f"/designs/{design_id}/badge.json").status_code == 200
    assert client.get(f"/designs/{draft_id}/preview.pdf").status_code == 403
    page = client.get(f"/designs/{design_id}").get_data(as_text=True)
    assert "Download approved PDF" in page and "Open Badges JSON" in page


def test_cache_writes_atomically(tmp_path):
    cache = PdfCache(tmp_path)
    cache.put("7-1", b"%PDF-1.7 first")
    cache.put("7-1", b"%PDF-1.7 second")
    assert cache.get("7-1") == b"%PDF-1.7 second"
    assert [p.name for p in tmp_path.iterdir()] == [
        f"revision-7-1-t{template_version()}.pdf"
    ]  # no temp files left
    assert cache.get("8-1") is None


def test_design_page_shows_preview_button_to_authors(client, make_user, make_design, login_as):
    owner = make_user("faculty")
    design_id = make_design(owner, example_document())
    login_as(owner)
    page = client.get(f"/designs/{design_id}").get_data(as_text=True)
    assert "Draft PDF preview" in page and "Download approved PDF" not in page


def test_syllabus_is_tagged_pdf_ua_with_language_alt_text_and_metadata(app, runner, approved, tmp_path):
    import subprocess

    _, design_id, _ = approved
    output = tmp_path / "syllabus.pdf"
    result = runner.invoke(args=["designs", "export", str(design_id), "--format", "pdf", "-o", str(output)])
    assert result.exit_code == 0, result.output
    info = subprocess.run(["pdfinfo", str(output)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+Digital Marketing Analytics Essentials$", info, re.M)
    assert re.search(r"^Author:\s+Example State Open University$", info, re.M)
    assert re.search(r"^Metadata Stream:\s+yes$", info, re.M)
    pdf = reader(output.read_bytes())
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    xmp = pdf.xmp_metadata
    assert "Digital Marketing Analytics Essentials" in xmp.dc_title.values()
    assert "pdfuaid" in root["/Metadata"].get_object().get_data().decode()
    assert "Logo of Example State Open University" in _struct_values(pdf, "/Alt")
    assert "hi" in _struct_values(pdf, "/Lang")  # the Hindi section, for screen readers
    archival = tmp_path / "archival.pdf"
    result = runner.invoke(args=["designs", "export", str(design_id), "--format", "pdf-a",
                                 "-o", str(archival)])
    assert result.exit_code == 0, result.output
    assert b"pdfaid" in reader(archival.read_bytes()).trailer["/Root"]["/Metadata"].get_object().get_data()


def _struct_values(pdf, key: str) -> list[str]:
    """The values of `key` on every structure element."""
    found = []

    def walk(node, depth=0):
        node = node.get_object()
        if depth > 40:
            return
        if key in node:
            found.append(str(node[key]))
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                walk(kid, depth + 1)

    walk(pdf.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_weasyprint_patch_is_isolated():
    """The patch only adds /Lang where an element has its own lang; without one the PDF is unchanged."""
    from weasyprint import HTML
    from weasyprint.pdf import tags

    from designer.exports import weasyprint_patch

    assert weasyprint_patch.apply() and tags._build_box_tree is weasyprint_patch._build_box_tree_with_lang
    marked = '<html lang="en"><p>x</p><section lang="hi"><p>हिंदी</p></section></html>'
    plain = '<html lang="en"><p>x</p><section><p>plain</p></section></html>'
    options = {"pdf_variant": "pdf/ua-1", "uncompressed_pdf": True}
    assert b"/Lang (hi)" in HTML(string=marked).write_pdf(**options)
    patched = HTML(string=plain).write_pdf(**options)
    tags._build_box_tree = weasyprint_patch._original_build_box_tree
    try:
        original = HTML(string=plain).write_pdf(**options)
        assert b"/Lang (hi)" not in HTML(string=marked).write_pdf(**options)  # what upstream does today
    finally:
        weasyprint_patch.apply()
    strip = re.compile(rb"/CreationDate \([^)]*\)|/ModDate \([^)]*\)|<xmp:\w+Date>[^<]*</xmp:\w+Date>"
                       rb"|/ID \[[^\]]*\]")
    assert strip.sub(b"", patched) == strip.sub(b"", original)


def test_resource_urls_are_links_and_only_web_urls(app, make_user, make_design, approve):
    document = example_document()
    document["resources"][0]["url"] = "https://example.edu/videos"
    document["resources"][1]["url"] = "javascript:alert(1)"
    design_id = make_design(make_user("faculty"), document)
    approve(design_id)
    with app.test_request_context():
        html = _approved_html(app, design_id)
    assert '<a class="url" href="https://example.edu/videos">' in html
    assert 'href="javascript:' not in html and '<span class="url">javascript:alert(1)</span>' in html
