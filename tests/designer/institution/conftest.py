"""Uploaded rubrics are mirrored into a folder; empty it after each test like the database."""

import shutil
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _empty_rubric_store(app):
    yield
    folder = Path(app.config["RUBRICS_STORE_DIR"])
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
