"""Concurrent edits through the web, and the actions on a design: clone, delete, co-authors."""

import json

import pytest

from designer.extensions import db
from designer.models import Design, DesignRevision, Status, design_coauthors
from tests.conftest import example_document, login
from tests.designer.designs.formdata import as_multidict, form_pairs
from tests.designer.designs.helpers import count, design_row, flashed_text, latest_document, revisions


@pytest.fixture
def owner(make_user, login_as):
    user_id = make_user("faculty", email="owner@test.example", name="Asha Owner")
    login_as(user_id)
    return user_id


def set_status(app, design_id: int, status: Status) -> None:
    with app.app_context():
        db.session.get(Design, design_id).status = status.value
        db.session.commit()


def test_stale_save_shows_both_versions_and_resolve_keeps_both(app, client, owner, make_user, make_design):
    design_id = make_design(owner)
    url = f"/designs/{design_id}/edit"
    mine = form_pairs(client.get(url).get_data(as_text=True))
    assert ("base_revision", "1") in mine
    # a co-author saves in between, from another browser
    other = app.test_client()
    coauthor = make_user("faculty", email="co@test.example", name="Ravi Coauthor")
    with app.app_context():
        db.session.execute(design_coauthors.insert().values(design_id=design_id, user_id=coauthor))
        db.session.commit()
    login(other, coauthor)
    theirs = [
        (k, "Their title" if k == "title" else v)
        for k, v in form_pairs(other.get(url).get_data(as_text=True))
    ]
    assert other.post(url, data=as_multidict(theirs + [("op", "save")])).status_code == 302

    mine = [(k, "My title" if k == "title" else v) for k, v in mine]
    response = client.post(url, data=as_multidict(mine + [("op", "save")]))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Someone else saved this design while you were editing" in page
    assert "Their title" in page and "My title" in page and "by Ravi Coauthor" in page
    assert revisions(app) == 2 and latest_document(app, design_id)["title"] == "Their title"

    form = dict(form_pairs(page, form_id=None))
    assert form["base_revision"] == "2"
    response = client.post(
        f"/designs/{design_id}/resolve",
        data={"document": form["document"], "base_revision": form["base_revision"]},
    )
    assert response.status_code == 302 and response.location.endswith(url)
    assert "Your version is saved as revision 3; the other version stays in the history." in flashed_text(
        client
    )
    assert latest_document(app, design_id)["title"] == "My title"
    with app.app_context():
        titles = db.session.execute(
            db.select(DesignRevision.number, DesignRevision.document["title"].as_string()).order_by(
                DesignRevision.number
            )
        ).all()
    assert [tuple(t) for t in titles] == [
        (1, "Digital Marketing Analytics Essentials"),
        (2, "Their title"),
        (3, "My title"),
    ]


def test_resolve_on_a_stale_base_is_again_a_conflict(app, client, owner, make_design):
    design_id = make_design(owner)
    client.post(f"/designs/{design_id}/edit", data={"title": "Second", "base_revision": "1", "op": "save"})
    mine = json.dumps(example_document() | {"title": "Mine"})
    response = client.post(f"/designs/{design_id}/resolve", data={"document": mine, "base_revision": "1"})
    assert response.status_code == 409
    assert latest_document(app, design_id)["title"] == "Second"


@pytest.mark.parametrize(
    "data",
    [
        {"document": "not json", "base_revision": "1"},
        {"document": "[]", "base_revision": "1"},
        {"document": json.dumps({"title": "x", "credits": -1}), "base_revision": "1"},
        {"document": "{}", "base_revision": "one"},
    ],
)
def test_resolve_refuses_a_bad_document(app, client, owner, make_design, data):
    design_id = make_design(owner)
    assert client.post(f"/designs/{design_id}/resolve", data=data).status_code == 400
    assert revisions(app) == 1


