"""Files written by the CLI follow the umask; a full disk while caching a PDF still serves the PDF."""

import errno
import logging
import os
import stat

import pytest


@pytest.fixture
def approved_design(make_user, make_design, approve):
    owner = make_user("faculty")
    design_id = make_design(owner)
    approve(design_id)
    return owner, design_id


@pytest.fixture
def umask_002():
    old = os.umask(0o002)
    yield
    os.umask(old)


@pytest.mark.parametrize("fmt", ["json", "pdf", "ob3"])
def test_designs_export_follows_the_umask(runner, approved_design, tmp_path, umask_002, fmt):
    _, design_id = approved_design
    out = tmp_path / f"design.{fmt}"
    result = runner.invoke(args=["designs", "export", str(design_id), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o664


def test_pack_build_follows_the_umask(runner, approved_design, tmp_path, umask_002):
    _, design_id = approved_design
    out = tmp_path / "pack.pdf"
    result = runner.invoke(args=["pack", "build", "--title", "T", "--ids", str(design_id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o664


def test_a_full_disk_while_caching_serves_the_pdf_and_logs(app, client, approved_design, login_as,
                                                           monkeypatch, caplog):
    owner, design_id = approved_design
    from designer.exports import cache

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache, "atomic_write", disk_full)
    caplog.set_level(logging.ERROR)
    login_as(owner)
    response = client.get(f"/designs/{design_id}/syllabus.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert "could not write the PDF cache" in caplog.text
