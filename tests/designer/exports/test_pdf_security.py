"""Safe rendering: text in a design can never make WeasyPrint read a file or open a connection."""

import base64
import http.server
import threading

import pytest
from weasyprint.urls import FatalURLFetchingError

from designer.exports.pdf import STATIC_PREFIX, BlockedURL, SafeURLFetcher, render_pdf
from tests.conftest import example_document
from tests.designer.exports.conftest import pdf_text, reader

# A 1x1 PNG: the only kind of image a template may inline.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
    )
).decode()


@pytest.fixture
def loopback():
    """A loopback HTTP server that records every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(base64.b64decode(PIXEL))

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


def test_fetcher_allows_only_data_and_static_files(tmp_path):
    static = tmp_path / "static"
    (static / "print").mkdir(parents=True)
    (static / "print" / "a.css").write_text("p { color: red }")
    (tmp_path / "secret.txt").write_text("secret")
    (static / "link.txt").symlink_to(tmp_path / "secret.txt")
    fetcher = SafeURLFetcher(static)
    assert fetcher.fetch(STATIC_PREFIX + "print/a.css").read() == b"p { color: red }"
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"
    refused = [
        "file:///etc/passwd",
        STATIC_PREFIX + "../secret.txt",
        STATIC_PREFIX + "%2e%2e/secret.txt",
        STATIC_PREFIX + "..%2Fsecret.txt",
        STATIC_PREFIX + "link.txt",
        STATIC_PREFIX + "print",
        "https://app.invalid/secret.txt",
        "http://127.0.0.1:9/x.png",
        "ftp://example.org/x",
    ]
    for url in refused:
        with pytest.raises(BlockedURL):
            fetcher.fetch(url)
    assert fetcher.blocked == refused


def test_hostile_html_fetches_and_embeds_nothing(loopback):
    """Even raw HTML (which templates never produce) gets nothing past the fetcher."""
    base, hits = loopback
    html = f"""<html><head>
      <link rel="stylesheet" href="file:///etc/passwd"><link rel="attachment" href="file:///etc/passwd">
      <style>@import url({base}/import.css); body {{ background: url({base}/bg.png) }}</style></head>
      <body><p>Hostile</p><img src="file:///etc/hostname"><img src="{base}/ssrf.png">
      <img src="static/../pyproject.toml"><img src="/static/%2e%2e/pyproject.toml">
      <img src="data:image/png;base64,{PIXEL}" alt=""></body></html>"""
    document = reader(render_pdf(html))
    assert hits == []
    assert list(document.attachments) == []
    assert sum(len(page.images) for page in document.pages) == 1  # the data: pixel only
    with pytest.raises(FatalURLFetchingError):
        render_pdf(html, fail_on_errors=True)
    assert hits == []


def test_hostile_design_is_printed_as_text(client, make_user, make_design, approve, login_as, loopback):
    base, hits = loopback
    document = example_document()
    document["summary"] = (
        'See <img src="file:///etc/passwd"> and <link rel="attachment" href="file:///etc/passwd">'
    )
    document["purpose"] = f"<style>@import url({base}/x.css);</style><img src='{base}/purpose.png'>"
    document["resources"][0]["url"] = f"{base}/leak.png"
    document["outcomes"][0]["text"] = f'Explain <object data="{base}/o.svg">tags</object> to learners.'
    owner = make_user("faculty")
    design_id = make_design(owner, document)
    approve(design_id)
    login_as(owner)
    response = client.get(f"/designs/{design_id}/syllabus.pdf")  # TESTING: any fetch attempt would abort it
    assert response.status_code == 200
    pdf = reader(response.data)
    assert hits == []
    assert list(pdf.attachments) == []
    assert sum(len(page.images) for page in pdf.pages) == 0
    text = " ".join(pdf_text(response.data))
    assert '<img src="file:///etc/passwd">' in text
    assert f"{base}/leak.png" in text
    assert "root:x:0:0" not in text
