"""Every designs route x every role: who may see and change what.

The expected status codes are the tables below, read by the tests (so the documentation cannot drift
from what is checked). 200 = shown, 302 = done (redirect after the action) or, for anonymous, sent to
the login page, 303 = refused with an explanation on the design page, 403 = forbidden, 405 = that
method is not offered on that address. Every role works on the same design "D", a draft owned by
`owner` and shared with `coauthor`; the reviewers differ only in their institution.
"""

import io
import json

import pytest
from werkzeug.security import generate_password_hash

from designer.designs.services import create_design
from designer.extensions import db
from designer.models import Design, Status, User
from tests.conftest import INSTITUTION, example_document, login

ROLES = (
    "owner",
    "coauthor",
    "other_faculty",
    "reviewer_same",
    "reviewer_other",
    "organiser",
    "admin",
    "anonymous",
)

DRAFT_MATRIX = """
route             method  owner coauthor other_faculty reviewer_same reviewer_other organiser admin anonymous
index             GET     200   200      200           200           200            200       200   302
index             POST    405   405      405           405           405            405       405   405
new               GET     200   200      200           200           200            403       200   302
new               POST    302   302      302           302           302            403       302   302
edit              GET     200   200      403           403           403            403       403   302
edit              POST    302   302      403           403           403            403       403   302
show              GET     200   200      403           403           403            403       200   302
show              POST    405   405      405           405           405            405       405   405
export            GET     200   200      403           403           403            403       200   302
import            GET     200   200      200           200           200            403       200   302
import            POST    302   302      302           302           302            403       302   302
clone             GET     405   405      405           405           405            405       405   405
clone             POST    302   302      403           403           403            403       302   302
delete            GET     200   403      403           403           403            403       403   302
delete            POST    303   403      403           403           403            403       403   302
coauthor_add      POST    302   403      403           403           403            403       403   302
coauthor_remove   POST    302   403      403           403           403            403       403   302
resolve           GET     405   405      405           405           405            405       405   405
resolve           POST    302   302      403           403           403            403       403   302
"""

# The same design once submitted to the committee: reviewers of its institution may now read it,
# nobody may edit or delete it (the editor sends authors to the design page, 302).
SUBMITTED_MATRIX = """
route             method  owner coauthor other_faculty reviewer_same reviewer_other organiser admin anonymous
show              GET     200   200      403           200           403            403       200   302
export            GET     200   200      403           200           403            403       200   302
edit              GET     302   302      403           403           403            403       403   302
edit              POST    302   302      403           403           403            403       403   302
clone             POST    302   302      403           302           403            403       302   302
delete            GET     303   403      403           403           403            403       403   302
delete            POST    303   403      403           403           403            403       403   302
"""

DESIGN_ROUTES = ("edit", "show", "export", "clone", "delete", "coauthor_add", "coauthor_remove", "resolve")


def parse(matrix: str) -> list[tuple[str, str, str, int]]:
    """(route, method, role, expected status) for every cell of a matrix."""
    header, *rows = [line.split() for line in matrix.strip().splitlines()]
    assert tuple(header[2:]) == ROLES
    return [
        (row[0], row[1], role, int(code)) for row in rows for role, code in zip(ROLES, row[2:], strict=True)
    ]


CHEAP_HASH = generate_password_hash("unused-here", method="pbkdf2:sha256:1")  # logins go through the session


@pytest.fixture
def world(app):
    """The people of the matrix and design D; returns {role: user id} plus 'design' and 'spare'."""
    people = {
        "owner": ("faculty", INSTITUTION),
        "coauthor": ("faculty", INSTITUTION),
        "other_faculty": ("faculty", INSTITUTION),
        "reviewer_same": ("reviewer", INSTITUTION),
        "reviewer_other": ("reviewer", "Other University"),
        "organiser": ("organiser", INSTITUTION),
        "admin": ("admin", INSTITUTION),
        "spare": ("faculty", INSTITUTION),
    }
    with app.app_context():
        users = {
            name: User(
                email=f"{name}@test.example",
                name=name,
                role=role,
                institution=institution,
                password_hash=CHEAP_HASH,
            )
            for name, (role, institution) in people.items()
        }
        db.session.add_all(users.values())
        db.session.flush()
        design = create_design(db.session, users["owner"], example_document())
        design.coauthors.append(users["coauthor"])
        db.session.commit()
        return {name: user.id for name, user in users.items()} | {"design": design.id}


