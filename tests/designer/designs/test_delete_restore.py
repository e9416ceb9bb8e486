"""Deleting asks first on a page of its own, moves the draft to "Recently deleted", and a deleted draft can
be restored with all its revisions for 30 days; then it is purged."""

from datetime import UTC, datetime, timedelta

from designer.designs import services
from designer.extensions import db
from designer.models import AuditEvent, Design
from tests.conftest import login
from tests.designer.designs.helpers import count, design_row, flashed_text, revisions


def test_delete_asks_on_a_confirmation_page_that_needs_no_javascript(app, client, make_user, make_design):
    owner = make_user("faculty")
    design_id = make_design(owner)
    login(client, owner)
    page = client.get(f"/designs/{design_id}/delete")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Delete “Digital Marketing Analytics Essentials”?" in html
    assert f'action="/designs/{design_id}/delete"' in html and "Keep it" in html
    assert "30 days" in html
    assert count(app) == 1 and design_row(app, design_id).deleted_at is None  # asking changed nothing
    show = client.get(f"/designs/{design_id}").get_data(as_text=True)
    assert f'href="/designs/{design_id}/delete"' in show  # the design page links to the question


def test_deleted_draft_is_hidden_listed_and_restored(app, client, make_user, make_design):
    owner = make_user("faculty")
    design_id = make_design(owner)
    login(client, owner)
    assert client.post(f"/designs/{design_id}/delete").status_code == 303
    client.get("/designs")  # shows the flash
    assert "Digital Marketing Analytics Essentials" not in client.get("/designs").get_data(as_text=True)
    assert client.get(f"/designs/{design_id}").status_code == 404
    assert client.get(f"/designs/{design_id}/edit").status_code == 404
    listing = client.get("/designs/deleted").get_data(as_text=True)
    assert "Digital Marketing Analytics Essentials" in listing and "Restore Digital Marketing" in listing

    response = client.post(f"/designs/{design_id}/restore")
    assert response.status_code == 303 and response.location.endswith(f"/designs/{design_id}")
    assert "Restored 'Digital Marketing Analytics Essentials'." in flashed_text(client)
    assert design_row(app, design_id).deleted_at is None and revisions(app) == 1
    assert client.get(f"/designs/{design_id}").status_code == 200
    with app.app_context():
        actions = db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["delete", "restore"]


def test_only_the_owner_sees_and_restores_deleted_drafts(app, client, make_user, make_design):
    owner, other = make_user("faculty"), make_user("faculty")
    design_id = make_design(owner)
    login(client, owner)
    client.post(f"/designs/{design_id}/delete")
    stranger = app.test_client()
    login(stranger, other)
    assert "Digital Marketing" not in stranger.get("/designs/deleted").get_data(as_text=True)
    assert stranger.post(f"/designs/{design_id}/restore").status_code == 404
    assert design_row(app, design_id).deleted_at is not None


def test_after_30_days_restore_is_refused_and_purge_removes_the_design(app, ctx, make_user, make_design):
    from designer.models import User

    owner = db.session.get(User, make_user("faculty"))
    design = db.session.get(Design, make_design(owner.id))
    services.delete_design(db.session, design, owner)
    design.deleted_at = datetime.now(UTC) - timedelta(days=31)
    db.session.commit()
    try:
        services.restore_design(db.session, design, owner)
        raise AssertionError("restored after 30 days")
    except services.DesignError as exc:
        assert "more than 30 days ago" in str(exc)
    assert services.deleted_designs_for(db.session, owner) == []
    assert services.purge_deleted(db.session, datetime.now(UTC) - timedelta(days=2)) == 0
    assert services.purge_deleted(db.session) == 1
    db.session.commit()
    assert count(app) == 0


def test_purge_cli_removes_expired_drafts(app, runner, make_user, make_design):
    owner = make_user("faculty")
    design_id = make_design(owner)
    with app.app_context():
        db.session.get(Design, design_id).deleted_at = datetime.now(UTC) - timedelta(days=40)
        db.session.commit()
    result = runner.invoke(args=["designs", "purge-deleted"])
    assert result.exit_code == 0 and "Removed 1 design deleted more than 30 days ago." in result.output
    assert count(app) == 0


def test_housekeeping_purges_expired_drafts_without_anyone_running_the_command(app, make_user, make_design):
    from designer.jobs.recovery import housekeeping

    owner = make_user("faculty")
    expired, recent = make_design(owner), make_design(owner)
    with app.app_context():
        db.session.get(Design, expired).deleted_at = datetime.now(UTC) - timedelta(days=31)
        db.session.get(Design, recent).deleted_at = datetime.now(UTC) - timedelta(days=29)
        db.session.commit()
        housekeeping()
        db.session.remove()
        assert db.session.get(Design, expired) is None and db.session.get(Design, recent) is not None
