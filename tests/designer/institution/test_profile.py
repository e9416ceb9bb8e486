"""The institution profile: edited by admins (audited, validated), flowing into new designs, and listing
the designs that still carry a value it replaced."""

import io

import pytest
import sqlalchemy as sa

from designer.admin.models import AdminEvent
from designer.extensions import db
from designer.institution.models import InstitutionProfile
from designer.models import Design, DesignRevision
from tests.conftest import INSTITUTION, login
from tests.designer.designs.formdata import as_multidict, form_pairs

PROFILE = {
    "legal_name": "Test University of Pune",
    "short_name": "TUP",
    "website": "https://tup.example.in",
    "country": "IN",
    "region": "Maharashtra",
    "abc_id": "ABC-42",
    "aishe_code": "U-0420",
    "grading_scheme": "UGC 10-point letter grades",
    "pass_mark": "40",
    "approving_bodies": "Board of Studies, Academic Council",
    "qa_process": "Two-stage review by BoS and AC.",
    "review_cycle_months": "24",
    "time_zone": "Asia/Kolkata",
    "default_rubric": "",
}
PNG_1PX = bytes.fromhex(  # a 1 x 1 transparent PNG written by Pillow
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
)


@pytest.fixture
def admin(make_user, login_as):
    admin_id = make_user("admin", email="boss@test.example")
    login_as(admin_id)
    return admin_id


def _save(client, **changes):
    data = {**PROFILE, **changes}
    return client.post("/admin/institution", data=data, content_type="multipart/form-data")


def test_admin_saves_the_profile_and_it_is_audited(app, client, admin):
    assert _save(client).status_code == 302
    with app.app_context():
        profile = db.session.scalar(sa.select(InstitutionProfile))
        assert (profile.name, profile.legal_name, profile.pass_mark, profile.approving_bodies) == (
            INSTITUTION,
            "Test University of Pune",
            40,
            ["Board of Studies", "Academic Council"],
        )
        event = db.session.scalar(sa.select(AdminEvent))
        assert event.action == "change institution profile" and "legal_name" in event.detail


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("country", "India", b"Two capital letters"),
        ("time_zone", "Mars/Olympus", b"Unknown time zone"),
        ("pass_mark", "140", b"between 0"),
        ("website", "tup dot in", b"full address"),
        ("review_cycle_months", "two", b"whole number"),
        ("legal_name", "", b"This field is required"),
    ],
)
def test_bad_values_are_refused_with_a_field_message_and_nothing_is_saved(
    app, client, admin, field, value, message
):
    response = _save(client, **{field: value})
    assert response.status_code == 400 and message in response.data
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(InstitutionProfile)) == 0


def test_logo_png_is_kept_and_served_as_an_image(app, client, admin):
    response = _save(client, logo=(io.BytesIO(PNG_1PX), "logo.png"))
    assert response.status_code == 302
    with app.app_context():
        profile_id = db.session.scalar(sa.select(InstitutionProfile.id))
    logo = client.get(f"/institution/{profile_id}/logo")
    assert logo.mimetype == "image/png" and logo.data == PNG_1PX
    assert "default-src 'none'" in logo.headers["Content-Security-Policy"]
    assert _save(client).status_code == 302  # no new file: the logo stays
    assert client.get(f"/institution/{profile_id}/logo").data == PNG_1PX


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "x.svg",
            b"&lt;script&gt;",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "x.svg", b"event handler"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><image href="http://evil.example/x.png"/></svg>',
            "x.svg",
            b"&lt;image&gt;",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://e.example/a)"/></svg>',
            "x.svg",
            b"links to another file",
        ),
        (b"GIF89a not really", "x.png", b"neither a PNG"),
        (PNG_1PX[:30], "x.png", b"damaged"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * (600 * 1024), "big.png", b"at most 512 KB"),
        (b"<svg/>", "x.gif", b"Only .png or .svg"),
    ],
)
def test_unsafe_or_unfit_logos_are_refused(app, client, admin, content, name, message):
    response = _save(client, logo=(io.BytesIO(content), name))
    assert response.status_code == 400 and message in response.data, response.data[-3000:]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(InstitutionProfile)) == 0


def test_plain_svg_logo_is_accepted(client, admin):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" '
        b'fill="url(#g)"/></svg>'
    )
    assert _save(client, logo=(io.BytesIO(svg), "logo.svg")).status_code == 302


def _new_design(client, title: str) -> int:
    page = client.get("/designs/new").get_data(as_text=True)
    data = as_multidict(form_pairs(page))
    data["title"] = title
    response = client.post("/designs/new", data=data)
    assert response.status_code == 302, response.data[-2000:]
    return int(response.headers["Location"].split("/designs/")[1].split("/")[0])


def test_new_designs_start_from_the_profile(app, client, admin, make_user):
    _save(client)
    author = make_user("faculty")
    login(client, author)
    page = client.get("/designs/new").get_data(as_text=True)
    for value in (
        "Test University of Pune",
        "ABC-42",
        "U-0420",
        "UGC 10-point letter grades",
        "Board of Studies, Academic Council",
        "Two-stage review by BoS and AC.",
    ):
        assert value in page
    design_id = _new_design(client, "Defaults flow")
    with app.app_context():
        document = db.session.scalar(
            sa.select(DesignRevision.document).where(DesignRevision.design_id == design_id)
        )
    assert document["awarding_body"] == {
        "name": "Test University of Pune",
        "country": "IN",
        "region": "Maharashtra",
        "abc_id": "ABC-42",
        "aishe_code": "U-0420",
    }
    assert document["grading"] == {"scheme": "UGC 10-point letter grades", "pass_mark": 40}
    assert document["quality_assurance"]["review_cycle_months"] == 24


def test_a_change_lists_the_designs_that_still_carry_the_old_value(app, client, admin, make_user):
    _save(client)
    author = make_user("faculty")
    login(client, author)
    kept = _new_design(client, "Kept old pass mark")
    login(client, admin)
    assert _save(client, pass_mark="50", aishe_code="U-0999").status_code == 302
    page = client.get("/admin/institution").get_data(as_text=True)
    assert "Kept old pass mark" in page and "Pass mark “40”" in page and "AISHE code “U-0420”" in page
    login(client, author)
    fresh = _new_design(client, "Fresh design")
    with app.app_context():
        assert db.session.get(Design, fresh).title == "Fresh design"
    login(client, admin)
    client.get("/designs")  # the save's flash message names the new design
    page = client.get("/admin/institution").get_data(as_text=True)
    assert "Fresh design" not in page and "Kept old pass mark" in page
    assert kept