def test_clone_starts_a_new_draft_for_the_cloner(app, client, make_user, make_design):
    author = make_user("faculty")
    design_id = make_design(author)
    set_status(app, design_id, Status.APPROVED)
    colleague = make_user("faculty", email="colleague@test.example")
    with app.app_context():
        db.session.execute(design_coauthors.insert().values(design_id=design_id, user_id=colleague))
        db.session.commit()
    login(client, colleague)
    response = client.post(f"/designs/{design_id}/clone")
    assert response.status_code == 302
    copy = design_row(app, design_id + 1)
    assert response.location.endswith(f"/designs/{copy.id}/edit")
    assert "This is your copy of 'Digital Marketing Analytics Essentials'" in flashed_text(client)
    assert "Its course code is MC-DMA-102" in flashed_text(client)
    assert copy.owner_id == colleague and copy.status == "draft" and copy.cloned_from_id == design_id
    assert copy.department == design_row(app, design_id).department  # the source's, not the cloner's
    assert latest_document(app, copy.id) == example_document() | {
        "title": "Copy of Digital Marketing Analytics Essentials", "code": "MC-DMA-102",
    }


def test_owner_deletes_a_draft(app, client, owner, make_design):
    design_id = make_design(owner)
    response = client.post(f"/designs/{design_id}/delete")
    assert response.status_code == 303 and response.location.endswith("/designs")
    assert "Deleted 'Digital Marketing Analytics Essentials'. You can restore it" in flashed_text(client)
    assert count(app) == 1 and revisions(app) == 1  # kept for "Recently deleted"
    assert design_row(app, design_id).deleted_at is not None


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.IN_REVIEW, Status.APPROVED])
def test_a_submitted_design_cannot_be_deleted(app, client, owner, make_design, status):
    design_id = make_design(owner)
    set_status(app, design_id, status)
    response = client.post(f"/designs/{design_id}/delete")
    assert response.status_code == 303 and response.location.endswith(f"/designs/{design_id}")
    assert "only while it is a draft" in flashed_text(client)
    assert count(app) == 1


def test_only_the_owner_deletes(app, client, make_user, make_design):
    owner_id = make_user("faculty")
    coauthor = make_user("faculty")
    design_id = make_design(owner_id)
    with app.app_context():
        db.session.execute(design_coauthors.insert().values(design_id=design_id, user_id=coauthor))
        db.session.commit()
    login(client, coauthor)
    assert client.post(f"/designs/{design_id}/delete").status_code == 403
    assert count(app) == 1


def test_coauthor_is_added_by_email_edits_and_is_removed(app, client, owner, make_user, make_design):
    design_id = make_design(owner)
    colleague = make_user("faculty", email="ravi@test.example")
    response = client.post(f"/designs/{design_id}/coauthors", data={"email": "Ravi@Test.example"})
    assert response.status_code == 302
    assert "ravi@test.example can now edit this design." in flashed_text(client)

    other = app.test_client()
    login(other, colleague)
    assert other.get("/designs").get_data(as_text=True).count("Digital Marketing Analytics Essentials") == 1
    response = other.post(
        f"/designs/{design_id}/edit", data={"title": "Improved by Ravi", "base_revision": "1"}
    )
    assert response.status_code == 302
    assert design_row(app, design_id).title == "Improved by Ravi"
    with app.app_context():
        assert db.session.scalar(db.select(DesignRevision.author_id).filter_by(number=2)) == colleague
    assert other.post(f"/designs/{design_id}/coauthors", data={"email": "x@test.example"}).status_code == 403

    response = client.post(f"/designs/{design_id}/coauthors/{colleague}/remove")
    assert response.status_code == 302 and "Co-author removed." in flashed_text(client)
    assert other.get(f"/designs/{design_id}/edit").status_code == 403


@pytest.mark.parametrize(
    "email, message",
    [
        ("nobody@test.example", "There is no faculty account with that email."),
        ("owner@test.example", "owner@test.example is already an author of this design."),
        ("organiser@test.example", "There is no faculty account with that email."),
        ("not an email", "Enter a colleague's email address."),
    ],
)
def test_coauthor_refusals(app, client, owner, make_user, make_design, email, message):
    make_user("organiser", email="organiser@test.example")
    design_id = make_design(owner)
    client.post(f"/designs/{design_id}/coauthors", data={"email": email})
    assert message in flashed_text(client)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(design_coauthors)) == 0
