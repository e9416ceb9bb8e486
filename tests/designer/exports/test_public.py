"""The public catalogue: on by configuration, only approved revisions (never a draft), search and filters,
one stable page per approved revision with schema.org Course JSON-LD and the exports."""

import json
import re

import pytest

from designer.designs.services import save_revision
from designer.extensions import db
from designer.models import Design, User
from tests.conftest import example_document


@pytest.fixture
def public(app):
    saved = {k: app.config.get(k) for k in ("PUBLIC_CATALOGUE", "PUBLIC_BASE_URL", "INSTITUTION_WEBSITE")}
    app.config.update(PUBLIC_CATALOGUE=True, PUBLIC_BASE_URL="https://courses.example.edu",
                      INSTITUTION_WEBSITE="https://www.example.edu/")
    yield
    app.config.update(saved)


@pytest.fixture
def designs(make_user, make_design, approve):
    owner = make_user("faculty", department="School of Commerce")
    analytics = make_design(owner, {**example_document(), "isced_f": "0414"})
    approve(analytics)
    writing = make_design(owner, {**example_document(), "title": "Academic Writing", "code": "MC-WR-3",
                                  "credits": 4, "languages": ["en"], "field_of_study": "Languages",
                                  "level": {"framework": "NCrF", "value": 4.5}})
    approve(writing)
    draft = make_design(owner, {**example_document(), "title": "Secret Draft Course", "code": "MC-DR-1"})
    return {"owner": owner, "analytics": analytics, "writing": writing, "draft": draft}


def test_off_unless_configured(client, designs):
    assert client.get("/catalogue/public").status_code == 404
    assert client.get(f"/catalogue/public/designs/{designs['analytics']}/r1").status_code == 404


def test_lists_only_approved_designs_without_login(client, public, designs):
    page = client.get("/catalogue/public")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Digital Marketing Analytics Essentials" in text and "Academic Writing" in text
    assert "Secret Draft Course" not in text and "MC-DR-1" not in text
    assert "<script" not in text  # works without JavaScript: plain forms and links


@pytest.mark.parametrize("query, expected", [
    ("q=writing", ["Academic Writing"]),
    ("level=4.5", ["Academic Writing"]),
    ("credits=2", ["Digital Marketing Analytics Essentials"]),
    ("field=0414", ["Digital Marketing Analytics Essentials"]),
    ("field=Languages", ["Academic Writing"]),
    ("language=hi", ["Digital Marketing Analytics Essentials"]),
    ("department=School+of+Commerce", ["Academic Writing", "Digital Marketing Analytics Essentials"]),
    ("q=draft", []),
])
def test_search_and_filters(client, public, designs, query, expected):
    text = client.get(f"/catalogue/public?{query}").get_data(as_text=True)
    shown = re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', text)
    assert shown == expected


def test_an_unknown_filter_value_is_a_clear_400(client, public, designs):
    page = client.get("/catalogue/public?level=99")
    assert page.status_code == 400 and "Choose one of the options in the list." in page.get_data(as_text=True)


def test_design_page_has_course_json_ld_and_the_exports(client, public, designs):
    design_id = designs["analytics"]
    page = client.get(f"/catalogue/public/designs/{design_id}/r1")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    [raw] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    course = json.loads(raw)
    assert course["@type"] == "Course" and course["name"] == "Digital Marketing Analytics Essentials"
    assert course["courseCode"] == "MC-DMA-101" and course["provider"]["url"] == "https://www.example.edu/"
    assert course["numberOfCredits"]["value"] == 2.0 and len(course["teaches"]) == 4
    assert 'lang="hi"' in text and "डिजिटल मार्केटिंग" in text
    base = f"/catalogue/public/designs/{design_id}/r1/"
    assert client.get(base + "syllabus.pdf").data.startswith(b"%PDF")
    achievement = client.get(base + "achievement.json").get_json()
    assert achievement["id"] == "https://courses.example.edu" + base + "achievement.json"  # resolvable
    assert client.get(base + "achievement.hi.json").get_json()["inLanguage"] == "hi"
    assert client.get(base + "ctdl.json").get_json()["@type"] == "ceterms:MicroCredential"
    assert b"LearningOpportunity" in client.get(base + "elm.jsonld").data
    assert client.get(base + "elm.ttl").mimetype == "text/turtle"
    assert client.get(base + "credential-template.json").get_json()["type"][1] == "OpenBadgeCredential"
    assert client.get(base + "badge.png").data.startswith(b"\x89PNG")
    assert client.get(base + "nothing.json").status_code == 404
    level = client.get("/catalogue/public/levels/NCrF/5").get_data(as_text=True)
    assert "Digital Marketing Analytics Essentials" in level and "Academic Writing" not in level


def test_never_a_draft_not_even_a_later_revision_of_an_approved_design(app, client, public, designs):
    design_id = designs["analytics"]
    with app.app_context():
        design = db.session.get(Design, design_id)
        edited = {**example_document(), "title": "Unreviewed new title", "summary": "Not approved yet."}
        save_revision(db.session, design, edited, db.session.get(User, designs["owner"]),
                      base_revision=design.latest_revision)
        db.session.commit()
    assert client.get(f"/catalogue/public/designs/{design_id}/r2").status_code == 404
    page = client.get(f"/catalogue/public/designs/{design_id}/r1").get_data(as_text=True)
    assert "Unreviewed new title" not in page and "Not approved yet." not in page
    assert "Unreviewed new title" not in client.get("/catalogue/public").get_data(as_text=True)
    assert "Unreviewed" not in client.get(f"/catalogue/public/designs/{design_id}/r1/achievement.json"
                                          ).get_data(as_text=True)
    for path in (f"/catalogue/public/designs/{designs['draft']}/r1",
                 f"/catalogue/public/designs/{designs['draft']}/r1/syllabus.pdf"):
        assert client.get(path).status_code == 404


def test_exports_take_the_institutions_web_page_from_its_stored_profile(app, client, public, designs):
    from designer.institution.models import InstitutionProfile

    with app.app_context():
        db.session.add(InstitutionProfile(name="Example State Open University", legal_name="ESOU",
                                          website="https://esou.example.ac.in/", previous_values={}))
        db.session.commit()
    base = f"/catalogue/public/designs/{designs['analytics']}/r1/"
    issuer = client.get(base + "credential-template.json").get_json()["issuer"]
    assert issuer["id"] == "https://esou.example.ac.in/"
    ctdl = client.get(base + "ctdl.json").get_json()
    assert ctdl["ceterms:ownedBy"][0]["ceterms:subjectWebpage"] == "https://esou.example.ac.in/"
