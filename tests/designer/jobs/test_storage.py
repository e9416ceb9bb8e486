"""STORAGE_BACKEND=database: a PDF rendered on one machine is served on another with an empty folder."""

import pytest
import sqlalchemy as sa

from designer import storage
from designer.exports import jobs as pack_jobs
from designer.exports import pdf, syllabus
from designer.extensions import db
from designer.jobs.models import Job
from designer.models import Design, User
from designer.storage import StoredFile
from tests.conftest import login


@pytest.fixture
def two_machines(make_app, app, tmp_path):
    """Two apps on the same database with their own local folders, as a worker and a web server."""
    apps = [make_app(STORAGE_BACKEND="database", PDF_CACHE_DIR=str(tmp_path / name), RENDER_ON_APPROVAL=True,
                     PACK_WORKERS=0) for name in ("worker", "web")]
    yield apps
    for machine in apps:
        storage._STORES.pop(storage._key(machine.config["PDF_CACHE_DIR"]), None)


def test_the_web_machine_serves_what_the_worker_rendered_without_rendering(two_machines, people, make_design,
                                                                           monkeypatch, tmp_path):
    from tests.designer.jobs.conftest import Flow

    worker, web = two_machines
    design_id = make_design(people.author)
    Flow(worker).approve(design_id, people.author, people.reviewer)  # rendered on approval, by "worker"
    with worker.app_context():
        names = sorted(db.session.scalars(sa.select(StoredFile.name)), key=lambda n: not n.startswith("rev"))
    # the syllabus, and the page stamps every pack shares (prepared with it)
    assert len(names) == 2 and names[0].startswith("revision-") and names[1].startswith("front-")
    assert not (tmp_path / "web").exists()

    def no_rendering(*args, **kwargs):
        raise AssertionError("the web machine rendered instead of reading the store")

    monkeypatch.setattr(syllabus, "render_pdf", no_rendering)
    monkeypatch.setattr(pdf, "render_pdf", no_rendering)
    with web.app_context():
        data = syllabus.approved_pdf(db.session, db.session.get(Design, design_id), web.config)
    assert data.startswith(b"%PDF") and (tmp_path / "web" / names[0]).read_bytes() == data


def test_a_pack_merged_by_the_worker_downloads_from_the_web_machine(two_machines, approved, make_user,
                                                                     tmp_path):
    worker, web = two_machines
    ids = approved(2)
    organiser = make_user("organiser")
    with worker.app_context():
        job = pack_jobs.create_job(db.session, db.session.get(User, organiser), ids, title="T", duplex=False)
        db.session.commit()
        job_id = job.id
    with worker.app_context():
        assert db.session.get(Job, job_id).status == "done"
    web_client = web.test_client()
    login(web_client, organiser)
    response = web_client.get(f"/packs/{job_id}/pack.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert (tmp_path / "web" / "packs" / f"pack-{job_id}.pdf").is_file()


def test_an_unknown_backend_is_refused(make_app):
    with pytest.raises(RuntimeError, match="STORAGE_BACKEND must be one of folder, database"):
        make_app(STORAGE_BACKEND="s3")
