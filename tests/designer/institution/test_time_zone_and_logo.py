"""The profile's time zone and logo are used: pages show times in the institution's zone (not only
TIMEZONE), the header and the syllabus PDF carry the uploaded logo."""

import io

from PIL import Image
from pypdf import PdfReader

from designer.extensions import db
from designer.institution.profile import get_profile, update_profile
from designer.models import User
from tests.conftest import INSTITUTION, login
from tests.designer.exports.conftest import approve_design


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 30), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _set_profile(app, admin_id, values, logo=None) -> int:
    with app.app_context():
        profile = get_profile(db.session, INSTITUTION)
        update_profile(db.session, db.session.get(User, admin_id), profile, values, logo)
        db.session.commit()
        return profile.id


def test_pages_show_times_in_the_profiles_time_zone(app, client, make_user):
    admin = make_user("admin")
    login(client, admin)
    _set_profile(app, admin, {"short_name": "TU"})
    assert " IST" in client.get("/admin/audit").text  # TIMEZONE (Asia/Kolkata) while the profile keeps it
    _set_profile(app, admin, {"time_zone": "America/New_York"})
    page = client.get("/admin/audit").text
    assert " EST" in page and " IST" not in page  # December in New York
    with app.app_context():
        assert get_profile(db.session, "Another Place").time_zone == "Asia/Kolkata"  # a new profile: TIMEZONE


def test_the_uploaded_logo_is_in_the_header_and_the_syllabus(app, client, make_user, make_design):
    admin, author = make_user("admin"), make_user("faculty")
    design = make_design(author)
    login(client, author)
    assert 'class="institution-logo"' not in client.get("/designs").text
    plain = client.get(f"/designs/{design}/preview.pdf").data
    profile_id = _set_profile(app, admin, {"short_name": "TU"}, logo=(_png(), "image/png"))
    page = client.get("/designs").text
    assert f'src="/institution/{profile_id}/logo" alt="TU logo"' in page
    assert client.get(f"/institution/{profile_id}/logo").mimetype == "image/png"

    def images(pdf: bytes) -> int:
        first = PdfReader(io.BytesIO(pdf)).pages[0]
        return len(first.images)

    assert images(plain) == 0  # the app's own SVG logo is drawn, not an image
    assert images(client.get(f"/designs/{design}/preview.pdf").data) == 1
    approve_design(app, design)
    assert images(client.get(f"/designs/{design}/syllabus.pdf").data) == 1