def request_for(route: str, world: dict, design_id: int) -> tuple[str, dict]:
    """URL and form data of a request that would succeed for someone allowed to make it."""
    base = f"/designs/{design_id}"
    example = json.dumps(example_document() | {"title": "Resolved"})
    return {
        "index": ("/designs", {}),
        "new": ("/designs/new", {"title": "A new one", "base_revision": "0", "op": "save"}),
        "edit": (f"{base}/edit", {"title": "Changed", "base_revision": "1", "op": "save"}),
        "show": (base, {}),
        "export": (f"{base}/export.json", {}),
        "import": (
            "/designs/import",
            {"file": (io.BytesIO(json.dumps(example_document()).encode()), "d.json")},
        ),
        "clone": (f"{base}/clone", {}),
        "delete": (f"{base}/delete", {}),
        "coauthor_add": (f"{base}/coauthors", {"email": "spare@test.example"}),
        "coauthor_remove": (f"{base}/coauthors/{world['coauthor']}/remove", {}),
        "resolve": (f"{base}/resolve", {"document": example, "base_revision": "1"}),
    }[route]


def call(client, method: str, url: str, data: dict):
    if method == "GET":
        return client.get(url)
    return client.post(url, data=data, content_type="multipart/form-data")


def client_as(app, world: dict, role: str):
    client = app.test_client()
    if role != "anonymous":
        login(client, world[role])
    return client


@pytest.mark.parametrize("route, method, role, expected", parse(DRAFT_MATRIX))
def test_draft_design_matrix(app, world, route, method, role, expected):
    url, data = request_for(route, world, world["design"])
    response = call(client_as(app, world, role), method, url, data)
    assert response.status_code == expected, response.get_data(as_text=True)[:300]
    if role == "anonymous" and expected == 302:
        assert "/login?next=" in response.location


@pytest.mark.parametrize("route, method, role, expected", parse(SUBMITTED_MATRIX))
def test_submitted_design_matrix(app, world, route, method, role, expected):
    with app.app_context():
        db.session.get(Design, world["design"]).status = Status.SUBMITTED.value
        db.session.commit()
    url, data = request_for(route, world, world["design"])
    response = call(client_as(app, world, role), method, url, data)
    assert response.status_code == expected
    with app.app_context():  # a refused or redirected request changed nothing
        design = db.session.get(Design, world["design"])
        assert design is not None and design.latest_revision == 1


@pytest.mark.parametrize("route", DESIGN_ROUTES)
@pytest.mark.parametrize("role", ["owner", "admin", "anonymous"])
def test_nonexistent_design_is_404(app, world, route, role):
    url, data = request_for(route, world, 999)
    method = "GET" if route in {"edit", "show", "export"} else "POST"
    response = call(client_as(app, world, role), method, url, data)
    assert response.status_code == (302 if role == "anonymous" else 404)


def test_faculty_guessing_another_design_url_sees_nothing_of_it(app, world):
    client = client_as(app, world, "other_faculty")
    for url in (
        f"/designs/{world['design']}",
        f"/designs/{world['design']}/edit",
        f"/designs/{world['design']}/export.json",
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "Digital Marketing" not in response.get_data(as_text=True)
    assert "Digital Marketing" not in client.get("/designs").get_data(as_text=True)
    assert "Digital Marketing" not in client.get("/designs?q=digital").get_data(as_text=True)


def test_denied_changes_store_nothing(app, world):
    """A forbidden POST leaves the design exactly as it was."""
    for role in ("other_faculty", "reviewer_same", "admin", "organiser"):
        client = client_as(app, world, role)
        for route in ("edit", "delete", "resolve", "coauthor_add"):
            url, data = request_for(route, world, world["design"])
            assert call(client, "POST", url, data).status_code == 403
    with app.app_context():
        design = db.session.get(Design, world["design"])
        assert design.latest_revision == 1 and [c.email for c in design.coauthors] == [
            "coauthor@test.example"
        ]


def test_organiser_sees_approved_revision_not_work_in_progress(app, client, make_user, make_design, login_as):
    """Authors keep editing after approval; an organiser's page and JSON show only the approved revision."""
    from designer.designs import services
    from designer.extensions import db
    from designer.models import Design, User
    from tests.conftest import example_document

    owner = make_user("faculty")
    organiser = make_user("organiser")
    design_id = make_design(owner)
    with app.app_context():
        design = db.session.get(Design, design_id)
        design.approved_revision_id = services.latest_revision(db.session, design).id
        design.status = "approved"
        draft = example_document() | {"title": "Secret new direction"}
        services.save_revision(db.session, design, draft, db.session.get(User, owner), base_revision=1)
        db.session.commit()
    login_as(organiser)
    page = client.get(f"/designs/{design_id}").get_data(as_text=True)
    assert "Digital Marketing Analytics Essentials" in page and "Secret new direction" not in page
    assert "approved revision 1" in page
    exported = client.get(f"/designs/{design_id}/export.json").get_json()
    assert exported["title"] == "Digital Marketing Analytics Essentials"
    login_as(owner)
    assert "Secret new direction" in client.get(f"/designs/{design_id}").get_data(as_text=True)
