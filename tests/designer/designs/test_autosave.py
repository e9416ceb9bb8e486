"""The editor's autosaved copy (designs.autosave): kept on the server without a revision, offered back
when the editor opens, restored server-side (no JavaScript needed), dropped by Save or Discard; conflicts
still show both versions."""

import pytest
import sqlalchemy as sa

from designer.extensions import db
from designer.models import AuditEvent, DesignRevision, EditorAutosave, design_coauthors
from tests.conftest import login
from tests.designer.designs.formdata import as_multidict, form_pairs
from tests.designer.designs.helpers import count, flashed_text, latest_document


@pytest.fixture
def owner(make_user, login_as):
    user_id = make_user("faculty", email="owner@test.example", name="Asha Owner")
    login_as(user_id)
    return user_id


def typed(client, url, **changes) -> list[tuple[str, str]]:
    """The editor's form as a browser would post it, with `changes` typed in."""
    return [(k, changes.get(k, v)) for k, v in form_pairs(client.get(url).get_data(as_text=True))]


def copies(app) -> list[EditorAutosave]:
    with app.app_context():
        rows = db.session.scalars(sa.select(EditorAutosave)).all()
        db.session.expunge_all()
        return rows


def test_a_kept_copy_is_no_revision_and_no_audit_event_and_is_offered_then_restored(app, client, owner,
                                                                                    make_design):
    design_id = make_design(owner)
    url = f"/designs/{design_id}/edit"
    pairs = typed(client, url, title="Half-typed new title", summary="A sentence being wri")
    before = count(app, DesignRevision), count(app, AuditEvent)
    response = client.post(f"/designs/{design_id}/autosave", data=as_multidict(pairs))
    assert response.status_code == 200 and response.json["saved"] is True
    assert "not saved as a revision yet" in response.json["message"]
    assert (count(app, DesignRevision), count(app, AuditEvent)) == before
    [copy] = copies(app)
    assert ["title", "Half-typed new title"] in copy.pairs and copy.base_revision == 1
    assert not any(name in ("csrf_token", "op") for name, _ in copy.pairs)

    page = client.get(url).get_data(as_text=True)
    assert "You have typing that was not saved" in page
    assert "Restore what you were typing (saved " in page
    assert dict(form_pairs(page))["title"] != "Half-typed new title"  # the saved revision until chosen

    restored = client.get(url + "?restore=1").get_data(as_text=True)
    form = dict(form_pairs(restored))
    assert form["title"] == "Half-typed new title" and form["summary"] == "A sentence being wri"
    assert "Restored what you were typing" in restored and 'data-unsaved=""' in restored

    response = client.post(url, data=as_multidict(list(form.items()) + [("op", "save")]))
    assert response.status_code == 302
    assert latest_document(app, design_id)["title"] == "Half-typed new title"
    assert copies(app) == []  # saving drops the copy
    assert "You have typing that was not saved" not in client.get(url).get_data(as_text=True)


def test_discard_forgets_the_copy(app, client, owner, make_design):
    design_id = make_design(owner)
    url = f"/designs/{design_id}/edit"
    client.post(f"/designs/{design_id}/autosave", data=as_multidict(typed(client, url, title="Scrap")))
    response = client.post(f"/designs/{design_id}/autosave/discard")
    assert response.status_code == 303 and copies(app) == []
    assert "Discarded what you had typed" in flashed_text(client)
    assert latest_document(app, design_id)["title"] != "Scrap"


def test_every_row_button_keeps_a_copy_without_a_revision(app, client, owner, make_design):
    design_id = make_design(owner)
    url = f"/designs/{design_id}/edit"
    pairs = typed(client, url, title="Typed before Add")
    response = client.post(url, data=as_multidict(pairs + [("op", "add-outcomes")]))
    assert response.status_code == 200
    [copy] = copies(app)
    assert ["title", "Typed before Add"] in copy.pairs
    rows = len(latest_document(app, design_id)["outcomes"])
    assert [f"outcomes-{rows}-id", f"LO{rows + 1}"] in copy.pairs  # the page as shown after the button
    assert count(app, DesignRevision) == 1
    # the page after a row button shows unsaved typing: the leave warning is armed from the start
    assert 'data-unsaved="1"' in response.get_data(as_text=True)


def test_a_row_button_does_not_overwrite_a_copy_still_on_offer(app, client, owner, make_design):
    design_id = make_design(owner)
    url = f"/designs/{design_id}/edit"
    client.post(f"/designs/{design_id}/autosave", data=as_multidict(typed(client, url, title="Earlier copy")))
    page = client.get(url).get_data(as_text=True)
    pairs = form_pairs(page)
    assert ("offer_pending", "1") in pairs
    response = client.post(url, data=as_multidict(pairs + [("op", "add-outcomes")]))
    assert "You have typing that was not saved" in response.get_data(as_text=True)
    assert ["title", "Earlier copy"] in copies(app)[0].pairs


def test_a_restored_copy_saved_over_a_coauthors_revision_shows_the_conflict(app, client, owner, make_user,
                                                                            make_design):
    design_id = make_design(owner)
    url = f"/designs/{design_id}/edit"
    client.post(f"/designs/{design_id}/autosave", data=as_multidict(typed(client, url, title="Mine")))
    coauthor = make_user("faculty", email="co@test.example")
    with app.app_context():
        db.session.execute(design_coauthors.insert().values(design_id=design_id, user_id=coauthor))
        db.session.commit()
    other = app.test_client()
    login(other, coauthor)
    assert other.post(url, data=as_multidict(typed(other, url, title="Theirs") + [("op", "save")])
                      ).status_code == 302
    offer = client.get(url).get_data(as_text=True)
    assert "Revision 2 was saved since then" in offer
    restored = form_pairs(client.get(url + "?restore=1").get_data(as_text=True))
    response = client.post(url, data=as_multidict(restored + [("op", "save")]))
    assert response.status_code == 409
    assert "Someone else saved this design while you were editing" in response.get_data(as_text=True)
    assert latest_document(app, design_id)["title"] == "Theirs"
    assert copies(app)  # nothing of mine is lost: the copy stays until I save or discard


def test_the_copy_is_size_limited(app, client, owner, make_design):
    design_id = make_design(owner)
    url = f"/designs/{design_id}/edit"
    app.config["AUTOSAVE_MAX_BYTES"] = 2000
    try:
        response = client.post(f"/designs/{design_id}/autosave",
                               data=as_multidict(typed(client, url, summary="x" * 3000)))
    finally:
        app.config["AUTOSAVE_MAX_BYTES"] = 1024 * 1024
    assert response.status_code == 413 and "press Save draft" in response.json["message"]
    assert copies(app) == []


def test_the_copy_keeps_only_editor_fields(app, client, owner, make_design):
    design_id = make_design(owner)
    client.post(f"/designs/{design_id}/autosave",
                data={"title": "T", "csrf_token": "x", "op": "save", "evil": "1", "outcomes-0-text": "O",
                      "outcomes-0-text-<script>": "no", "at": "outcomes"})
    assert sorted(name for name, _ in copies(app)[0].pairs) == ["outcomes-0-text", "title"]


def test_autosave_after_the_session_ended_answers_json(app, make_user, make_design):
    design_id = make_design(make_user("faculty"))
    response = app.test_client().post(f"/designs/{design_id}/autosave", data={"title": "T"})
    assert response.status_code == 401 and "Your session has ended" in response.json["message"]
    assert copies(app) == []
