"""The Open Badges 3.0 exports against the official definitions: the AchievementCredential JSON Schema,
the OB 3.0 JSON-LD context, and the edubadges micro-credential profile
(../shared/reference/credential-standards)."""

import json

import pytest

from designer.designs.services import save_revision
from designer.exports.badge_image import badge_png, badge_svg
from designer.exports.ob3 import achievement, credential_template
from designer.extensions import db
from designer.models import Design, User
from tests.conftest import example_document
from tests.designer.exports.standards import (
    edubadges_validators,
    errors,
    expand_offline,
    leaf_count,
    ob3_validator,
)

CONFIG = {
    "PUBLIC_BASE_URL": "https://courses.example.edu",
    "INSTITUTION_WEBSITE": "https://www.example.edu/",
    "INSTITUTION_NAME": "Example State Open University",
}
REPORT = {"figures": {"nlh_total": 60.0, "nlh_per_credit": 30.0, "ects": 2.18}}
ACHIEVEMENT = ob3_validator("Achievement")
CREDENTIAL = ob3_validator()


def make(document=None, config=CONFIG, **kwargs) -> dict:
    return achievement(
        document or example_document(), design_id=4, revision_number=3, report=REPORT, config=config, **kwargs
    )


def template(document=None) -> dict:
    return credential_template(
        document or example_document(),
        design_id=4,
        revision_number=3,
        report=REPORT,
        config=CONFIG,
        valid_from="2026-11-30T10:00:00Z",
    )


def test_example_achievement_is_valid_against_the_official_schema():
    data = make()
    assert errors(ACHIEVEMENT, data) == []
    assert (
        data["type"] == ["Achievement", "EducredentialAchievement"]
        and data["achievementType"] == "MicroCredential"
    )
    assert data["id"] == "https://courses.example.edu/catalogue/public/designs/4/r3/achievement.json"
    assert data["name"] == "Digital Marketing Analytics Essentials" and data["humanCode"] == "MC-DMA-101"
    assert data["creditsAvailable"] == 2.0
    assert (
        "2 NCrF credits (60 notional learning hours; 1 credit = 30 notional learning hours)"
        in data["description"]
    )
    narrative = data["criteria"]["narrative"]
    for expected in (
        "**LO1** Explain how sessions",
        "**Dashboard practical**",
        "40% of the grade",
        "supervised, identity verified",
        "Pass mark: 40% overall",
        "Credit: 2 NCrF credits; 1 credit = 30 notional learning hours",
    ):
        assert expected in narrative, expected
    assert "Weekly self-check quizzes" not in narrative  # formative: not a criterion for the award
    assert data["creator"]["name"] == "Example State Open University" and data["version"] == "3"


def test_the_credit_rule_comes_from_the_rubric_report_not_a_constant():
    data = achievement(
        example_document(),
        design_id=4,
        revision_number=3,
        config=CONFIG,
        report={"figures": {"nlh_total": 50.0, "nlh_per_credit": 25.0, "ects": 2.0}},
    )
    assert "1 credit = 25 notional learning hours" in data["description"]
    assert "1 credit = 25 notional learning hours" in data["criteria"]["narrative"]
    assert data["numberOfCredits"][0]["description"].endswith("1 credit = 25 notional learning hours")


@pytest.mark.parametrize(
    "given, expected",
    [("en-in", "en-IN"), ("EN", "en"), ("hi_deva_in", "hi-Deva-IN"), ("", "en"), ("not a tag", "en")],
)
def test_language_tags_are_normalised_to_the_schema_pattern(given, expected):
    document = {**example_document(), "languages": [given] if given else []}
    data = make(document)
    assert data["inLanguage"] == expected
    assert errors(ACHIEVEMENT, data) == []


