"""The app ships copies of the shared contract (the schema and the example); they must not drift from it.

The app's schema may extend the shared one compatibly: it adds optional properties (isced_f, eqf_level
for the ELM and OB 3.0 exports, department for the JSON export) that the shared contract does not have
yet, and changes nothing else, so
every document valid against the shared schema stays valid against the app's (checked on the example),
and the shared example is still the app's demo example unchanged.
"""

import json

from designer.designs.validation import SCHEMA_PATH
from tests.conftest import EXAMPLE_PATH, SHARED

# Optional top-level properties the app adds: two for the ELM and OB 3.0 exports, and the department the
# JSON export carries so that an import recreates the design where it belongs.
EXTENSIONS = {"isced_f", "eqf_level", "department"}


def test_schema_copy_is_a_compatible_extension_of_the_shared_schema():
    shared = json.loads((SHARED / "spec" / "design.schema.json").read_text(encoding="utf-8"))
    ours = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    added = set(ours["properties"]) - set(shared["properties"])
    assert added <= EXTENSIONS, added
    assert not added & set(ours.get("required", []))
    assert {k: v for k, v in ours["properties"].items() if k not in added} == shared["properties"]
    assert {k: v for k, v in ours.items() if k != "properties"} == {
        k: v for k, v in shared.items() if k != "properties"}


def test_demo_example_equals_the_shared_example():
    path = SHARED / "spec" / "examples" / "digital-marketing-analytics.json"
    shared = json.loads(path.read_text(encoding="utf-8"))
    assert json.loads(EXAMPLE_PATH.read_text(encoding="utf-8")) == shared
