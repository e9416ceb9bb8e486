"""The Open Badges 3.0 Achievement export, checked field by field against the 1EdTech data model."""

import json
from pathlib import Path

import jsonschema
import pytest

from designer.designs.services import save_revision
from designer.exports.ob3 import achievement
from designer.extensions import db
from designer.models import Design, User
from tests.conftest import example_document

SCHEMA = json.loads((Path(__file__).with_name("ob3_achievement.schema.json")).read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
OB3_PROPERTIES = set(SCHEMA["properties"])


def validate(data: dict) -> None:
    VALIDATOR.validate(data)
    assert set(data) <= OB3_PROPERTIES, set(data) - OB3_PROPERTIES  # no misspelt or invented property


def test_example_achievement_is_valid_and_complete():
    report = {"figures": {"nlh_total": 60}}
    data = achievement(example_document(), design_id=4, revision_number=3, report=report)
    validate(data)
    assert data["type"] == ["Achievement"] and data["achievementType"] == "MicroCredential"
    assert data["id"].startswith("urn:uuid:")
    assert data["name"] == "Digital Marketing Analytics Essentials"
    assert data["humanCode"] == "MC-DMA-101"
    assert data["creditsAvailable"] == 2.0
    assert (
        "2 NCrF credits (60 notional learning hours; 1 credit = 30 notional learning hours)"
        in data["description"]
    )
    narrative = data["criteria"]["narrative"]
    for expected in (
        "**LO1** Explain how sessions",
        "**LO4** Recommend budget changes",
        "**Dashboard practical**",
        "40% of the grade",
        "supervised, identity verified",
        "Pass mark: 40% overall",
        "Credit: 2 NCrF credits; 1 credit = 30 notional learning hours",
    ):
        assert expected in narrative, expected
    assert "Weekly self-check quizzes" not in narrative  # formative: not a criterion for the award
    [level] = data["alignment"]
    assert level["targetName"] == "NCrF level 5" and level["targetCode"] == "5"
    assert level["targetFramework"] == "National Credit Framework (India)"
    assert data["inLanguage"] == "en" and data["tag"] == [
        "digital marketing",
        "web analytics",
        "data literacy",
    ]
    assert data["creator"]["name"] == "Example State Open University" and data["version"] == "3"
    # The id is stable for a revision and differs between revisions.
    assert achievement(example_document(), design_id=4, revision_number=3, report=None)["id"] == data["id"]
    assert achievement(example_document(), design_id=4, revision_number=4, report=None)["id"] != data["id"]


def test_nsqf_design_aligns_to_its_qualification_pack_and_nos():
    document = example_document()
    document["level"] = {"framework": "NSQF", "value": 4.5}
    document["nsqf"] = {
        "qp_code": "MES/Q0702",
        "nos": [{"code": "MES/N0702", "title": "Analyse campaign data"}],
    }
    data = achievement(document, design_id=1, revision_number=1, report=None)
    validate(data)
    names = [a["targetName"] for a in data["alignment"]]
    assert names == ["NSQF level 4.5", "Qualification Pack MES/Q0702", "Analyse campaign data"]


def test_the_schema_rejects_what_the_data_model_forbids():
    """The check can fail: each broken copy of a valid achievement is refused."""
    good = achievement(example_document(), design_id=1, revision_number=1, report=None)
    broken = [
        {k: v for k, v in good.items() if k != "criteria"},
        {**good, "type": ["Badge"]},
        {**good, "achievementType": "Microcredential"},
        {**good, "criteria": {}},
        {**good, "alignment": [{"type": ["Alignment"], "targetName": "NCrF level 5"}]},
        {**good, "creditsAvailable": "2"},
        {**good, "id": "not a uri"},
    ]
    for data in broken:
        with pytest.raises(jsonschema.ValidationError):
            VALIDATOR.validate(data)


def test_badge_download_and_cli(app, client, runner, make_user, make_design, approve, login_as, tmp_path):
    owner = make_user("faculty")
    design_id = make_design(owner)
    draft_id = make_design(owner)
    approve(design_id)
    login_as(owner)
    response = client.get(f"/designs/{design_id}/badge.json")
    assert response.status_code == 200
    validate(response.get_json())
    output = tmp_path / "badge.json"
    result = runner.invoke(args=["designs", "export", str(design_id), "--format", "ob3", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert json.loads(output.read_text(encoding="utf-8")) == response.get_json()
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