def test_the_hindi_translation_is_carried_as_a_related_achievement():
    english, hindi = make(), make(lang="hi")
    assert english["related"] == [
        {"id": hindi["id"], "type": ["Related"], "inLanguage": "hi", "version": "3"}
    ]
    assert hindi["id"].endswith("/achievement.hi.json") and hindi["inLanguage"] == "hi"
    assert hindi["name"] == "डिजिटल मार्केटिंग एनालिटिक्स की अनिवार्यताएँ"
    assert "वेब एनालिटिक्स की सहायता से" in hindi["description"]
    assert "समझाइए कि सत्र, रूपांतरण दर" in hindi["criteria"]["narrative"]
    assert hindi["related"][0]["id"] == english["id"] and hindi["related"][0]["inLanguage"] == "en"
    assert errors(ACHIEVEMENT, hindi) == []
    with pytest.raises(ValueError):
        make(lang="ta")


def test_edubadges_micro_credential_profile_at_achievement_level():
    data = template()
    profile, ects_profile = edubadges_validators()
    assert errors(profile, data) == []
    ach = data["credentialSubject"]["achievement"]
    assert ach["assessmentType"] == "application of a skill"  # the heaviest summative: a project
    assert ach["identityChecked"] is True and ach["participationType"] == "online"
    assert ach["supervisionType"] == "supervised online" and ach["timeInvestment"] == 60
    assert ach["ECTS"] == 2.0  # the estimate, in the profile's steps of 0.5
    [overall, grade] = ach["resultDescription"]
    assert overall["resultType"] == "Percent" and overall["requiredValue"] == "40"
    assert grade["name"] == "Grade (UGC 10-point letter grades)"
    assert [v["unitText"] for v in ach["numberOfCredits"]] == ["NCrF credit", "ECTS credit"]
    assert ach["image"]["id"].startswith("data:image/png;base64,")
    # The ECTS variant needs at least 3 ECTS: a 2-credit design honestly fails it, a 4-credit one passes.
    assert any("ECTS" in e for e in errors(ects_profile, data))
    bigger = example_document()
    for activity in bigger["activities"]:
        activity["hours"] *= 2
    bigger["credits"] = 4
    big = credential_template(
        bigger,
        design_id=4,
        revision_number=3,
        config=CONFIG,
        valid_from="2026-11-30T10:00:00Z",
        report={"figures": {"nlh_total": 112.0, "nlh_per_credit": 30.0, "ects": 4.07}},
    )
    assert errors(ects_profile, big) == [] and errors(profile, big) == []


def test_the_profile_check_can_fail():
    data = template()
    del data["credentialSubject"]["achievement"]["supervisionType"]
    data["credentialSubject"]["achievement"]["participationType"] = "by post"
    profile, _ = edubadges_validators()
    assert len(errors(profile, data)) == 2


def test_alignments_point_at_level_and_standard_descriptions():
    document = example_document()
    document["level"] = {"framework": "NSQF", "value": 4.5}
    document["nsqf"] = {
        "qp_code": "MES/Q0702",
        "nos": [{"code": "MES/N0702", "title": "Analyse campaign data"}],
    }
    data = make(document)
    assert errors(ACHIEVEMENT, data) == []
    assert [a["targetName"] for a in data["alignment"]] == [
        "NSQF level 4.5",
        "Qualification Pack MES/Q0702",
        "Analyse campaign data",
    ]
    urls = [a["targetUrl"] for a in data["alignment"]]
    assert urls[0] == "https://courses.example.edu/catalogue/public/levels/NSQF/4.5"
    assert all(u.startswith("https://courses.example.edu/catalogue/public/") for u in urls)
    assert not any(u.rstrip("/").endswith(".gov.in") for u in urls)  # never a regulator's home page


def test_credential_template_is_valid_and_leaves_the_proof_to_the_issuer():
    data = template()
    assert errors(CREDENTIAL, data) == []
    assert "proof" not in data and data["validFrom"] == "2026-11-30T10:00:00Z"
    issuer = data["issuer"]
    assert issuer["id"] == "https://www.example.edu/" and issuer["name"] == "Example State Open University"
    assert {e["identifierType"]: e["identifier"] for e in issuer["otherIdentifier"]} == {
        "ext:ABCId": "ABC-ESOU-0001",
        "ext:AISHECode": "U-0000",
    }
    subject = data["credentialSubject"]
    assert subject["id"] == "{{LEARNER_ID}}" and subject["result"][0]["value"] == "{{PERCENT}}"
    assert subject["result"][0]["resultDescription"] == subject["achievement"]["resultDescription"][0]["id"]


