"""Departments as a managed list: added, renamed (designs follow), retired; offered by the filters."""

import pytest
import sqlalchemy as sa

from designer.extensions import db
from designer.institution.models import Department
from designer.models import Design


@pytest.fixture
def admin(make_user, login_as):
    admin_id = make_user("admin")
    login_as(admin_id)
    return admin_id


def _department_id(app, name):
    with app.app_context():
        return db.session.scalar(sa.select(Department.id).filter_by(name=name))


def test_add_rename_and_retire(app, client, admin, make_user, make_design):
    assert client.post("/admin/departments", data={"name": "  School   of Physics "}).status_code == 302
    response = client.post("/admin/departments", data={"name": "school of physics"})
    assert response.status_code == 400 and b"already a department" in response.data
    author = make_user("faculty", department="School of Physics")
    design = make_design(author)
    physics = _department_id(app, "School of Physics")
    assert (
        client.post(f"/admin/departments/{physics}", data={"name": "Department of Physics"}).status_code
        == 302
    )
    with app.app_context():
        assert db.session.get(Design, design).department == "Department of Physics"
    assert client.post(f"/admin/departments/{physics}/retire").status_code == 302
    with app.app_context():
        assert db.session.get(Department, physics).active is False
    assert b"Offer Department of Physics again" in client.get("/admin/departments").data


def test_departments_of_another_institution_are_not_reachable(app, client, admin):
    with app.app_context():
        other = Department(institution="Elsewhere", name="Secret", active=True)
        db.session.add(other)
        db.session.commit()
        other_id = other.id
    assert client.get(f"/admin/departments/{other_id}").status_code == 404
    assert client.post(f"/admin/departments/{other_id}/retire").status_code == 404


def test_queue_filter_offers_the_managed_list(client, admin, make_user, login_as):
    client.post("/admin/departments", data={"name": "School of Music"})
    login_as(make_user("reviewer"))
    page = client.get("/review/queue").get_data(as_text=True)
    assert '<option value="School of Music">School of Music</option>' in page


def test_catalogue_filter_offers_the_managed_list(client, admin, make_user, login_as):
    client.post("/admin/departments", data={"name": "School of Dance"})
    login_as(make_user("organiser"))
    page = client.get("/catalogue").get_data(as_text=True)
    assert "School of Dance" in page
