"""A pack request is checked once, by the services; the catalogue page shows each refusal at its field and
stores nothing."""

import pytest
import sqlalchemy as sa

from designer.exports import catalogue as selections
from designer.exports import jobs
from designer.exports.models import PackJob, SavedSelection
from designer.exports.packs import PackError
from designer.extensions import db
from designer.models import User


@pytest.fixture
def approved(make_user, make_design, approve):
    design_id = make_design(make_user("faculty"))
    approve(design_id)
    return design_id


@pytest.mark.parametrize(
    ("title", "ids", "field", "message"),
    [
        ("", "one", "title", "Give the pack a title"),
        ("Workshop", "none", "designs", "Tick at least one approved design"),
        ("Workshop", "draft", "designs", "Not approved or not found"),
    ],
)
def test_create_job_names_the_field_it_refuses(app, ctx, make_user, make_design, approved, title, ids, field,
                                               message):
    organiser = db.session.get(User, make_user("organiser"))
    draft = make_design(organiser.id) if ids == "draft" else None
    design_ids = {"one": [approved], "none": [], "draft": [draft]}[ids]
    with pytest.raises(PackError, match=message) as refused:
        jobs.create_job(db.session, organiser, design_ids, title=title, duplex=False)
    assert refused.value.field == field


def test_save_selection_names_the_field_it_refuses(ctx, make_user):
    class Form:
        class selection_name:  # noqa: N801 - stands in for a WTForms field
            data = ""

        class designs:  # noqa: N801
            data = ["1"]

    with pytest.raises(PackError, match="Give the selection a name") as refused:
        selections.save_selection(db.session, db.session.get(User, make_user("organiser")), Form)
    assert refused.value.field == "selection_name"


def _error_of(page: str, field: str) -> str:
    """The error text the form macro writes under `field` (empty when there is none)."""
    marker = f'id="{field}-error"'
    return page[page.index(marker):page.index("</", page.index(marker))] if marker in page else ""


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "action": "build"}, "title", "Give the pack a title"),
        ({"title": "Workshop", "action": "build", "designs": []}, "designs", "Tick at least one approved"),
        ({"selection_name": "", "action": "save"}, "selection_name", "Give the selection a name"),
    ],
)
def test_the_catalogue_page_shows_the_services_refusal_at_its_field_and_stores_nothing(
    app, client, make_user, login_as, approved, data, field, message
):
    login_as(make_user("organiser"))
    data.setdefault("designs", [str(approved)])
    response = client.post("/catalogue", data=data)
    assert response.status_code == 400
    assert message in _error_of(response.get_data(as_text=True), field)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PackJob)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SavedSelection)) == 0


def test_pack_choices_write_numbers_as_every_page_does(ctx, make_user, make_design, approve):
    from designer.models import Design
    from tests.conftest import example_document

    document = example_document() | {"credits": 2.125}
    design_id = make_design(make_user("faculty"), document)
    approve(design_id)
    [choice] = selections.design_choices(db.session, [db.session.get(Design, design_id)])
    label = choice.label
    assert "2.13 credits" in label and "2.125" not in label  # template_helpers.fmt_number, not :g