def test_the_schema_check_can_fail():
    good = make()
    broken = [
        {k: v for k, v in good.items() if k != "criteria"},
        {**good, "type": ["Badge"]},
        {**good, "inLanguage": "en-in"},
        {**good, "creditsAvailable": "2"},
        {**good, "alignment": [{"type": ["Alignment"], "targetName": "NCrF level 5"}]},
    ]
    for data in broken:
        assert errors(ACHIEVEMENT, data), data
    assert errors(CREDENTIAL, {k: v for k, v in template().items() if k != "issuer"})


def _template_achievement() -> dict:
    """The template's Achievement: the wrapper's own terms (issuer, validFrom...) are the VC v2 context's,
    which is not among the reference copies, so only the OB 3.0 part is expanded offline."""
    data = template()
    return {"@context": data["@context"], **data["credentialSubject"]["achievement"]}


@pytest.mark.parametrize("build", [make, lambda: make(lang="hi"), _template_achievement])
def test_json_ld_expansion_drops_no_term(build):
    data = build()
    expanded = expand_offline(data)
    assert leaf_count(expanded) == leaf_count(data)


def test_expansion_check_detects_an_undefined_term():
    data = {**make(), "madeUpTerm": "lost"}
    assert leaf_count(expand_offline(data)) == leaf_count(data) - 1


def test_badge_images_are_drawn_from_the_design():
    svg = badge_svg({**example_document(), "code": "<MC&1>"})
    assert "&lt;MC&amp;1&gt;" in svg and "NCrF level 5" in svg and "2 credits" in svg
    png = badge_png(example_document())
    assert png.startswith(b"\x89PNG") and len(png) > 2000


def test_downloads_and_cli(app, client, runner, make_user, make_design, approve, login_as, tmp_path):
    owner = make_user("faculty")
    design_id = make_design(owner)
    draft_id = make_design(owner)
    approve(design_id)
    login_as(owner)
    response = client.get(f"/designs/{design_id}/badge.json")
    assert response.status_code == 200 and errors(ACHIEVEMENT, response.get_json()) == []
    output = tmp_path / "badge.json"
    result = runner.invoke(args=["designs", "export", str(design_id), "--format", "ob3", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert json.loads(output.read_text(encoding="utf-8")) == response.get_json()
    result = runner.invoke(
        args=["designs", "export", str(design_id), "--format", "ob3-credential", "-o", str(output)]
    )
    assert result.exit_code == 0 and errors(CREDENTIAL, json.loads(output.read_text(encoding="utf-8"))) == []
    hindi = client.get(f"/designs/{design_id}/export/ob3?lang=hi")
    assert hindi.status_code == 200 and hindi.get_json()["inLanguage"] == "hi"
    assert client.get(f"/designs/{design_id}/export/ob3?lang=ta").status_code == 404
    assert client.get(f"/designs/{design_id}/badge.svg").mimetype == "image/svg+xml"
    assert client.get(f"/designs/{design_id}/badge.png").data.startswith(b"\x89PNG")
    result = runner.invoke(args=["designs", "export", str(draft_id), "--format", "ob3", "-o", str(output)])
    assert result.exit_code == 1 and "has no approved revision yet" in result.output
    # The export follows the approved revision, not later edits of the working copy.
    with app.app_context():
        design = db.session.get(Design, design_id)
        edited = {**example_document(), "title": "Renamed after approval"}
        save_revision(
            db.session, design, edited, db.session.get(User, owner), base_revision=design.latest_revision
        )
        db.session.commit()
    assert (
        client.get(f"/designs/{design_id}/badge.json").get_json()["name"]
        == "Digital Marketing Analytics Essentials"
    )
