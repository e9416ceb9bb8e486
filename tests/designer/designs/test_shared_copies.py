"""The app ships copies of the shared contract (the schema and the example); they must not drift from it."""

import json

from designer.designs.validation import SCHEMA_PATH
from tests.conftest import EXAMPLE_PATH, SHARED


def test_schema_copy_equals_the_shared_schema():
    shared = json.loads((SHARED / "spec" / "design.schema.json").read_text(encoding="utf-8"))
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == shared


def test_demo_example_equals_the_shared_example():
    path = SHARED / "spec" / "examples" / "digital-marketing-analytics.json"
    shared = json.loads(path.read_text(encoding="utf-8"))
    assert json.loads(EXAMPLE_PATH.read_text(encoding="utf-8")) == shared
