"""The new-design editor's autosaved copy (issue 11): /designs/new has no design id until its first save,
so each person has one slot of their own (editor_new_autosaves). A row button or the page script keeps
what was typed there, /designs/new offers it back, Restore fills the form without JavaScript, Discard
empties the slot, the first Save empties it too, and nobody else ever sees it."""

import re

import pytest
import sqlalchemy as sa

from designer.extensions import db
from designer.models import Design, DesignRevision, EditorNewAutosave
from tests.conftest import login
from tests.designer.designs.formdata import as_multidict, form_pairs
from tests.designer.designs.helpers import count

URL = "/designs/new"
TITLE = "Half-typed new design"


@pytest.fixture
def owner(make_user, login_as):
    user_id = make_user("faculty", email="owner@test.example", name="Asha Owner")
    login_as(user_id)
    return user_id


def typed(client, **changes) -> list[tuple[str, str]]:
    return [(k, changes.get(k, v)) for k, v in form_pairs(client.get(URL).get_data(as_text=True))]


def slots(app) -> list[EditorNewAutosave]:
    with app.app_context():
        rows = db.session.scalars(sa.select(EditorNewAutosave)).all()
        db.session.expunge_all()
        return rows


def rows(pairs) -> int:
    return sum(1 for k, _ in pairs if re.fullmatch(r"outcomes-\d+-id", k))


def add_outcome(client) -> None:
    pairs = typed(client, title=TITLE, summary="A sentence being wri")
    response = client.post(URL, data=as_multidict(pairs + [("op", "add-outcomes")]))
    assert response.status_code == 200


def test_a_row_button_keeps_a_copy_that_the_new_design_page_offers_and_restores(app, client, owner):
    add_outcome(client)
    [slot] = slots(app)
    assert slot.user_id == owner and ["title", TITLE] in slot.pairs
    assert count(app, Design) == 0 and count(app, DesignRevision) == 0  # a copy, not a design

    page = client.get(URL).get_data(as_text=True)
    assert "You have typing that was not saved" in page
    assert re.search(r"Restore what you were typing \(saved \d\d:\d\d\)", page)
    assert dict(form_pairs(page))["title"] != TITLE  # an empty new design until the person chooses
    assert 'action="/designs/new/autosave/discard"' in page
    assert 'data-autosave="/designs/new/autosave"' in page

    restored = client.get(URL + "?restore=1").get_data(as_text=True)
    form = form_pairs(restored)
    assert dict(form)["title"] == TITLE and dict(form)["summary"] == "A sentence being wri"
    assert rows(form) == rows(form_pairs(page)) + 1  # the row added before leaving is back
    assert "Restored what you were typing" in restored


def test_the_first_save_empties_the_slot(app, client, owner):
    add_outcome(client)
    form = form_pairs(client.get(URL + "?restore=1").get_data(as_text=True))
    response = client.post(URL, data=as_multidict(form + [("op", "save")]))
    assert response.status_code == 302 and count(app, Design) == 1
    assert slots(app) == []
    assert "You have typing that was not saved" not in client.get(URL).get_data(as_text=True)


def test_discard_empties_the_slot(app, client, owner):
    add_outcome(client)
    response = client.post(URL + "/autosave/discard")
    assert response.status_code == 303 and response.location.endswith(URL)
    assert slots(app) == []
    page = client.get(URL).get_data(as_text=True)
    assert "You have typing that was not saved" not in page and dict(form_pairs(page))["title"] != TITLE


def test_the_page_script_endpoint_keeps_a_copy(app, client, owner):
    response = client.post(URL + "/autosave", data=as_multidict(typed(client, title=TITLE)))
    assert response.status_code == 200 and response.json["saved"] is True
    [slot] = slots(app)
    assert ["title", TITLE] in slot.pairs and not any(k == "csrf_token" for k, _ in slot.pairs)
    assert count(app, Design) == 0
    # the next copy replaces it: one slot per person
    client.post(URL + "/autosave", data=as_multidict(typed(client, title="Second try")))
    [slot] = slots(app)
    assert ["title", "Second try"] in slot.pairs


def test_other_people_never_see_my_copy(app, client, owner, make_user):
    add_outcome(client)
    other = app.test_client()
    login(other, make_user("faculty", email="other@test.example"))
    page = other.get(URL).get_data(as_text=True)
    assert "You have typing that was not saved" not in page
    assert TITLE not in other.get(URL + "?restore=1").get_data(as_text=True)
    assert other.post(URL + "/autosave/discard").status_code == 303
    [slot] = slots(app)  # theirs was empty; mine is still there
    assert slot.user_id == owner


def test_the_slot_needs_csrf(make_app, app, owner):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    login(client, owner)
    assert client.post(URL + "/autosave", data={"title": TITLE}).status_code == 400
    assert slots(app) == []
