"""Checking a draft with the rubric engine: the editor's "Check my draft" panel and `flask rubric`."""
