"""The editor's department is a choice from the institution's managed departments (not free text): new and
edited designs choose from the list, a value not offered is refused at its field, and a design whose
department was retired (or typed before the list) keeps it."""

import re

import sqlalchemy as sa

from designer.extensions import db
from designer.institution.models import Department
from designer.models import Design
from tests.conftest import INSTITUTION, login


def _departments(app, *names, institution=INSTITUTION, active=True):
    with app.app_context():
        for name in names:
            db.session.add(Department(institution=institution, name=name, active=active))
        db.session.commit()


def _options(html: str) -> list[str]:
    select = re.search(r'<select[^>]*name="department"[^>]*>(.*?)</select>', html, re.S)[1]
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def _department(app, design_id):
    with app.app_context():
        return db.session.get(Design, design_id).department


def test_new_and_edited_designs_choose_from_the_managed_list(app, client, make_user, make_design):
    _departments(app, "School of Commerce", "School of Computing")
    _departments(app, "Old School", active=False)
    _departments(app, "Elsewhere Dept", institution="Other College")
    author = make_user("faculty")
    login(client, author)
    assert _options(client.get("/designs/new").text) == ["No department", "School of Commerce",
                                                          "School of Computing"]
    response = client.post("/designs/new", data={"title": "Data Basics", "base_revision": "0",
                                                 "department": "School of Computing"})
    assert response.status_code == 302
    with app.app_context():
        design = db.session.scalar(sa.select(Design).where(Design.title == "Data Basics"))
        assert design.department == "School of Computing"
        design_id, revision = design.id, design.latest_revision

    for unlisted in ("Typed Freely", "Elsewhere Dept", "Old School"):
        refused = client.post(f"/designs/{design_id}/edit", data={
            "title": "Data Basics", "base_revision": str(revision), "department": unlisted})
        assert refused.status_code == 400 and "Choose one of the options in the list." in refused.text
    assert _department(app, design_id) == "School of Computing"
    client.post(f"/designs/{design_id}/edit", data={"title": "Data Basics", "base_revision": str(revision),
                                                    "department": "School of Commerce"})
    assert _department(app, design_id) == "School of Commerce"


def test_a_retired_or_older_department_stays_on_its_design(app, client, make_user, make_design):
    _departments(app, "School of Commerce")
    _departments(app, "Old School", active=False)
    author = make_user("faculty")
    old = make_design(author, department="Old School")
    login(client, author)
    page = client.get(f"/designs/{old}/edit").text
    assert _options(page) == ["No department", "School of Commerce", "Old School (no longer listed)"]
    assert re.search(r'<option selected value="Old School">|<option value="Old School" selected', page)
    assert client.post(f"/designs/{old}/edit", data={"title": "Renamed", "base_revision": "1",
                                                     "department": "Old School"}).status_code == 302
    assert _department(app, old) == "Old School"
